/**
 * Writing milestones: references are checked (naming the field), a stale edit is refused with
 * the current record, and every change leaves an audit entry, all in the transaction it is handed.
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
} from "@convene/db";
import { type MilestoneInput, type MilestonePatch, startOfPeriod } from "@convene/domain";
import { invalid, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

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

export async function createMilestone(trx: Db, actor: Actor, input: MilestoneInput) {
  await checkReferences(trx, input);
  const id = await insertMilestone(trx, input);
  const created = await milestoneForWrite(trx, id);
  await recordAudit(trx, { actor, action: "create", entity: "milestone", entityId: id, after: auditView(created) });
  return created;
}

export async function updateMilestone(trx: Db, actor: Actor, id: number, patch: MilestonePatch) {
  const before = await milestoneForWrite(trx, id);
  await checkReferences(trx, patch);
  const { version, organisationIds, goalIds, evidence, date, datePrecision, ...fields } = patch;
  return applyEdit(trx, "That milestone", {
    table: "milestones",
    id,
    version,
    values: {
      ...fields,
      updatedAt: new Date().toISOString(),
      ...(evidence ? { evidence: JSON.stringify(evidence) } : {}),
      // The schema makes date and precision travel together; the date is kept as the start of its period.
      ...(date && datePrecision ? { date: startOfPeriod(date, datePrecision), datePrecision } : {}),
    },
    before,
    read: (db, milestoneId) => getMilestone(db, "convenor", milestoneId),
    alongside: (db) => replaceMilestoneLinks(db, id, { organisationIds, goalIds }),
    audit: { actor, entity: "milestone", view: auditView },
  });
}

/** Soft delete: the milestone leaves the timeline and can be restored. */
export async function setMilestoneDeleted(trx: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await trx.selectFrom("milestones").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That milestone" : "That deleted milestone");
  await markDeleted(trx, { table: "milestones", entity: "milestone", id, deleted, previous: row.deletedAt, actor });
}
