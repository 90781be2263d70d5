/**
 * Writing milestones: references are checked (naming the field), a stale edit is refused with
 * the current record, and every change leaves an audit entry in the same transaction.
 */
import {
  type Actor,
  type Db,
  getMilestone,
  insertMilestone,
  type MilestoneRecord,
  markDeleted,
  recordAudit,
  replaceMilestoneLinks,
  updateVersioned,
} from "@convene/db";
import { type MilestoneInput, type MilestonePatch, startOfPeriod } from "@convene/domain";
import { editConflict, invalid, notFound } from "../errors.ts";

async function checkReferences(db: Db, m: { organisationIds?: number[] | undefined; goalIds?: number[] | undefined }) {
  if (m.organisationIds?.length) {
    const found = new Set(
      (await db.selectFrom("organisations").select("id").where("id", "in", m.organisationIds).execute()).map((o) => o.id),
    );
    const missing = m.organisationIds.find((id) => !found.has(id));
    if (missing) throw invalid("organisationIds", `no organisation with id ${missing}`);
  }
  if (m.goalIds?.length) {
    const found = new Set(
      (await db.selectFrom("goals").select("id").where("id", "in", m.goalIds).where("deletedAt", "is", null).execute()).map((g) => g.id),
    );
    const missing = m.goalIds.find((id) => !found.has(id));
    if (missing) throw invalid("goalIds", `no goal with id ${missing}`);
  }
}

/** A milestone as the convenor sees it, or 404. */
export async function milestoneForWrite(db: Db, id: number): Promise<MilestoneRecord> {
  const m = await getMilestone(db, "convenor", id);
  if (!m) throw notFound("That milestone");
  return m;
}

/** What the audit log keeps: the milestone's own fields, not the names joined in for display. */
function auditView(m: MilestoneRecord) {
  const { organisations: _o, goals: _g, fromSeed: _s, ...rest } = m;
  return rest;
}

export async function createMilestone(db: Db, actor: Actor, input: MilestoneInput) {
  await checkReferences(db, input);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertMilestone(trx, input);
    await recordAudit(trx, {
      actor,
      action: "create",
      entity: "milestone",
      entityId: id,
      after: auditView(await milestoneForWrite(trx, id)),
    });
    return id;
  });
  return milestoneForWrite(db, id);
}

export async function updateMilestone(db: Db, actor: Actor, id: number, patch: MilestonePatch) {
  const before = await milestoneForWrite(db, id);
  await checkReferences(db, patch);
  const { version, organisationIds, goalIds, evidence, date, datePrecision, ...fields } = patch;
  const values: Record<string, unknown> = { ...fields, updatedAt: new Date().toISOString() };
  if (evidence) values.evidence = JSON.stringify(evidence);
  // The schema makes date and precision travel together; the date is kept as the start of its period.
  if (date && datePrecision) Object.assign(values, { date: startOfPeriod(date, datePrecision), datePrecision });
  await db.transaction().execute(async (trx) => {
    const outcome = await updateVersioned(trx, "milestones", id, version, values);
    if (outcome === "conflict") throw editConflict(await milestoneForWrite(trx, id));
    if (outcome === "missing") throw notFound("That milestone");
    await replaceMilestoneLinks(trx, id, { organisationIds, goalIds });
    const after = await milestoneForWrite(trx, id);
    await recordAudit(trx, {
      actor,
      action: "update",
      entity: "milestone",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
  });
  return milestoneForWrite(db, id);
}

/** Soft delete: the milestone leaves the timeline and can be restored. */
export async function setMilestoneDeleted(db: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await db.selectFrom("milestones").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That milestone" : "That deleted milestone");
  await markDeleted(db, { table: "milestones", entity: "milestone", id, deleted, previous: row.deletedAt, actor });
}
