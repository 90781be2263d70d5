/**
 * Writing meetings, their attendance and their decisions. Every write checks the edit is not
 * stale and leaves an audit entry, in the transaction it is handed. A decision that creates or
 * changes a goal goes through the goal service in that same transaction, so the goal rules (open
 * cycle, references, versions, audit) apply exactly as they do on the goal pages and a decision
 * refused half-way leaves nothing behind.
 */

import {
  type Actor,
  cycleContaining,
  type Db,
  getMeeting,
  insertMeeting,
  type MeetingSummary,
  markDeleted,
  recordAudit,
  updateVersioned,
} from "@convene/db";
import type { AttendanceInput, DecisionEffect, DecisionInput, MeetingInput, MeetingPatch, Visibility } from "@convene/domain";
import { reminderText } from "@convene/domain";
import { ApiError, editConflict, invalid, notFound } from "../errors.ts";
import { createGoal, updateGoal } from "./goals.ts";
import { notifyGoalChanged } from "./notifications.ts";
import { applyEdit } from "./versioned-edit.ts";

/** Times are kept in UTC so they sort as text and every calendar reads them the same way. */
const utc = (iso: string) => new Date(iso).toISOString();

export async function meetingForWrite(db: Db, id: number): Promise<MeetingSummary> {
  const meeting = await getMeeting(db, "convenor", id);
  if (!meeting) throw notFound("That meeting");
  return meeting;
}

function auditView(m: MeetingSummary) {
  const { attendedCount: _a, decisionCount: _d, cycleName: _c, ...rest } = m;
  return rest;
}

async function resolveCycle(db: Db, cycleId: number | null | undefined, startsAt: string): Promise<number | null> {
  if (cycleId === null) return null;
  if (cycleId !== undefined) {
    const c = await db.selectFrom("cycles").select("id").where("id", "=", cycleId).executeTakeFirst();
    if (!c) throw invalid("cycleId", "no such cycle");
    return c.id;
  }
  return (await cycleContaining(db, startsAt.slice(0, 10)))?.id ?? null;
}

export async function createMeeting(trx: Db, actor: Actor, input: MeetingInput) {
  const startsAt = utc(input.startsAt);
  const endsAt = input.endsAt ? utc(input.endsAt) : null;
  const cycleId = await resolveCycle(trx, input.cycleId, startsAt);
  const id = await insertMeeting(trx, { ...input, startsAt, endsAt, cycleId });
  const created = await meetingForWrite(trx, id);
  await recordAudit(trx, { actor, action: "create", entity: "meeting", entityId: id, after: auditView(created) });
  return created;
}

export async function updateMeeting(trx: Db, actor: Actor, id: number, patch: MeetingPatch) {
  const before = await meetingForWrite(trx, id);
  const { version, ...fields } = patch;
  const startsAt = fields.startsAt ? utc(fields.startsAt) : before.startsAt;
  const endsAt = fields.endsAt === undefined ? before.endsAt : fields.endsAt && utc(fields.endsAt);
  if (endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) throw invalid("endsAt", "must be after the start");
  const { cycleId: _named, ...rest } = fields;
  // A moved meeting follows its date into the right cycle unless the cycle is named.
  const moved = fields.cycleId !== undefined || fields.startsAt;
  const cycleId = moved ? await resolveCycle(trx, fields.cycleId, startsAt) : before.cycleId;
  return applyEdit(trx, "That meeting", {
    table: "meetings",
    id,
    version,
    values: { ...rest, startsAt, endsAt, cycleId, updatedAt: new Date().toISOString() },
    before,
    read: (db, meetingId) => getMeeting(db, "convenor", meetingId),
    audit: { actor, entity: "meeting", view: auditView },
  });
}

/** Soft delete: the meeting leaves every list, feed and chart, and can be restored. */
export async function setMeetingDeleted(trx: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await trx.selectFrom("meetings").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That meeting" : "That deleted meeting");
  await markDeleted(trx, { table: "meetings", entity: "meeting", id, deleted, previous: row.deletedAt, actor });
}

/** Replaces the attendance list; the meeting's version moves on, so two people cannot both record it blind. */
export async function setAttendance(trx: Db, actor: Actor, id: number, input: AttendanceInput) {
  await meetingForWrite(trx, id);
  const orgIds = input.attendance.map((a) => a.organisationId);
  if (orgIds.length) {
    const found = new Set((await trx.selectFrom("organisations").select("id").where("id", "in", orgIds).execute()).map((o) => o.id));
    const missing = orgIds.find((o) => !found.has(o));
    if (missing) throw invalid("attendance", `no organisation with id ${missing}`);
  }
  const before = await trx
    .selectFrom("meetingAttendance")
    .select(["organisationId", "status"])
    .where("meetingId", "=", id)
    .orderBy("organisationId")
    .execute();
  const outcome = await updateVersioned(trx, "meetings", id, input.version, { updatedAt: new Date().toISOString() });
  if (outcome === "conflict") throw editConflict(await meetingForWrite(trx, id));
  if (outcome === "missing") throw notFound("That meeting");
  await trx.deleteFrom("meetingAttendance").where("meetingId", "=", id).execute();
  if (input.attendance.length) {
    await trx
      .insertInto("meetingAttendance")
      .values(input.attendance.map((a) => ({ meetingId: id, ...a })))
      .execute();
  }
  const after = [...input.attendance].sort((a, b) => a.organisationId - b.organisationId);
  await recordAudit(trx, { actor, action: "update", entity: "meeting_attendance", entityId: id, before, after });
  return meetingForWrite(trx, id);
}

/** Field problems from the goal service, renamed to where they sit in a decision ("goal.title"). */
async function asDecisionFields<T>(prefix: string, rename: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ApiError && e.code === "invalid_input") {
      const fields = ((e.details as { fields?: { field: string; message: string }[] })?.fields ?? []).map((f) => ({
        ...f,
        field: rename[f.field] ?? `${prefix}${f.field}`,
      }));
      throw new ApiError(400, "invalid_input", fields.map((f) => `${f.field}: ${f.message}`).join("; "), { fields });
    }
    throw e;
  }
}

/** Where a decision was taken: at a meeting, by a proposal, or by a proposal linked to a meeting. */
export interface DecisionSource {
  meetingId: number | null;
  proposalId: number | null;
  /** The visibility a goal it creates takes when the decision names none: its meeting's or proposal's. */
  visibility: Visibility;
  /** Where it was decided, in the lead organisation's notice: "At Monthly coordination", "By proposal “…”". */
  where: string;
}

/**
 * Records a decision in the decisions log, in one transaction with what it does to a goal. One
 * that creates a goal makes it through the goal service (so a closed cycle answers 409 and
 * nothing is recorded); one that changes a goal is recorded first and then applies a versioned
 * goal update, so a change refused by the goal rules (a stale goal version answers 409 with the
 * current goal, a closed cycle 409) takes the decision back with it. Meetings and proposal
 * outcomes both come through here, so a goal changes by the same rules whichever decided it.
 */
export async function recordDecision(trx: Db, actor: Actor, source: DecisionSource, text: string, effect: DecisionEffect) {
  const record = async (goalId: number | null, goalAction: "created" | "changed" | null) => {
    const row = await trx
      .insertInto("meetingDecisions")
      .values({
        meetingId: source.meetingId,
        proposalId: source.proposalId,
        text,
        goalId,
        goalAction,
        createdAt: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: "create", entity: "meeting_decision", entityId: row.id, after: row });
    return row;
  };
  if (effect.action === "create_goal") {
    const goal = await asDecisionFields("goal.", {}, () =>
      createGoal(trx, actor, {
        cycleId: effect.goal.cycleId,
        title: effect.goal.title,
        description: text,
        themeId: effect.goal.themeId,
        leadOrganisationId: effect.goal.leadOrganisationId,
        supportingOrganisationIds: [],
        status: "not_started",
        dueDate: effect.goal.dueDate,
        visibility: effect.goal.visibility ?? source.visibility,
      }),
    );
    await notifyGoalChanged(trx, goal, {
      byId: actor.id,
      kind: "goal_decided",
      text: reminderText.goalDecided(goal, source.where, text),
    });
    return record(goal.id, "created");
  }
  if (effect.action === "change_goal") {
    const goal = await trx
      .selectFrom("goals")
      .select("id")
      .where("id", "=", effect.goalId)
      .where("deletedAt", "is", null)
      .executeTakeFirst();
    if (!goal) throw notFound("That goal");
    const decision = await record(goal.id, "changed");
    const patch = {
      version: effect.goalVersion,
      ...(effect.status !== undefined ? { status: effect.status } : {}),
      ...(effect.dueDate !== undefined ? { dueDate: effect.dueDate } : {}),
    };
    const changed = await asDecisionFields("", { version: "goalVersion" }, () => updateGoal(trx, actor, effect.goalId, patch, true));
    await notifyGoalChanged(trx, changed, {
      byId: actor.id,
      kind: "goal_decided",
      text: reminderText.goalDecided(changed, source.where, text),
    });
    return decision;
  }
  return record(null, null);
}

/** A decision taken at a meeting. */
export async function addDecision(trx: Db, actor: Actor, meetingId: number, input: DecisionInput) {
  const meeting = await meetingForWrite(trx, meetingId);
  const { text, ...effect } = input;
  return recordDecision(
    trx,
    actor,
    { meetingId, proposalId: null, visibility: meeting.visibility, where: `At ${meeting.title}` },
    text,
    effect,
  );
}

/**
 * Removes a decision from the meeting, or brings a removed one back (Undo): it is marked, not
 * deleted. The goal it created or changed stays as it is either way.
 */
export async function setDecisionDeleted(trx: Db, actor: Actor, meetingId: number, decisionId: number, deleted: boolean) {
  const row = await trx
    .selectFrom("meetingDecisions")
    .selectAll()
    .where("id", "=", decisionId)
    .where("meetingId", "=", meetingId)
    .executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That decision" : "That removed decision");
  const deletedAt = deleted ? new Date().toISOString() : null;
  await trx.updateTable("meetingDecisions").set({ deletedAt }).where("id", "=", decisionId).execute();
  await recordAudit(trx, {
    actor,
    action: deleted ? "delete" : "restore",
    entity: "meeting_decision",
    entityId: decisionId,
    before: deleted ? row : { deletedAt: row.deletedAt },
    after: { deletedAt },
  });
}
