/** Standing goals carried into a cycle: at most one live goal of the same title per cycle. */
import { type Actor, type Db, findThemeByName, standingGoals } from "@convene/db";
import { ApiError, notFound } from "../errors.ts";
import { createGoal } from "./goals.ts";

/** The live goal in `cycleId` that carries a standing goal (matched by title), if any. */
export async function goalInCycle(db: Db, cycleId: number, title: string) {
  return db
    .selectFrom("goals")
    .select(["id", "visibility"])
    .where("cycleId", "=", cycleId)
    .where("deletedAt", "is", null)
    .where((eb) => eb(eb.fn("lower", ["title"]), "=", title.toLowerCase()))
    .executeTakeFirst();
}

/** Makes the standing goal `key` a goal of the cycle, in the transaction it is handed. */
export async function adoptStandingGoal(trx: Db, actor: Actor, key: string, cycleId: number) {
  const standing = standingGoals.find((s) => s.key === key);
  if (!standing) throw notFound("That standing goal");
  const existing = await goalInCycle(trx, cycleId, standing.title);
  if (existing) throw new ApiError(409, "conflict", "This goal is already in that cycle.", { existingGoalId: existing.id });
  const theme = await findThemeByName(trx, standing.theme);
  return createGoal(trx, actor, {
    cycleId,
    title: standing.title,
    description: standing.description,
    themeId: theme?.id ?? null,
    leadOrganisationId: null,
    supportingOrganisationIds: [],
    status: "not_started",
    dueDate: null,
    visibility: standing.visibility,
  });
}
