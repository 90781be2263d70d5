/**
 * One page of the goals table (GET /api/goals): filtered, sorted and paged in SQL, then only the
 * page's goals are read in full. Callers that need a whole cycle (overview, compare, CSV, deck,
 * AGM report) keep calling listGoals.
 */
import { type GoalPageQuery, type GoalSortKey, goalStatuses, type Sort, type Viewer, visibleLevels } from "@convene/domain";
import { type Expression, type Kysely, sql } from "kysely";
import { sortableText } from "../engine.ts";
import type { Database } from "../schema.ts";
import { type GoalFilter, type GoalSummary, goalRows, listGoals } from "./goals.ts";
import { pageOf } from "./paging.ts";

/** What a row of the goals table shows, and what its inline status edit needs (id, version). */
function slim(g: GoalSummary) {
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
    progress: g.progress,
    dueDate: g.dueDate,
    lastUpdateAt: g.lastUpdateAt,
    visibility: g.visibility,
    version: g.version,
    deletedAt: g.deletedAt,
  };
}
export type GoalRow = ReturnType<typeof slim>;

export async function listGoalPage(
  db: Kysely<Database>,
  viewer: Viewer,
  query: Omit<GoalPageQuery, "sort"> & { sort?: Sort<GoalSortKey> | undefined; deleted?: boolean },
) {
  const { limit, offset, sort, ...filter } = query;
  const page = { limit, offset };
  if (sort?.key === "progress") return progressPage(db, viewer, filter, sort.desc, page);

  const base = goalIds(db, viewer, filter);
  const sorted = sort ? orderBy(db, viewer, base, sort) : base;
  const { rows, ...info } = await pageOf(db, sorted.orderBy("g.id"), page);
  const ids = rows.map((r) => r.id);
  const byId = new Map((await listGoals(db, viewer, { ids, deleted: filter.deleted })).map((g) => [g.id, g]));
  return { goals: ids.flatMap((id) => (byId.has(id) ? [slim(byId.get(id)!)] : [])), ...info };
}

const goalIds = (db: Kysely<Database>, viewer: Viewer, filter: GoalFilter) =>
  goalRows(db, viewer, filter).clearSelect().clearOrderBy().select("g.id");
type Listed = ReturnType<typeof goalIds>;

/**
 * The column's sort, with empty values first going up and last going down (as the table has
 * always sorted "" and as the CSV does): the nulls-first flag is sorted in the same direction.
 */
function orderBy(db: Kysely<Database>, viewer: Viewer, q: Listed, sort: Sort<GoalSortKey>): Listed {
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
      return by(
        db
          .selectFrom("progressUpdates as pu")
          .select((eb) => eb.fn.max("pu.createdAt").as("at"))
          // The outer query's goal: a correlated subquery, one index seek on progressUpdates(goalId).
          .where(sql<boolean>`${sql.ref("pu.goalId")} = ${sql.ref("g.id")}`)
          .where("pu.deletedAt", "is", null)
          .where("pu.visibility", "in", visibleLevels(viewer)),
      );
    case "progress":
      return q;
  }
}

/**
 * Progress is computed from each measure's latest visible value, which SQL cannot sort on until
 * it is stored (issue 10, item 1): until then this sort reads the matching goals in full and
 * sorts them here, as the old whole-cycle list did. Every other column sorts in SQL.
 */
async function progressPage(
  db: Kysely<Database>,
  viewer: Viewer,
  filter: GoalFilter,
  desc: boolean,
  page: { limit: number; offset: number },
) {
  const all = await listGoals(db, viewer, filter);
  const sign = desc ? -1 : 1;
  const sorted = all.map((g, i) => ({ g, i })).sort((x, y) => sign * ((x.g.progress ?? -1) - (y.g.progress ?? -1)) || x.i - y.i);
  return {
    goals: sorted.slice(page.offset, page.offset + page.limit).map((x) => slim(x.g)),
    total: all.length,
    ...page,
  };
}

/**
 * Every goal matching `filter`, named and versioned only: what pickers need (a contribution's
 * goal, a milestone's goals, a meeting decision's goal) when a page of 50 would not do.
 */
export async function listGoalChoices(db: Kysely<Database>, viewer: Viewer, filter: GoalFilter) {
  return goalRows(db, viewer, filter).clearSelect().select(["g.id", "g.title", "g.cycleId", "c.name as cycleName", "g.version"]).execute();
}
