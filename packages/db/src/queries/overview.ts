/**
 * What a cycle's overview shows, read from the progress stored for the viewer's level
 * (stored-progress.ts): counts and sums grouped in SQL, and only the goals the overview lists by
 * name (those needing attention). Its cost grows with what it shows, not with the cycle.
 */
import { type GoalStatus, levelOf, type Viewer, visibleLevels } from "@convene/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.ts";

function cycleGoals(db: Kysely<Database>, viewer: Viewer, cycleId: number) {
  return db
    .selectFrom("goals as g")
    .leftJoin("storedGoalProgress as gp", (j) => j.onRef("gp.goalId", "=", "g.id").on("gp.level", "=", levelOf(viewer)))
    .where("g.cycleId", "=", cycleId)
    .where("g.visibility", "in", visibleLevels(viewer))
    .where("g.deletedAt", "is", null);
}

export interface OverviewGroup {
  status: GoalStatus;
  themeId: number | null;
  themeName: string | null;
  goals: number;
  /** Of them, how many have a progress figure, and its sum. */
  withProgress: number;
  progressSum: number | null;
  /** Of them, how many are short of 100 % (or have no figure). */
  shortOfFull: number;
  /** The newest value behind any of them (ISO timestamp), or null. */
  lastValueAt: string | null;
}

/** The cycle's visible goals counted by status and theme, with their progress summed. */
export async function overviewGroups(db: Kysely<Database>, viewer: Viewer, cycleId: number): Promise<OverviewGroup[]> {
  const rows = await cycleGoals(db, viewer, cycleId)
    .leftJoin("themes as t", "t.id", "g.themeId")
    .select((eb) => [
      "g.status",
      "g.themeId",
      "t.name as themeName",
      eb.fn.countAll<number>().as("goals"),
      eb.fn.count<number>("gp.progress").as("withProgress"),
      eb.fn.sum<number | null>("gp.progress").as("progressSum"),
      eb.fn
        .sum<number>(sql`case when ${sql.ref("gp.progress")} is null or ${sql.ref("gp.progress")} < 1 then 1 else 0 end`)
        .as("shortOfFull"),
      eb.fn.max("gp.lastValueAt").as("lastValueAt"),
    ])
    .groupBy(["g.status", "g.themeId", "t.name"])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    themeId: r.themeId,
    themeName: r.themeName,
    goals: Number(r.goals),
    withProgress: Number(r.withProgress),
    progressSum: r.progressSum === null ? null : Number(r.progressSum),
    shortOfFull: Number(r.shortOfFull),
    lastValueAt: r.lastValueAt ?? null,
  }));
}

/**
 * The goals the overview names, in id order: those at risk or off track, and those still open
 * whose last visible update (or, with none, their creation) is older than `staleBefore` (a date).
 */
export async function overviewAttention(db: Kysely<Database>, viewer: Viewer, cycleId: number, staleBefore: string) {
  const last = sql<string>`coalesce(${sql.ref("gp.lastUpdateAt")}, ${sql.ref("g.createdAt")})`;
  return cycleGoals(db, viewer, cycleId)
    .leftJoin("organisations as o", "o.id", "g.leadOrganisationId")
    .select(["g.id", "g.title", "g.status", "gp.progress", "o.name as leadName", "gp.lastUpdateAt", "g.createdAt"])
    .where((eb) =>
      eb.or([
        eb("g.status", "in", ["at_risk", "off_track"]),
        eb.and([eb("g.status", "not in", ["achieved", "dropped"]), eb(last, "<", staleBefore)]),
      ]),
    )
    .orderBy("g.id")
    .execute();
}

/** The ids of the cycle's visible goals that count towards progress (all but dropped ones). */
export async function countedGoalIds(db: Kysely<Database>, viewer: Viewer, cycleId: number): Promise<number[]> {
  const rows = await cycleGoals(db, viewer, cycleId).select("g.id").where("g.status", "!=", "dropped").orderBy("g.id").execute();
  return rows.map((r) => r.id);
}
