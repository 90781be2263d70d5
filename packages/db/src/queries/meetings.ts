/**
 * Meetings as a viewer may see them. Every read takes the viewer and filters by visibility in
 * SQL; the goals a meeting's decisions link to are filtered by the goals' own visibility too.
 */
import { addDaysIso, type MeetingInput, type MeetingListQuery, type PageQuery, type Viewer, visibleLevels } from "@convene/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.ts";
import { pageOf } from "./paging.ts";

export interface MeetingFilter extends MeetingListQuery {
  ids?: number[];
  deleted?: boolean;
}

/** `to` is a date: meetings starting on it count, so the bound is the start of the next day. */
const dayAfter = (iso: string) => `${addDaysIso(iso, 1)}T00:00:00.000Z`;

/** The meetings a viewer may see that match `f`, unordered: the base of every meeting list. */
function meetingRows(db: Kysely<Database>, viewer: Viewer, f: MeetingFilter) {
  let q = db
    .selectFrom("meetings as m")
    .leftJoin("cycles as c", "c.id", "m.cycleId")
    .selectAll("m")
    .select(["c.name as cycleName"])
    .select((eb) => [
      eb
        .selectFrom("meetingAttendance as a")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("a.meetingId", "=", "m.id")
        .where("a.status", "=", "attended")
        .as("attendedCount"),
      eb
        .selectFrom("meetingDecisions as d")
        .select((e) => e.fn.countAll<number>().as("n"))
        .leftJoin("proposals as p", "p.id", "d.proposalId")
        .whereRef("d.meetingId", "=", "m.id")
        .where("d.deletedAt", "is", null)
        .where((e) => e.or([e("d.proposalId", "is", null), e("p.visibility", "in", visibleLevels(viewer))]))
        .as("decisionCount"),
    ])
    .where("m.visibility", "in", visibleLevels(viewer))
    .where("m.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("m.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.kind) q = q.where("m.kind", "=", f.kind);
  if (f.cycleId) q = q.where("m.cycleId", "=", f.cycleId);
  if (f.from) q = q.where("m.startsAt", ">=", new Date(`${f.from}T00:00:00Z`).toISOString());
  if (f.to) q = q.where("m.startsAt", "<", dayAfter(f.to));
  return q;
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingRows>["execute"]>>[number];
const withCounts = (r: MeetingRow) => ({ ...r, attendedCount: Number(r.attendedCount ?? 0), decisionCount: Number(r.decisionCount ?? 0) });

/** Every matching meeting, oldest first: for pickers, the calendar feed, CSV and the AGM report. */
export async function listMeetings(db: Kysely<Database>, viewer: Viewer, f: MeetingFilter) {
  const rows = await meetingRows(db, viewer, f).orderBy("m.startsAt").orderBy("m.id").execute();
  return rows.map(withCounts);
}

/**
 * One page of meetings. `upcoming` (not yet ended, soonest first) and `past` (ended, latest
 * first) are the meetings page's two lists; with neither, every meeting oldest first.
 */
export async function listMeetingPage(
  db: Kysely<Database>,
  viewer: Viewer,
  f: MeetingFilter & PageQuery & { when?: "upcoming" | "past" | undefined },
  now = new Date().toISOString(),
) {
  let q = meetingRows(db, viewer, f);
  const ended = sql`coalesce(${sql.ref("m.endsAt")}, ${sql.ref("m.startsAt")})`;
  if (f.when === "upcoming") q = q.where(ended, ">=", now);
  if (f.when === "past") q = q.where(ended, "<", now);
  const dir = f.when === "past" ? "desc" : "asc";
  const { rows, ...page } = await pageOf(db, q.orderBy("m.startsAt", dir).orderBy("m.id", dir), f);
  return { meetings: rows.map(withCounts), ...page };
}
export type MeetingSummary = Awaited<ReturnType<typeof listMeetings>>[number];

export async function getMeeting(db: Kysely<Database>, viewer: Viewer, id: number, deleted = false) {
  const [meeting] = await listMeetings(db, viewer, { ids: [id], deleted });
  return meeting;
}

/** A meeting with its attendance and its decisions, each decision's goal only if the viewer may see it. */
export async function meetingDetail(db: Kysely<Database>, viewer: Viewer, id: number) {
  const meeting = await getMeeting(db, viewer, id);
  if (!meeting) return undefined;
  const [attendance, decisions, proposals] = await Promise.all([
    db
      .selectFrom("meetingAttendance as a")
      .innerJoin("organisations as o", "o.id", "a.organisationId")
      .select(["a.organisationId", "a.status", "o.name as organisationName", "o.shortName"])
      .where("a.meetingId", "=", id)
      .orderBy("o.name")
      .execute(),
    db
      .selectFrom("meetingDecisions as d")
      .leftJoin("goals as g", (j) =>
        j.onRef("g.id", "=", "d.goalId").on("g.deletedAt", "is", null).on("g.visibility", "in", visibleLevels(viewer)),
      )
      .leftJoin("proposals as p", "p.id", "d.proposalId")
      .select([
        "d.id",
        "d.text",
        "d.goalAction",
        "d.createdAt",
        "g.id as goalId",
        "g.title as goalTitle",
        "g.status as goalStatus",
        "p.id as proposalId",
        "p.question as proposalQuestion",
      ])
      .where("d.meetingId", "=", id)
      .where("d.deletedAt", "is", null)
      // A proposal's outcome is its decision's text: a viewer who may not see the proposal sees neither.
      .where((eb) => eb.or([eb("d.proposalId", "is", null), eb("p.visibility", "in", visibleLevels(viewer))]))
      .orderBy("d.id")
      .execute(),
    // The proposals put for this meeting (its agenda), each only if the viewer may see it.
    db
      .selectFrom("proposals as p")
      .select(["p.id", "p.question", "p.kind", "p.state", "p.closesAt", "p.closedAt", "p.visibility"])
      .where("p.meetingId", "=", id)
      .where("p.visibility", "in", visibleLevels(viewer))
      .orderBy("p.closesAt")
      .orderBy("p.id")
      .execute(),
  ]);
  return { meeting, attendance, decisions, proposals };
}

/**
 * The meetings whose decisions created or changed a goal, as far as the viewer may see them. A
 * proposal's outcome is listed with its proposal instead, even when the proposal was linked to a
 * meeting, so each decision appears once.
 */
export async function meetingsForGoal(db: Kysely<Database>, viewer: Viewer, goalId: number) {
  return (
    db
      .selectFrom("meetingDecisions as d")
      .innerJoin("meetings as m", "m.id", "d.meetingId")
      // The goal must be visible too: a hidden goal's decisions answer exactly as a missing goal's (none).
      .innerJoin("goals as g", "g.id", "d.goalId")
      .select(["m.id", "m.title", "m.kind", "m.startsAt", "d.id as decisionId", "d.text", "d.goalAction"])
      .where("d.goalId", "=", goalId)
      .where("d.proposalId", "is", null)
      .where("d.deletedAt", "is", null)
      .where("m.deletedAt", "is", null)
      .where("m.visibility", "in", visibleLevels(viewer))
      .where("g.deletedAt", "is", null)
      .where("g.visibility", "in", visibleLevels(viewer))
      .orderBy("m.startsAt")
      .orderBy("d.id")
      .execute()
  );
}

/** The proposals whose outcome created or changed a goal, as far as the viewer may see both. */
export async function proposalsForGoal(db: Kysely<Database>, viewer: Viewer, goalId: number) {
  return db
    .selectFrom("meetingDecisions as d")
    .innerJoin("proposals as p", "p.id", "d.proposalId")
    .innerJoin("goals as g", "g.id", "d.goalId")
    .select(["p.id", "p.question", "p.closedAt", "d.id as decisionId", "d.text", "d.goalAction"])
    .where("d.goalId", "=", goalId)
    .where("d.deletedAt", "is", null)
    .where("p.visibility", "in", visibleLevels(viewer))
    .where("g.deletedAt", "is", null)
    .where("g.visibility", "in", visibleLevels(viewer))
    .orderBy("d.id")
    .execute();
}

/** Attended meetings per organisation per year, counting only meetings the viewer may see. */
export async function attendanceByYear(db: Kysely<Database>, viewer: Viewer) {
  const rows = await db
    .selectFrom("meetingAttendance as a")
    .innerJoin("meetings as m", "m.id", "a.meetingId")
    .innerJoin("organisations as o", "o.id", "a.organisationId")
    .select((eb) => [
      "o.id as organisationId",
      "o.name as organisationName",
      "o.shortName",
      eb.fn<string>("substr", ["m.startsAt", eb.val(1), eb.val(4)]).as("year"),
      eb.fn.countAll<number>().as("attended"),
    ])
    .where("a.status", "=", "attended")
    .where("m.deletedAt", "is", null)
    .where("m.visibility", "in", visibleLevels(viewer))
    .groupBy(["o.id", "year"])
    .orderBy("year")
    .orderBy("o.name")
    .execute();
  const meetings = await db
    .selectFrom("meetings as m")
    .select((eb) => [eb.fn<string>("substr", ["m.startsAt", eb.val(1), eb.val(4)]).as("year"), eb.fn.countAll<number>().as("meetings")])
    .where("m.deletedAt", "is", null)
    .where("m.visibility", "in", visibleLevels(viewer))
    .where("m.startsAt", "<=", new Date().toISOString())
    .groupBy("year")
    .orderBy("year")
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, attended: Number(r.attended) })),
    years: meetings.map((m) => ({ year: m.year, meetings: Number(m.meetings) })),
  };
}

/** The cycle whose workshop-to-AGM span holds `date` (the latest such, if spans overlap). */
export async function cycleContaining(db: Kysely<Database>, date: string) {
  return db
    .selectFrom("cycles")
    .select(["id", "name"])
    .where("workshopDate", "<=", date)
    .where("agmDate", ">=", date)
    .orderBy("workshopDate", "desc")
    .executeTakeFirst();
}

export async function insertMeeting(db: Kysely<Database>, input: MeetingInput & { cycleId: number | null }): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("meetings")
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
