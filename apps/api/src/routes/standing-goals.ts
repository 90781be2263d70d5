/**
 * Standing goals: what the group's record says it is still working for, with no cycle of its
 * own (the seed must not invent a cycle's dates). The dashboard shows each one as open and lets
 * the convenor add it to a cycle with one click; until then nothing is written.
 */
import { standingGoals as seedStandingGoals } from "@convene/db";
import { canSee } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, signedIn, viewerOf } from "../context.ts";
import { ApiError, notFound } from "../errors.ts";
import { createGoal } from "../services/goals.ts";
import { validate } from "../validate.ts";

const cycleQuery = z.object({ cycleId: z.coerce.number().int().positive().optional() });
const keyParam = z.object({ key: z.string().min(1).max(100) });
const adoptBody = z.object({ cycleId: z.number({ error: "choose a cycle" }).int().positive() });

/** The live goal in `cycleId` that carries a standing goal (matched by title), if any. */
async function goalInCycle(db: Parameters<typeof createGoal>[0], cycleId: number, title: string) {
  return db
    .selectFrom("goals")
    .select(["id", "visibility"])
    .where("cycleId", "=", cycleId)
    .where("deletedAt", "is", null)
    .where((eb) => eb(eb.fn("lower", ["title"]), "=", title.toLowerCase()))
    .executeTakeFirst();
}

export const standingGoals = new Hono<AppBindings>()
  .get("/", validate("query", cycleQuery), async (c) => {
    signedIn(c);
    const viewer = viewerOf(c);
    const { cycleId } = c.req.valid("query");
    const out = [];
    for (const g of seedStandingGoals.filter((s) => canSee(viewer, s.visibility))) {
      const existing = cycleId ? await goalInCycle(c.var.deps.db, cycleId, g.title) : undefined;
      out.push({ ...g, goalId: existing && canSee(viewer, existing.visibility) ? existing.id : null });
    }
    return c.json({ standingGoals: out }, 200);
  })
  .post("/:key/adopt", validate("param", keyParam), validate("json", adoptBody), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const standing = seedStandingGoals.find((s) => s.key === c.req.valid("param").key);
    if (!standing) throw notFound("That standing goal");
    const { cycleId } = c.req.valid("json");
    const existing = await goalInCycle(db, cycleId, standing.title);
    if (existing) throw new ApiError(409, "conflict", "This goal is already in that cycle.", { existingGoalId: existing.id });
    const theme = await db.selectFrom("themes").select("id").where("name", "=", standing.theme).executeTakeFirst();
    const goal = await createGoal(db, actorOf(user), {
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
    return c.json({ goal }, 201);
  });
