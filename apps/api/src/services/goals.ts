/**
 * Writing goals: every change checks that the cycle is still open and the edit is not stale,
 * and leaves an audit entry. Each function runs in the transaction it is handed (see
 * `inTransaction`), its checks included, so a write that builds on another commits whole.
 */

import {
  type Actor,
  type Db,
  type GoalSummary,
  getGoal,
  insertGoal,
  insertMeasure,
  markDeleted,
  recordAudit,
  replaceSupporters,
} from "@convene/db";
import { audienceOf, cycleWords, type GoalInput, type GoalPatch, reminderText } from "@convene/domain";
import { ApiError, invalid, notFound } from "../errors.ts";
import { notifyGoalChanged } from "./notifications.ts";
import { applyEdit } from "./versioned-edit.ts";

export const cycleClosed = (name: string) =>
  new ApiError(409, "cycle_closed", `The ${cycleWords(name)} was closed at its AGM; its goals are read-only history.`);

export async function requireOpenCycle(db: Db, cycleId: number, field = "cycleId") {
  const cycle = await db.selectFrom("cycles").select(["id", "name", "closedAt"]).where("id", "=", cycleId).executeTakeFirst();
  if (!cycle) throw invalid(field, "no such cycle");
  if (cycle.closedAt) throw cycleClosed(cycle.name);
  return cycle;
}

/**
 * Checks the ids a goal refers to, naming the field of the first that does not exist, and
 * returns the names a goal shows for them.
 */
async function checkReferences(db: Db, g: Partial<Pick<GoalInput, "themeId" | "leadOrganisationId" | "supportingOrganisationIds">>) {
  let theme: { id: number; name: string } | undefined;
  if (g.themeId) {
    theme = await db.selectFrom("themes").select(["id", "name"]).where("id", "=", g.themeId).executeTakeFirst();
    if (!theme) throw invalid("themeId", "no such theme");
  }
  const orgIds = [...(g.leadOrganisationId ? [g.leadOrganisationId] : []), ...(g.supportingOrganisationIds ?? [])];
  let lead: { id: number; name: string; shortName: string } | undefined;
  if (orgIds.length) {
    const found = await db.selectFrom("organisations").select(["id", "name", "shortName"]).where("id", "in", orgIds).execute();
    lead = found.find((o) => o.id === g.leadOrganisationId);
    if (g.leadOrganisationId && !lead) throw invalid("leadOrganisationId", "no such organisation");
    const missing = (g.supportingOrganisationIds ?? []).find((id) => !found.some((o) => o.id === id));
    if (missing) throw invalid("supportingOrganisationIds", `no organisation with id ${missing}`);
  }
  return { theme, lead };
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

export async function createGoal(trx: Db, actor: Actor, input: GoalInput & { copiedFromGoalId?: number | null }) {
  await requireOpenCycle(trx, input.cycleId);
  await checkReferences(trx, input);
  const id = await insertGoal(trx, input);
  const created = await goalForWrite(trx, id);
  await recordAudit(trx, {
    actor,
    action: input.copiedFromGoalId ? "copy_forward" : "create",
    entity: "goal",
    entityId: id,
    after: auditView(created),
  });
  return created;
}

/**
 * Changes a goal and returns it. The goal is read once: a PATCH changes none of the figures
 * derived from its measures, so the goal after the edit is the one before with the new fields
 * and the names of the theme and lead it now refers to.
 */
/**
 * `quiet`: the caller tells the lead organisation itself (a meeting decision says "decision", not
 * "change").
 */
export async function updateGoal(trx: Db, actor: Actor, id: number, patch: GoalPatch, quiet = false): Promise<GoalSummary> {
  const before = await goalForWrite(trx, id);
  if (before.cycleClosed) throw cycleClosed(before.cycleName);
  const lead = patch.leadOrganisationId !== undefined ? patch.leadOrganisationId : before.leadOrganisationId;
  const supporters = patch.supportingOrganisationIds ?? before.supportingOrganisationIds;
  if (lead && supporters.includes(lead)) {
    throw invalid("supportingOrganisationIds", "the lead organisation cannot also be a supporting organisation");
  }
  const names = await checkReferences(trx, patch);
  const { version, supportingOrganisationIds, ...fields } = patch;
  const updatedAt = new Date().toISOString();
  const after = await applyEdit(trx, "That goal", {
    table: "goals",
    id,
    version,
    values: { ...fields, updatedAt },
    before,
    read: (db, goalId) => getGoal(db, "convenor", goalId),
    alongside: supportingOrganisationIds ? (db) => replaceSupporters(db, id, supportingOrganisationIds) : undefined,
    after: (b, newVersion) => ({
      ...b,
      ...fields,
      supportingOrganisationIds: supporters,
      ...(fields.themeId !== undefined ? { themeName: names.theme?.name ?? null } : {}),
      ...(fields.leadOrganisationId !== undefined
        ? { leadName: names.lead?.name ?? null, leadShortName: names.lead?.shortName ?? null }
        : {}),
      updatedAt,
      version: newVersion,
    }),
    audit: { actor, entity: "goal", view: auditView },
  });
  const changed = Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== (before as Record<string, unknown>)[k]);
  if (!quiet && (changed.length > 0 || supportingOrganisationIds)) {
    const what = goalChangeWords([...changed, ...(supportingOrganisationIds ? ["supportingOrganisationIds"] : [])]);
    await notifyGoalChanged(trx, after, { byId: actor.id, kind: "goal_changed", text: reminderText.goalChanged(after, actor.name, what) });
  }
  return after;
}

const goalFieldWords: Record<string, string> = {
  title: "its title",
  description: "its description",
  status: "its status",
  dueDate: "its due date",
  themeId: "its theme",
  leadOrganisationId: "its lead organisation",
  supportingOrganisationIds: "its supporting organisations",
  visibility: "who can see it",
};
const goalChangeWords = (fields: string[]) => {
  const words = [...new Set(fields.map((f) => goalFieldWords[f] ?? "its details"))];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "its details");
};

/** Soft delete: the goal leaves every list and chart, and can be restored from the bin. */
export async function setGoalDeleted(trx: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await trx.selectFrom("goals").select(["id", "deletedAt", "cycleId"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That goal" : "That deleted goal");
  await requireOpenCycle(trx, row.cycleId);
  await markDeleted(trx, { table: "goals", entity: "goal", id, deleted, previous: row.deletedAt, actor });
}

/**
 * Carries a goal into another cycle: same title, theme, organisations and measures, with each
 * measure starting where the old one stands now. The copy keeps a link to the original.
 */
export async function copyGoalForward(trx: Db, actor: Actor, id: number, cycleId: number) {
  const source = await goalForWrite(trx, id);
  if (source.cycleId === cycleId) throw invalid("cycleId", "the goal is already in that cycle");
  const existing = await trx
    .selectFrom("goals")
    .select("id")
    .where("copiedFromGoalId", "=", id)
    .where("cycleId", "=", cycleId)
    .where("deletedAt", "is", null)
    .executeTakeFirst();
  if (existing) throw new ApiError(409, "conflict", "This goal has already been copied into that cycle.", { existingGoalId: existing.id });
  const copy = await createGoal(trx, actor, {
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
  const asAudienceSees = await getGoal(trx, audienceOf(source.visibility), id);
  const visibleCurrent = new Map((asAudienceSees?.measures ?? []).map((m) => [m.id, m.current]));
  for (const m of source.measures) {
    const startValue = visibleCurrent.get(m.id) ?? (m.kind === "milestone" ? 0 : m.baseline);
    await insertMeasure(trx, copy.id, { ...m, startValue }, actor);
  }
  return goalForWrite(trx, copy.id);
}
