/**
 * Milestones as a viewer may see them. Visibility is filtered in SQL, for the milestones and
 * for the goals they link to: a milestone the viewer may see never reveals a goal they may not.
 */
import {
  type DatePrecision,
  type EvidenceLink,
  type MilestoneInput,
  type MilestoneKind,
  type MilestoneListQuery,
  type PageQuery,
  startOfPeriod,
  type Viewer,
  visibleLevels,
} from "@convene/domain";
import type { Kysely, Selectable } from "kysely";
import type { Database, MilestoneTable } from "../schema.ts";
import { pageOf } from "./paging.ts";
import { bumpAnswersVersion } from "./stored-progress.ts";

export interface MilestoneFilter extends MilestoneListQuery {
  ids?: number[];
  /** The convenor's bin: soft-deleted milestones, restorable. */
  deleted?: boolean;
  /** Oldest first (the default) or newest first. */
  order?: "asc" | "desc";
  /** Milestones dated on or after / on or before these days (dates are stored as the start of their period). */
  from?: string;
  to?: string;
}

/** The milestones a viewer may see that match `f`, unordered: the base of every milestone list. */
function milestoneRows(db: Kysely<Database>, viewer: Viewer, f: MilestoneFilter) {
  const levels = visibleLevels(viewer);
  let q = db
    .selectFrom("milestones as m")
    .selectAll("m")
    .where("m.visibility", "in", levels)
    .where("m.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("m.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.kind) q = q.where("m.kind", "=", f.kind);
  // Dates are stored as the start of their period, so a year is a plain range on the index.
  if (f.from) q = q.where("m.date", ">=", f.from);
  if (f.to) q = q.where("m.date", "<=", f.to);
  if (f.year) q = q.where("m.date", ">=", `${f.year}-01-01`).where("m.date", "<", `${f.year + 1}-01-01`);
  if (f.organisationId) {
    const org = f.organisationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("milestoneOrganisations as mo")
          .select("mo.milestoneId")
          .whereRef("mo.milestoneId", "=", "m.id")
          .where("mo.organisationId", "=", org),
      ),
    );
  }
  if (f.goalId) {
    const goal = f.goalId;
    // Only through a goal the viewer may see: filtering by a hidden goal's id finds nothing.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("milestoneGoals as mg")
          .innerJoin("goals as g", "g.id", "mg.goalId")
          .select("mg.milestoneId")
          .whereRef("mg.milestoneId", "=", "m.id")
          .where("mg.goalId", "=", goal)
          .where("g.visibility", "in", levels)
          .where("g.deletedAt", "is", null),
      ),
    );
  }
  const dir = f.order ?? "asc";
  return q.orderBy("m.date", dir).orderBy("m.id", dir);
}

/** Every matching milestone in date order (oldest first unless `order` says): pickers, CSV, the deck. */
export async function listMilestones(db: Kysely<Database>, viewer: Viewer, f: MilestoneFilter = {}) {
  return withLinks(db, viewer, await milestoneRows(db, viewer, f).execute());
}

/** One page of the timeline, in the same order, with the total. */
export async function listMilestonePage(db: Kysely<Database>, viewer: Viewer, f: MilestoneFilter & PageQuery) {
  const { rows, ...page } = await pageOf(db, milestoneRows(db, viewer, f), f);
  return { milestones: await withLinks(db, viewer, rows), ...page };
}

/** Milestones with their organisations and the goals the viewer may see. */
async function withLinks(db: Kysely<Database>, viewer: Viewer, rows: Selectable<MilestoneTable>[]) {
  const levels = visibleLevels(viewer);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];

  const [orgs, goals] = await Promise.all([
    db
      .selectFrom("milestoneOrganisations as mo")
      .innerJoin("organisations as o", "o.id", "mo.organisationId")
      .select(["mo.milestoneId", "o.id", "o.name", "o.shortName"])
      .where("mo.milestoneId", "in", ids)
      .orderBy("o.name")
      .execute(),
    db
      .selectFrom("milestoneGoals as mg")
      .innerJoin("goals as g", "g.id", "mg.goalId")
      .innerJoin("cycles as c", "c.id", "g.cycleId")
      .select(["mg.milestoneId", "g.id", "g.title", "c.name as cycleName"])
      .where("mg.milestoneId", "in", ids)
      .where("g.visibility", "in", levels)
      .where("g.deletedAt", "is", null)
      .orderBy("g.id")
      .execute(),
  ]);

  return rows.map((m) => {
    const organisations = orgs.filter((o) => o.milestoneId === m.id).map(({ milestoneId: _, ...o }) => o);
    const linkedGoals = goals.filter((g) => g.milestoneId === m.id).map(({ milestoneId: _, ...g }) => g);
    return {
      id: m.id,
      title: m.title,
      kind: m.kind as MilestoneKind,
      date: m.date,
      datePrecision: m.datePrecision as DatePrecision,
      description: m.description,
      outcome: m.outcome,
      evidence: JSON.parse(m.evidence) as EvidenceLink[],
      notes: m.notes,
      visibility: m.visibility,
      organisationIds: organisations.map((o) => o.id),
      organisations,
      goalIds: linkedGoals.map((g) => g.id),
      goals: linkedGoals,
      fromSeed: m.seedKey !== null,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      deletedAt: m.deletedAt,
      version: m.version,
    };
  });
}
export type MilestoneRecord = Awaited<ReturnType<typeof listMilestones>>[number];

export async function getMilestone(db: Kysely<Database>, viewer: Viewer, id: number): Promise<MilestoneRecord | undefined> {
  const [m] = await listMilestones(db, viewer, { ids: [id] });
  return m;
}

/** The years that have milestones the viewer may see, newest first (for the year filter). */
export async function milestoneYears(db: Kysely<Database>, viewer: Viewer): Promise<number[]> {
  const rows = await db
    .selectFrom("milestones")
    .select((eb) => eb.fn<string>("substr", ["date", eb.val(1), eb.val(4)]).as("year"))
    .distinct()
    .where("visibility", "in", visibleLevels(viewer))
    .where("deletedAt", "is", null)
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => Number(r.year));
}

export async function insertMilestone(db: Kysely<Database>, input: MilestoneInput & { seedKey?: string | null }): Promise<number> {
  const { organisationIds, goalIds, evidence, seedKey, ...fields } = input;
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("milestones")
    .values({
      ...fields,
      date: startOfPeriod(fields.date, fields.datePrecision),
      evidence: JSON.stringify(evidence),
      seedKey: seedKey ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceMilestoneLinks(db, id, { organisationIds, goalIds });
  // Comparisons list the milestones since their date.
  await bumpAnswersVersion(db);
  return id;
}

export async function replaceMilestoneLinks(
  db: Kysely<Database>,
  milestoneId: number,
  links: { organisationIds?: number[] | undefined; goalIds?: number[] | undefined },
): Promise<void> {
  if (links.organisationIds) {
    await db.deleteFrom("milestoneOrganisations").where("milestoneId", "=", milestoneId).execute();
    if (links.organisationIds.length)
      await db
        .insertInto("milestoneOrganisations")
        .values(links.organisationIds.map((organisationId) => ({ milestoneId, organisationId })))
        .execute();
  }
  if (links.goalIds) {
    await db.deleteFrom("milestoneGoals").where("milestoneId", "=", milestoneId).execute();
    if (links.goalIds.length)
      await db
        .insertInto("milestoneGoals")
        .values(links.goalIds.map((goalId) => ({ milestoneId, goalId })))
        .execute();
  }
}
