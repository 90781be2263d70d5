/**
 * Contributions as a viewer may see them. Visibility is filtered in SQL for the contribution AND
 * for each linked goal, milestone and meeting: a link to a record the viewer may not see comes
 * back as null, with no title, so nothing about the hidden record leaks.
 */
import { addDaysIso, type ContributionInput, type ContributionKind, type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export interface ContributionFilter {
  ids?: number[];
  organisationId?: number | undefined;
  kind?: ContributionKind | undefined;
  goalId?: number | undefined;
  /** Inclusive ISO dates. */
  from?: string | undefined;
  to?: string | undefined;
  deleted?: boolean;
}

export async function listContributions(db: Kysely<Database>, viewer: Viewer, f: ContributionFilter = {}) {
  const levels = visibleLevels(viewer);
  let q = db
    .selectFrom("contributions as c")
    .innerJoin("organisations as o", "o.id", "c.organisationId")
    .leftJoin("goals as g", (j) => j.onRef("g.id", "=", "c.goalId").on("g.deletedAt", "is", null).on("g.visibility", "in", levels))
    .leftJoin("milestones as ms", (j) =>
      j.onRef("ms.id", "=", "c.milestoneId").on("ms.deletedAt", "is", null).on("ms.visibility", "in", levels),
    )
    .leftJoin("meetings as mt", (j) =>
      j.onRef("mt.id", "=", "c.meetingId").on("mt.deletedAt", "is", null).on("mt.visibility", "in", levels),
    )
    .select([
      "c.id",
      "c.organisationId",
      "o.name as organisationName",
      "o.shortName as organisationShortName",
      "c.kind",
      "c.date",
      "c.description",
      "c.hours",
      "g.id as goalId",
      "g.title as goalTitle",
      "ms.id as milestoneId",
      "ms.title as milestoneTitle",
      "mt.id as meetingId",
      "mt.title as meetingTitle",
      "c.visibility",
      "c.createdById",
      "c.createdByName",
      "c.createdAt",
      "c.updatedAt",
      "c.deletedAt",
      "c.version",
    ])
    .where("c.visibility", "in", levels)
    .where("c.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("c.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.organisationId) q = q.where("c.organisationId", "=", f.organisationId);
  if (f.kind) q = q.where("c.kind", "=", f.kind);
  // Filtering by a goal only finds what the viewer may see of that goal.
  if (f.goalId) q = q.where("g.id", "=", f.goalId);
  if (f.from) q = q.where("c.date", ">=", f.from);
  if (f.to) q = q.where("c.date", "<=", f.to);
  return q.orderBy("c.date", "desc").orderBy("c.id", "desc").execute();
}
export type ContributionRecord = Awaited<ReturnType<typeof listContributions>>[number];

export async function getContribution(db: Kysely<Database>, viewer: Viewer, id: number, deleted = false) {
  const [c] = await listContributions(db, viewer, { ids: [id], deleted });
  return c;
}

export async function insertContribution(
  db: Kysely<Database>,
  input: ContributionInput,
  by: { id: string | null; name: string },
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("contributions")
    .values({ ...input, createdById: by.id, createdByName: by.name, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** `to` is a date: anything on that day counts, so the bound is the start of the next day. */
const dayAfter = (iso: string) => `${addDaysIso(iso, 1)}T00:00:00.000Z`;

/**
 * For the convenor only: per organisation that has not left, whether it contributed, attended a
 * meeting or answered an alert between the workshop and the AGM (inclusive). Reads every
 * visibility, so it must never be served to anyone but the convenor.
 */
export async function participation(db: Kysely<Database>, span: { cycleId: number; from: string; to: string }) {
  const start = `${span.from}T00:00:00.000Z`;
  const end = dayAfter(span.to);
  const rows = await db
    .selectFrom("organisations as o")
    .select((eb) => [
      "o.id as organisationId",
      "o.name",
      "o.shortName",
      "o.isConvenor",
      eb
        .selectFrom("contributions as c")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("c.organisationId", "=", "o.id")
        .where("c.deletedAt", "is", null)
        .where("c.date", ">=", span.from)
        .where("c.date", "<=", span.to)
        .as("contributions"),
      eb
        .selectFrom("meetingAttendance as a")
        .innerJoin("meetings as m", "m.id", "a.meetingId")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("a.organisationId", "=", "o.id")
        .where("a.status", "=", "attended")
        .where("m.deletedAt", "is", null)
        .where((w) => w.or([w("m.cycleId", "=", span.cycleId), w.and([w("m.startsAt", ">=", start), w("m.startsAt", "<", end)])]))
        .as("meetingsAttended"),
      eb
        .selectFrom("alertAnswers as aa")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("aa.organisationId", "=", "o.id")
        .where("aa.updatedAt", ">=", start)
        .where("aa.updatedAt", "<", end)
        .as("alertsAnswered"),
    ])
    .where("o.leftOn", "is", null)
    .orderBy("o.name")
    .execute();
  const organisations = rows.map((r) => ({
    organisationId: r.organisationId,
    name: r.name,
    shortName: r.shortName,
    isConvenor: Boolean(r.isConvenor),
    contributions: Number(r.contributions ?? 0),
    meetingsAttended: Number(r.meetingsAttended ?? 0),
    alertsAnswered: Number(r.alertsAnswered ?? 0),
  }));
  return {
    organisations,
    /** Member organisations (not the convenor's own) that have done none of the three: a friendly check-in. */
    quiet: organisations.filter((o) => !o.isConvenor && o.contributions === 0 && o.meetingsAttended === 0 && o.alertsAnswered === 0),
  };
}
