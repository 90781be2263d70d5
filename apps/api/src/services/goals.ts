/**
 * Writing goals: every change checks that the cycle is still open and the edit is not stale,
 * and leaves an audit entry in the same transaction.
 */
import {
  type Actor,
  type Db,
  type GoalSummary,
  getGoal,
  insertGoal,
  markDeleted,
  recordAudit,
  replaceSupporters,
  updateVersioned,
} from "@convene/db";
import { audienceOf, type GoalInput, type GoalPatch } from "@convene/domain";
import { ApiError, editConflict, invalid, notFound } from "../errors.ts";

export const cycleClosed = (name: string) =>
  new ApiError(409, "cycle_closed", `The ${name} cycle was closed at its AGM; its goals are read-only history.`);

export async function requireOpenCycle(db: Db, cycleId: number, field = "cycleId") {
  const cycle = await db.selectFrom("cycles").select(["id", "name", "closedAt"]).where("id", "=", cycleId).executeTakeFirst();
  if (!cycle) throw invalid(field, "no such cycle");
  if (cycle.closedAt) throw cycleClosed(cycle.name);
  return cycle;
}

/** Checks the ids a goal refers to, naming the field of the first that does not exist. */
async function checkReferences(db: Db, g: Partial<Pick<GoalInput, "themeId" | "leadOrganisationId" | "supportingOrganisationIds">>) {
  if (g.themeId) {
    const t = await db.selectFrom("themes").select("id").where("id", "=", g.themeId).executeTakeFirst();
    if (!t) throw invalid("themeId", "no such theme");
  }
  const orgIds = [...(g.leadOrganisationId ? [g.leadOrganisationId] : []), ...(g.supportingOrganisationIds ?? [])];
  if (orgIds.length) {
    const found = new Set((await db.selectFrom("organisations").select("id").where("id", "in", orgIds).execute()).map((o) => o.id));
    if (g.leadOrganisationId && !found.has(g.leadOrganisationId)) throw invalid("leadOrganisationId", "no such organisation");
    const missing = (g.supportingOrganisationIds ?? []).find((id) => !found.has(id));
    if (missing) throw invalid("supportingOrganisationIds", `no organisation with id ${missing}`);
  }
}

/** A goal as the convenor sees it, or 404. */
export async function goalForWrite(db: Db, id: number): Promise<GoalSummary> {
  const goal = await getGoal(db, "convenor", id);
  if (!goal) throw notFound("That goal");
  return goal;
}

/** What the audit log keeps of a goal: its own fields, not derived figures. */
function auditView(g: GoalSummary) {
  const {
    measures: _m,
    progress: _p,
    lastUpdateAt: _l,
    cycleName: _c,
    themeName: _t,
    leadName: _n,
    leadShortName: _s,
    cycleClosed: _cc,
    ...rest
  } = g;
  return rest;
}

export async function createGoal(db: Db, actor: Actor, input: GoalInput & { copiedFromGoalId?: number | null }) {
  await requireOpenCycle(db, input.cycleId);
  await checkReferences(db, input);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertGoal(trx, input);
    const created = await goalForWrite(trx, id);
    await recordAudit(trx, {
      actor,
      action: input.copiedFromGoalId ? "copy_forward" : "create",
      entity: "goal",
      entityId: id,
      after: auditView(created),
    });
    return id;
  });
  return goalForWrite(db, id);
}

export async function updateGoal(db: Db, actor: Actor, id: number, patch: GoalPatch) {
  const before = await goalForWrite(db, id);
  if (before.cycleClosed) throw cycleClosed(before.cycleName);
  const lead = patch.leadOrganisationId !== undefined ? patch.leadOrganisationId : before.leadOrganisationId;
  const supporters = patch.supportingOrganisationIds ?? before.supportingOrganisationIds;
  if (lead && supporters.includes(lead)) {
    throw invalid("supportingOrganisationIds", "the lead organisation cannot also be a supporting organisation");
  }
  await checkReferences(db, patch);
  const { version, supportingOrganisationIds, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    const outcome = await updateVersioned(trx, "goals", id, version, { ...fields, updatedAt: new Date().toISOString() });
    if (outcome === "conflict") throw editConflict(await goalForWrite(trx, id));
    if (outcome === "missing") throw notFound("That goal");
    if (supportingOrganisationIds) await replaceSupporters(trx, id, supportingOrganisationIds);
    const after = await goalForWrite(trx, id);
    await recordAudit(trx, { actor, action: "update", entity: "goal", entityId: id, before: auditView(before), after: auditView(after) });
  });
  return goalForWrite(db, id);
}

/** Soft delete: the goal leaves every list and chart, and can be restored from the bin. */
export async function setGoalDeleted(db: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await db.selectFrom("goals").select(["id", "deletedAt", "cycleId"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That goal" : "That deleted goal");
  await requireOpenCycle(db, row.cycleId);
  await markDeleted(db, { table: "goals", entity: "goal", id, deleted, previous: row.deletedAt, actor });
}

/**
 * Carries a goal into another cycle: same title, theme, organisations and measures, with each
 * measure starting where the old one stands now. The copy keeps a link to the original.
 */
export async function copyGoalForward(db: Db, actor: Actor, id: number, cycleId: number) {
  const source = await goalForWrite(db, id);
  if (source.cycleId === cycleId) throw invalid("cycleId", "the goal is already in that cycle");
  const existing = await db
    .selectFrom("goals")
    .select("id")
    .where("copiedFromGoalId", "=", id)
    .where("cycleId", "=", cycleId)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  if (existing) throw new ApiError(409, "conflict", "This goal has already been copied into that cycle.", { existingGoalId: existing.id });
  const copy = await createGoal(db, actor, {
    cycleId,
    title: source.title,
    description: source.description,
    themeId: source.themeId,
    leadOrganisationId: source.leadOrganisationId,
    supportingOrganisationIds: source.supportingOrganisationIds,
    status: source.status === "achieved" || source.status === "dropped" ? source.status : "not_started",
    dueDate: null,
    visibility: source.visibility,
    copiedFromGoalId: id,
  });
  // Each measure starts where the copy's audience saw it: a value from a narrower update (say, a
  // convenor-only one on a public goal) would otherwise become a starting value everyone can see.
  const asAudienceSees = await getGoal(db, audienceOf(source.visibility), id);
  const visibleCurrent = new Map((asAudienceSees?.measures ?? []).map((m) => [m.id, m.current]));
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const m of source.measures) {
      const { id: measureId } = await trx
        .insertInto("measures")
        .values({
          goalId: copy.id,
          name: m.name,
          kind: m.kind,
          unit: m.unit,
          baseline: m.baseline,
          target: m.target,
          weight: m.weight,
          createdAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const start = visibleCurrent.get(m.id) ?? (m.kind === "milestone" ? 0 : m.baseline);
      if (start !== null)
        await trx.insertInto("measureValues").values({ measureId, updateId: null, value: start, recordedAt: now }).execute();
    }
  });
  return goalForWrite(db, copy.id);
}
