/**
 * Progress kept, not replayed. For each visibility level — what a viewer of that level may see —
 * the database keeps each measure's current value, each goal's progress, last update and series,
 * and each cycle's weekly series, computed by the same domain functions a full replay uses
 * (`goalProgress`, `goalProgressOverTime`, `progressAt`). Every write that changes what they are
 * computed from calls `refreshGoalProgress` (or `refreshCycleProgress` for a cycle's dates) in its
 * own transaction, so a reader never sees figures older than the history they come from;
 * `rebuildStoredProgress` recomputes everything from the history.
 *
 * A cycle's weekly series is kept as a sum and a count per date, so refreshing one goal moves
 * only that goal's share (its old series out, its new one in) instead of re-reading the cycle.
 * Each refresh also bumps `answersVersion`, the number cached answers are checked against.
 */
import {
  audienceOf,
  countsTowardsProgress,
  type GoalStatus,
  goalProgress,
  goalProgressOverTime,
  type MeasureKind,
  type ProgressPoint,
  progressAt,
  sampleDates,
  type Visibility,
  visibilities,
  visibleLevels,
} from "@convene/domain";
import type { CompiledQuery, Insertable, Kysely } from "kysely";
import type { Database, StoredCycleProgressTable } from "../schema.ts";

type Db = Kysely<Database>;

/** The fields of a goal and of a measure that stored figures are computed from. */
const goalFields = ["status", "visibility", "cycleId", "deletedAt"];
const measureFields = ["baseline", "target", "weight", "kind", "deletedAt", "goalId"];

/** Goals refreshed per round of queries (keeps every `in (…)` list well under SQLite's limit). */
const BATCH = 400;
/** Rows per multi-row insert. */
const SLICE = 300;

/** The dates a cycle's stored series holds: weekly from the workshop, and the AGM itself. */
export function cycleSeriesDates(cycle: { workshopDate: string; agmDate: string }): string[] {
  return sampleDates(cycle.workshopDate, cycle.agmDate);
}

/**
 * Brings the stored progress of these goals up to date with their history, and their cycles'
 * series with them (the cycle a goal was in too, when it moved), then bumps the answers' version.
 * Run it in the transaction of the write, after the write.
 */
export async function refreshGoalProgress(db: Db, goalIds: readonly number[]): Promise<void> {
  const ids = [...new Set(goalIds)];
  for (let i = 0; i < ids.length; i += BATCH) await refreshBatch(db, ids.slice(i, i + BATCH));
  await bumpAnswersVersion(db);
}

/** Recomputes whole cycles' series from their goals' stored series (after a cycle's dates change). */
export async function refreshCycleProgress(db: Db, cycleIds: readonly number[]): Promise<void> {
  const ids = [...new Set(cycleIds)];
  if (ids.length === 0) return;
  const cycles = await db.selectFrom("cycles").select(["id", "workshopDate", "agmDate"]).where("id", "in", ids).execute();
  const sums = new Sums(cycles);
  const counted = await db
    .selectFrom("storedGoalProgress as gp")
    .innerJoin("storedGoalSeries as s", (j) => j.onRef("s.goalId", "=", "gp.goalId").onRef("s.level", "=", "gp.level"))
    .select(["gp.cycleId", "gp.goalId", "gp.level", "s.date", "s.progress"])
    .where("gp.cycleId", "in", ids)
    .where("gp.counted", "=", 1)
    .orderBy("gp.goalId")
    .orderBy("s.date")
    .execute();
  for (const points of groupBy(counted, (r) => `${r.cycleId}|${r.goalId}|${r.level}`).values()) {
    sums.add(points[0]!.cycleId, points[0]!.level, points, 1);
  }
  await sums.write(db, new Map());
  await bumpAnswersVersion(db);
}

/** Recomputes every stored figure from the history: the rebuild command, seeding and restore. */
export async function rebuildStoredProgress(db: Db): Promise<{ goals: number; cycles: number }> {
  for (const table of ["storedCycleProgress", "storedGoalSeries", "storedGoalProgress", "storedMeasureProgress"] as const)
    await db.deleteFrom(table).execute();
  const goals = (await db.selectFrom("goals").select("id").orderBy("id").execute()).map((g) => g.id);
  const cycles = (await db.selectFrom("cycles").select("id").execute()).map((c) => c.id);
  for (let i = 0; i < goals.length; i += BATCH) await writeGoals(db, await computeGoals(db, goals.slice(i, i + BATCH)));
  for (let i = 0; i < cycles.length; i += BATCH) await refreshCycleProgress(db, cycles.slice(i, i + BATCH));
  const state = await db.selectFrom("storedProgressState").select("id").where("id", "=", 1).executeTakeFirst();
  if (state) await bumpAnswersVersion(db);
  else await db.insertInto("storedProgressState").values({ id: 1, answersVersion: 1 }).execute();
  return { goals: goals.length, cycles: cycles.length };
}

/**
 * Builds the stored figures of a database that has never had them (one migrated from before
 * they existed): until then there is no state row. Returns whether it built them.
 */
export async function ensureStoredProgress(db: Db): Promise<boolean> {
  if (await answersVersion(db)) return false;
  await db.transaction().execute((trx) => rebuildStoredProgress(trx));
  return true;
}

/**
 * The number every write that changes an overview or comparison bumps, in its own transaction:
 * a cached answer is good while this still reads the same. Null before the figures were built.
 */
export async function answersVersion(db: Db): Promise<number | null> {
  let compiled = versionReads.get(db);
  if (!compiled) {
    compiled = db.selectFrom("storedProgressState").select("answersVersion").where("id", "=", 1).compile();
    versionReads.set(db, compiled);
  }
  const row = (await db.executeQuery(compiled)).rows[0];
  return row?.answersVersion ?? null;
}

/** The version read compiled once per database: every cached answer makes it, so it is kept cheap. */
const versionReads = new WeakMap<Db, CompiledQuery<{ answersVersion: number }>>();

/** For writes that change cached answers without changing progress (names, cycle fields, milestones). */
export async function bumpAnswersVersion(db: Db): Promise<void> {
  await db
    .updateTable("storedProgressState")
    .set((eb) => ({ answersVersion: eb("answersVersion", "+", 1) }))
    .where("id", "=", 1)
    .execute();
}

/** The stored weekly points of a cycle at one level, oldest first. */
export async function storedCycleSeries(db: Db, cycleId: number, level: Visibility): Promise<ProgressPoint[]> {
  const rows = await db
    .selectFrom("storedCycleProgress")
    .select(["date", "total", "goals"])
    .where("cycleId", "=", cycleId)
    .where("level", "=", level)
    .orderBy("date")
    .execute();
  return rows.map((r) => ({ date: r.date, progress: r.goals > 0 ? r.total / r.goals : null }));
}

/** The stored series of these goals at one level, by goal (a goal with no values has none). */
export async function storedGoalSeries(db: Db, goalIds: readonly number[], level: Visibility): Promise<Map<number, ProgressPoint[]>> {
  const out = new Map<number, ProgressPoint[]>();
  for (let i = 0; i < goalIds.length; i += BATCH) {
    const rows = await db
      .selectFrom("storedGoalSeries")
      .select(["goalId", "date", "progress"])
      .where("goalId", "in", goalIds.slice(i, i + BATCH))
      .where("level", "=", level)
      .orderBy("goalId")
      .orderBy("date")
      .execute();
    for (const [goalId, points] of groupBy(rows, (r) => r.goalId))
      out.set(
        goalId,
        points.map(({ date, progress }) => ({ date, progress })),
      );
  }
  return out;
}

interface ComputedGoal {
  goalId: number;
  level: Visibility;
  cycleId: number;
  counted: boolean;
  progress: number | null;
  lastUpdateAt: string | null;
  lastValueAt: string | null;
  series: ProgressPoint[];
  measures: { measureId: number; value: number; recordedAt: string }[];
}

/** The figures of these goals at every level, replayed from their history. */
export async function computeGoals(db: Db, goalIds: readonly number[]): Promise<ComputedGoal[]> {
  const ids = [...goalIds];
  if (ids.length === 0) return [];
  const [goals, measures] = await Promise.all([
    db.selectFrom("goals").select(["id", "cycleId", "status", "visibility", "deletedAt"]).where("id", "in", ids).execute(),
    db
      .selectFrom("measures")
      .select(["id", "goalId", "kind", "baseline", "target", "weight"])
      .where("goalId", "in", ids)
      .where("deletedAt", "is", null)
      .orderBy("id")
      .execute(),
  ]);
  const measuresByGoal = groupBy(
    measures.map((m) => ({ ...m, kind: m.kind as MeasureKind })),
    (m) => m.goalId,
  );
  // The whole live history once, each value with its update's visibility (none: a starting
  // value), filtered for each level below: what measureValueHistory gives a viewer of that level.
  const [allValues, allLastUpdates] = await Promise.all([
    db
      .selectFrom("measureValues as mv")
      .innerJoin("measures as m", "m.id", "mv.measureId")
      .leftJoin("progressUpdates as pu", "pu.id", "mv.updateId")
      .select(["mv.measureId", "m.goalId", "mv.value", "mv.recordedAt", "mv.updateId", "pu.visibility"])
      .where("m.goalId", "in", ids)
      .where("m.deletedAt", "is", null)
      .where((eb) => eb.or([eb("mv.updateId", "is", null), eb("pu.deletedAt", "is", null)]))
      .orderBy("mv.recordedAt")
      .orderBy("mv.id")
      .execute(),
    db
      .selectFrom("progressUpdates")
      .select(["goalId", "visibility", (eb) => eb.fn.max("createdAt").as("lastUpdateAt")])
      .where("goalId", "in", ids)
      .where("deletedAt", "is", null)
      .groupBy(["goalId", "visibility"])
      .execute(),
  ]);
  const out: ComputedGoal[] = [];
  for (const level of visibilities) {
    const viewer = audienceOf(level);
    const seen = visibleLevels(viewer);
    const history = allValues.filter((v) => v.updateId === null || (v.visibility !== null && seen.includes(v.visibility)));
    const historyByGoal = groupBy(history, (v) => v.goalId);
    const lastUpdateByGoal = new Map<number, string>();
    for (const u of allLastUpdates) {
      const was = lastUpdateByGoal.get(u.goalId);
      if (seen.includes(u.visibility) && u.lastUpdateAt !== null && (was === undefined || u.lastUpdateAt > was))
        lastUpdateByGoal.set(u.goalId, u.lastUpdateAt);
    }
    for (const g of goals) {
      const values = historyByGoal.get(g.id) ?? [];
      const goalMeasures = measuresByGoal.get(g.id) ?? [];
      // The history is oldest first, so the last value of each measure is its current one.
      const current = new Map<number, { value: number; recordedAt: string }>();
      for (const v of values) current.set(v.measureId, { value: v.value, recordedAt: v.recordedAt });
      out.push({
        goalId: g.id,
        level,
        cycleId: g.cycleId,
        counted: g.deletedAt === null && visibleLevels(viewer).includes(g.visibility) && countsTowardsProgress(g.status as GoalStatus),
        progress: goalProgress(goalMeasures.map((m) => ({ ...m, current: current.get(m.id)?.value ?? null }))),
        lastUpdateAt: lastUpdateByGoal.get(g.id) ?? null,
        lastValueAt: values.at(-1)?.recordedAt ?? null,
        series: goalProgressOverTime(goalMeasures, values),
        measures: [...current].map(([measureId, v]) => ({ measureId, ...v })),
      });
    }
  }
  return out;
}

async function writeGoals(db: Db, computed: readonly ComputedGoal[]): Promise<void> {
  const ids = [...new Set(computed.map((c) => c.goalId))];
  if (ids.length === 0) return;
  for (const table of ["storedGoalSeries", "storedGoalProgress", "storedMeasureProgress"] as const)
    await db.deleteFrom(table).where("goalId", "in", ids).execute();
  const goalRows = computed.map((c) => ({
    goalId: c.goalId,
    level: c.level,
    cycleId: c.cycleId,
    counted: c.counted ? 1 : 0,
    progress: c.progress,
    lastUpdateAt: c.lastUpdateAt,
    lastValueAt: c.lastValueAt,
  }));
  const seriesRows = computed.flatMap((c) =>
    c.series.map((p) => ({ goalId: c.goalId, level: c.level, date: p.date, progress: p.progress })),
  );
  const measureRows = computed.flatMap((c) => c.measures.map((m) => ({ goalId: c.goalId, level: c.level, ...m })));
  for (const rows of slices(goalRows)) await db.insertInto("storedGoalProgress").values(rows).execute();
  for (const rows of slices(seriesRows)) await db.insertInto("storedGoalSeries").values(rows).execute();
  for (const rows of slices(measureRows)) await db.insertInto("storedMeasureProgress").values(rows).execute();
}

/** One batch of `refreshGoalProgress`: the goals' old share of their cycles out, the new one in. */
async function refreshBatch(db: Db, ids: number[]): Promise<void> {
  const [previous, computed] = await Promise.all([
    db
      .selectFrom("storedGoalProgress as gp")
      .leftJoin("storedGoalSeries as s", (j) => j.onRef("s.goalId", "=", "gp.goalId").onRef("s.level", "=", "gp.level"))
      .select(["gp.goalId", "gp.level", "gp.cycleId", "gp.counted", "s.date", "s.progress"])
      .where("gp.goalId", "in", ids)
      .orderBy("gp.goalId")
      .orderBy("s.date")
      .execute(),
    computeGoals(db, ids),
  ]);
  const cycleIds = [...new Set([...previous.map((p) => p.cycleId), ...computed.map((c) => c.cycleId)])];
  const cycles = cycleIds.length
    ? await db.selectFrom("cycles").select(["id", "workshopDate", "agmDate"]).where("id", "in", cycleIds).execute()
    : [];
  const sums = new Sums(cycles);
  for (const rows of groupBy(previous, (p) => `${p.goalId}|${p.level}`).values()) {
    const first = rows[0]!;
    if (first.counted !== 1) continue;
    const points = rows.flatMap((r) => (r.date === null ? [] : [{ date: r.date, progress: r.progress }]));
    sums.add(first.cycleId, first.level, points, -1);
  }
  for (const c of computed) if (c.counted) sums.add(c.cycleId, c.level, c.series, 1);
  await writeGoals(db, computed);
  await sums.write(db, await currentSums(db, cycleIds));
}

type CycleSumRow = Insertable<StoredCycleProgressTable>;

async function currentSums(db: Db, cycleIds: number[]): Promise<Map<string, CycleSumRow>> {
  if (cycleIds.length === 0) return new Map();
  const rows = await db.selectFrom("storedCycleProgress").selectAll().where("cycleId", "in", cycleIds).execute();
  return new Map(rows.map((r) => [`${r.cycleId}|${r.level}|${r.date}`, r]));
}

/** Changes to cycles' weekly sums: each goal's progress on each of its cycle's dates, in or out. */
class Sums {
  private readonly dates: Map<number, string[]>;
  private readonly delta = new Map<string, { total: number; goals: number }>();

  constructor(cycles: readonly { id: number; workshopDate: string; agmDate: string }[]) {
    this.dates = new Map(cycles.map((c) => [c.id, cycleSeriesDates(c)]));
  }

  add(cycleId: number, level: Visibility, series: readonly ProgressPoint[], sign: 1 | -1): void {
    for (const date of this.dates.get(cycleId) ?? []) {
      const p = progressAt(series, date);
      if (p === null) continue;
      const key = `${cycleId}|${level}|${date}`;
      const d = this.delta.get(key) ?? { total: 0, goals: 0 };
      d.total += sign * p;
      d.goals += sign;
      this.delta.set(key, d);
    }
  }

  /** Writes every date of the cycles involved: the sums they had (`base`) moved by the changes. */
  async write(db: Db, base: ReadonlyMap<string, CycleSumRow>): Promise<void> {
    const cycleIds = [...this.dates.keys()];
    if (cycleIds.length === 0) return;
    const rows: CycleSumRow[] = [];
    for (const [cycleId, dates] of this.dates) {
      for (const level of visibilities) {
        for (const date of dates) {
          const key = `${cycleId}|${level}|${date}`;
          const was = base.get(key) ?? { total: 0, goals: 0 };
          const d = this.delta.get(key) ?? { total: 0, goals: 0 };
          const goals = was.goals + d.goals;
          // With no goal left the sum is exactly 0, not the rounding left by adding and taking away.
          rows.push({ cycleId, level, date, total: goals === 0 ? 0 : was.total + d.total, goals });
        }
      }
    }
    await db.deleteFrom("storedCycleProgress").where("cycleId", "in", cycleIds).execute();
    for (const slice of slices(rows)) await db.insertInto("storedCycleProgress").values(slice).execute();
  }
}

function* slices<T>(rows: readonly T[], size = SLICE): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The upkeep after a versioned edit (`changed`: the fields it set) or a soft delete of one record,
 * in the same transaction: a goal or a measure refreshes its goal, a cycle its series (its dates
 * may have moved), and the records whose names or dates an overview or comparison shows bump the
 * answers' version. An edit of fields no figure is computed from (a title, a unit) only bumps it.
 */
export async function afterRecordChanged(db: Db, table: string, id: number, changed?: readonly string[]): Promise<void> {
  const touches = (fields: readonly string[]) => changed === undefined || changed.some((f) => fields.includes(f));
  if ((table === "goals" && !touches(goalFields)) || (table === "measures" && !touches(measureFields))) return bumpAnswersVersion(db);
  if (table === "goals") return refreshGoalProgress(db, [id]);
  if (table === "measures") {
    const measure = await db.selectFrom("measures").select("goalId").where("id", "=", id).executeTakeFirst();
    return measure ? refreshGoalProgress(db, [measure.goalId]) : undefined;
  }
  if (table === "cycles") return refreshCycleProgress(db, [id]);
  if (table === "organisations" || table === "themes" || table === "milestones") return bumpAnswersVersion(db);
}
