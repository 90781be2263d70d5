/**
 * Posting progress: members of a goal's lead or supporting organisations, for their own
 * organisation; the convenor on any goal. New values become the measures' history. Every write
 * runs, checks first, in the transaction it is handed.
 */
import { type Db, getGoal, recordAudit, refreshGoalProgress } from "@convene/db";
import { narrowest, type ProgressUpdateInput, reminderText } from "@convene/domain";
import type { SessionUser } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { cycleClosed } from "./goals.ts";
import { notifyGoalChanged } from "./notifications.ts";

export async function postProgressUpdate(trx: Db, user: SessionUser, input: ProgressUpdateInput) {
  const checked = await checkProgressUpdate(trx, user, input);
  const id = await writeProgressUpdate(trx, user, input, checked);
  // An update from a supporting organisation or the convenor is their word on a goal another
  // organisation leads: its members are told, at the update's own level. A spreadsheet import
  // (the convenor's data entry, often hundreds of rows) tells nobody.
  const { goal, organisationId, visibility } = checked;
  if (organisationId !== goal.leadOrganisationId)
    await notifyGoalChanged(
      trx,
      { ...goal, visibility },
      { byId: user.id, kind: "goal_changed", text: reminderText.goalUpdatedByOthers(goal, user.name) },
    );
  return { id, goal: await getGoal(trx, user.role, checked.goal.id) };
}

export type CheckedUpdate = Awaited<ReturnType<typeof checkProgressUpdate>>;

/**
 * Every rule an update must pass, without writing anything (the spreadsheet import checks all
 * its updates first, then writes them, all in one transaction).
 */
export async function checkProgressUpdate(db: Db, user: SessionUser, input: ProgressUpdateInput) {
  const goal = await getGoal(db, user.role, input.goalId);
  if (!goal) throw notFound("That goal");
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);

  let organisationId = input.organisationId;
  if (user.role !== "convenor") {
    const involved = [goal.leadOrganisationId, ...goal.supportingOrganisationIds];
    if (user.role !== "member" || !user.organisationId || !involved.includes(user.organisationId)) {
      throw forbidden("Only members of the goal's lead or supporting organisations, or the convenor, can post updates on it.");
    }
    if (organisationId !== null && organisationId !== user.organisationId) {
      throw forbidden("You can post updates only on behalf of your own organisation.");
    }
    organisationId = user.organisationId;
  } else if (organisationId !== null) {
    const org = await db.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst();
    if (!org) throw invalid("organisationId", "no such organisation");
  }

  const measures = new Map(goal.measures.map((m) => [m.id, m]));
  input.values.forEach((v, i) => {
    const m = measures.get(v.measureId);
    if (!m) throw invalid(`values.${i}.measureId`, "is not a measure of this goal");
    if (m.kind === "milestone" && v.value !== 0 && v.value !== 1)
      throw invalid(`values.${i}.value`, "a done/not-done measure takes 1 (done) or 0 (not done)");
  });

  return { goal, organisationId, visibility: narrowest(input.visibility, goal.visibility) };
}

/** Writes one checked update, its values, the goal's new status and the audit entry; run inside a transaction. */
export async function writeProgressUpdate(trx: Db, user: SessionUser, input: ProgressUpdateInput, checked: CheckedUpdate) {
  const { goal, organisationId, visibility } = checked;
  const now = new Date().toISOString();
  const { id } = await trx
    .insertInto("progressUpdates")
    .values({
      goalId: goal.id,
      authorId: user.id,
      authorName: user.name,
      organisationId,
      note: input.note,
      status: input.status,
      confidence: input.confidence,
      visibility,
      createdAt: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.values.length) {
    await trx
      .insertInto("measureValues")
      .values(input.values.map((v) => ({ measureId: v.measureId, updateId: id, value: v.value, recordedAt: now })))
      .execute();
  }
  if (input.status && input.status !== goal.status) {
    await trx
      .updateTable("goals")
      .set((eb) => ({ status: input.status ?? goal.status, updatedAt: now, version: eb("version", "+", 1) }))
      .where("id", "=", goal.id)
      .execute();
  }
  await recordAudit(trx, {
    actor: { id: user.id, name: user.name },
    action: "create",
    entity: "progress_update",
    entityId: id,
    after: { ...input, organisationId, visibility },
  });
  await refreshGoalProgress(trx, [goal.id]);
  return id;
}

/** The convenor, or the person who posted it, may withdraw an update (and bring it back). */
export async function setUpdateDeleted(trx: Db, user: SessionUser, id: number, deleted: boolean) {
  const row = await trx
    .selectFrom("progressUpdates as pu")
    .innerJoin("goals as g", "g.id", "pu.goalId")
    .innerJoin("cycles as c", "c.id", "g.cycleId")
    .select([
      "pu.id",
      "pu.goalId",
      "pu.authorId",
      "pu.deletedAt",
      "pu.visibility",
      "g.visibility as goalVisibility",
      "c.name as cycleName",
      "c.closedAt",
    ])
    .where("pu.id", "=", id)
    .where("g.deletedAt", "is", null)
    .executeTakeFirst();
  const visible =
    row && (user.role === "convenor" || (user.role === "member" && row.visibility !== "convenor" && row.goalVisibility !== "convenor"));
  if (!row || !visible || (row.deletedAt === null) !== deleted) throw notFound("That update");
  if (user.role !== "convenor" && row.authorId !== user.id)
    throw forbidden("Only the convenor or the person who posted an update can remove it.");
  if (row.closedAt) throw cycleClosed(row.cycleName);
  const deletedAt = deleted ? new Date().toISOString() : null;
  await trx.updateTable("progressUpdates").set({ deletedAt }).where("id", "=", id).execute();
  await refreshGoalProgress(trx, [row.goalId]);
  await recordAudit(trx, {
    actor: { id: user.id, name: user.name },
    action: deleted ? "delete" : "restore",
    entity: "progress_update",
    entityId: id,
    before: { deletedAt: row.deletedAt },
    after: { deletedAt },
  });
}
