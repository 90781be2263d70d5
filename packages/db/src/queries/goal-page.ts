/**
 * One page of the goals table (GET /api/goals): filtered, sorted and paged in SQL. Callers that
 * need a whole cycle in full (compare, CSV, deck, AGM report) keep calling listGoals.
 */
import { type GoalPageQuery, type GoalSortKey, goalStatuses, levelOf, type Sort, type Viewer } from "@convene/domain";
import { type Expression, type Kysely, sql } from "kysely";
import { sortableText } from "../engine.ts";
import type { Database } from "../schema.ts";
import { type GoalFilter, goalRows } from "./goals.ts";
import { pageOf } from "./paging.ts";

/**
 * One page of the goals table: what a row shows and what its inline status edit needs (id,
 * version), read in one query with the progress and last update stored for the viewer's level
 * (stored-progress.ts), so a page costs the same whatever the size of the cycle.
 */
export async function listGoalPage(
  db: Kysely<Database>,
  viewer: Viewer,
  query: Omit<GoalPageQuery, "sort"> & { sort?: Sort<GoalSortKey> | undefined; deleted?: boolean },
) {
  const { limit, offset, sort, ...filter } = query;
  const base = pageRows(db, viewer, filter);
  const sorted = sort ? orderBy(db, base, sort) : base;
  const { rows, ...info } = await pageOf(db, sorted.orderBy("g.id"), { limit, offset });
  return { goals: rows.map(slim), ...info };
}

const pageRows = (db: Kysely<Database>, viewer: Viewer, filter: GoalFilter) =>
  goalRows(db, viewer, filter)
    .clearSelect()
    .clearOrderBy()
    .leftJoin("storedGoalProgress as gp", (j) => j.onRef("gp.goalId", "=", "g.id").on("gp.level", "=", levelOf(viewer)))
    .select([
      "g.id",
      "g.cycleId",
      "g.title",
      "g.themeId",
      "t.name as themeName",
      "g.leadOrganisationId",
      "o.name as leadName",
      "o.shortName as leadShortName",
      "g.status",
      "gp.progress",
      "g.dueDate",
      "gp.lastUpdateAt",
      "g.visibility",
      "g.version",
      "g.deletedAt",
    ]);
type Listed = ReturnType<typeof pageRows>;

function slim(g: Awaited<ReturnType<Listed["execute"]>>[number]) {
  return {
    id: g.id,
    cycleId: g.cycleId,
    title: g.title,
    themeId: g.themeId,
    themeName: g.themeName,
    leadOrganisationId: g.leadOrganisationId,
    leadName: g.leadName,
    leadShortName: g.leadShortName,
    status: g.status,
    progress: g.progress ?? null,
    dueDate: g.dueDate,
    lastUpdateAt: g.lastUpdateAt ?? null,
    visibility: g.visibility,
    version: g.version,
    deletedAt: g.deletedAt,
  };
}
export type GoalRow = ReturnType<typeof slim>;

/**
 * The column's sort, with empty values first going up and last going down (as the table has
 * always sorted "" and as the CSV does): the nulls-first flag is sorted in the same direction.
 */
function orderBy(db: Kysely<Database>, q: Listed, sort: Sort<GoalSortKey>): Listed {
  const dir = sort.desc ? "desc" : "asc";
  const by = (value: Expression<unknown>, nullable = true): Listed => {
    const withEmpty = nullable ? q.orderBy(sql`case when ${value} is null then 0 else 1 end`, dir) : q;
    return withEmpty.orderBy(value, dir);
  };
  switch (sort.key) {
    case "title":
      return by(sortableText(db, "g.title"), false);
    case "theme":
      return by(sortableText(db, "t.name"));
    case "lead":
      return by(sortableText(db, "o.name"));
    case "status":
      return by(
        sql`case ${sql.join(
          goalStatuses.map((s, i) => sql`when ${sql.ref("g.status")} = ${sql.lit(s)} then ${sql.lit(i)}`),
          sql` `,
        )} end`,
        false,
      );
    case "dueDate":
      return by(sql.ref("g.dueDate"));
    case "visibility":
      return by(sql.ref("g.visibility"), false);
    case "lastUpdate":
      return by(sql.ref("gp.lastUpdateAt"));
    case "progress":
      return by(sql.ref("gp.progress"));
  }
}

/**
 * Every goal matching `filter`, named and versioned only: what pickers need (a contribution's
 * goal, a milestone's goals, a meeting decision's goal) when a page of 50 would not do.
 */
export async function listGoalChoices(db: Kysely<Database>, viewer: Viewer, filter: GoalFilter) {
  return goalRows(db, viewer, filter).clearSelect().select(["g.id", "g.title", "g.cycleId", "c.name as cycleName", "g.version"]).execute();
}
