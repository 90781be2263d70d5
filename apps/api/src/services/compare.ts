/**
 * "Since the last AGM": each goal's progress on an earlier date and now, from the value history
 * (never from typed-in snapshots) as the stored progress keeps it replayed, and the goals that are new since. `compareGoals`
 * is pure, so the AGM deck can compute the same figures from the same data; `loadComparison`
 * gathers that data for one viewer.
 */
import { type CycleRecord, type Db, type GoalSummary, listGoals, listMilestones, storedGoalSeries } from "@convene/db";
import {
  addDaysIso,
  countsTowardsProgress,
  type DatePrecision,
  goalProgressOverTime,
  levelOf,
  type MeasureValue,
  type MilestoneKind,
  meanProgress,
  type ProgressPoint,
  progressAt,
  type Viewer,
} from "@convene/domain";

export interface CompareGoal
  extends Pick<GoalSummary, "id" | "title" | "status" | "themeName" | "leadName" | "createdAt" | "copiedFromGoalId" | "measures"> {}

export interface CompareInput {
  goals: readonly CompareGoal[];
  /** The visible value history of these goals and of the goals they were copied from (replayed when `series` is not given). */
  history?: readonly (MeasureValue & { goalId: number })[];
  /** Each goal's progress series as already computed from that history (the stored progress), by goal id. */
  series?: ReadonlyMap<number, readonly ProgressPoint[]>;
  /** Measures of the goals copied from (for their "then"), by goal id. */
  sourceMeasures: ReadonlyMap<number, CompareGoal["measures"]>;
  since: string;
  now: string;
  /** Milestones the viewer may see (any dates: those after `since` and up to `now` are kept). */
  milestones?: readonly CompareMilestone[];
}

export interface CompareMilestone {
  id: number;
  title: string;
  kind: MilestoneKind;
  /** The start of its period, as stored. */
  date: string;
  datePrecision: DatePrecision;
}

export interface GoalComparison {
  id: number;
  title: string;
  status: CompareGoal["status"];
  themeName: string | null;
  leadName: string | null;
  /** Created after `since` (a goal carried forward counts as new in its cycle, with its original's "before"). */
  isNew: boolean;
  carriedForward: boolean;
  /** Progress at the end of `since`. */
  before: number | null;
  /** Progress at the end of `now`. */
  after: number | null;
  change: number | null;
}

export function compareGoals({ goals, history = [], series: stored, sourceMeasures, since, now, milestones = [] }: CompareInput) {
  const byGoal = new Map<number, MeasureValue[]>();
  for (const v of history) {
    const list = byGoal.get(v.goalId);
    if (list) list.push(v);
    else byGoal.set(v.goalId, [v]);
  }
  const seriesOf = (goalId: number, measures: CompareGoal["measures"]) =>
    stored ? (stored.get(goalId) ?? []) : goalProgressOverTime(measures, byGoal.get(goalId) ?? []);
  const rows: GoalComparison[] = goals.map((g) => {
    const series = seriesOf(g.id, g.measures);
    const isNew = g.createdAt.slice(0, 10) > since;
    let then = progressAt(series, since);
    // A goal carried forward did not exist on `since`; its original did, so "then" is the original's.
    const source = g.copiedFromGoalId === null ? undefined : sourceMeasures.get(g.copiedFromGoalId);
    if (then === null && source && g.copiedFromGoalId !== null) {
      then = progressAt(seriesOf(g.copiedFromGoalId, source), since);
    }
    const nowValue = progressAt(series, now);
    return {
      id: g.id,
      title: g.title,
      status: g.status,
      themeName: g.themeName,
      leadName: g.leadName,
      isNew,
      carriedForward: source !== undefined,
      before: then,
      after: nowValue,
      change: then === null || nowValue === null ? null : nowValue - then,
    };
  });
  const counted = rows.filter((r) => countsTowardsProgress(r.status));
  return {
    since,
    now,
    goals: rows,
    newGoals: rows.filter((r) => r.isNew && !r.carriedForward).map((r) => ({ id: r.id, title: r.title })),
    /** Milestones dated after `since` and no later than `now`, oldest first. */
    newMilestones: milestones
      .filter((m) => m.date > since && m.date <= now)
      .map(({ id, title, kind, date, datePrecision }) => ({ id, title, kind, date, datePrecision }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id),
    summary: {
      before: meanProgress(counted.map((r) => r.before)),
      after: meanProgress(counted.map((r) => r.after)),
      improved: rows.filter((r) => r.change !== null && r.change > 0).length,
      fell: rows.filter((r) => r.change !== null && r.change < 0).length,
    },
  };
}
export type Comparison = ReturnType<typeof compareGoals>;

/** The default "since": the AGM of the latest earlier cycle, or this cycle's workshop when there is none. */
export function defaultSince(
  cycle: Pick<CycleRecord, "id" | "workshopDate">,
  cycles: readonly Pick<CycleRecord, "id" | "workshopDate" | "agmDate">[],
) {
  const earlier = cycles
    .filter((c) => c.id !== cycle.id && c.workshopDate < cycle.workshopDate)
    .sort((a, b) => b.workshopDate.localeCompare(a.workshopDate))[0];
  return earlier ? { date: earlier.agmDate, basis: "previous_agm" as const } : { date: cycle.workshopDate, basis: "workshop" as const };
}

export async function loadComparison(db: Db, viewer: Viewer, cycle: CycleRecord, since: string, now: string) {
  const goals = await listGoals(db, viewer, { cycleId: cycle.id });
  const sourceIds = goals.flatMap((g) => (g.copiedFromGoalId === null ? [] : [g.copiedFromGoalId]));
  const sources = sourceIds.length ? await listGoals(db, viewer, { ids: sourceIds }) : [];
  const [series, milestones] = await Promise.all([
    // Each goal's series as stored for the viewer's level: the same replay, done when the values were written.
    storedGoalSeries(db, [...goals.map((g) => g.id), ...sources.map((s) => s.id)], levelOf(viewer)),
    // Visibility filtered in SQL; the day after `since` onwards (dates are stored as the start of their period).
    listMilestones(db, viewer, { from: dayAfter(since), to: now }),
  ]);
  return compareGoals({ goals, series, sourceMeasures: new Map(sources.map((s) => [s.id, s.measures])), since, now, milestones });
}

const dayAfter = (iso: string) => addDaysIso(iso, 1);

/** The "Since the last AGM" section of the AGM report: every goal then and now, and the new milestones. */
export function comparisonForReport(comparison: Comparison, basis: "previous_agm" | "workshop" | "chosen") {
  return {
    since: comparison.since,
    basis,
    before: comparison.summary.before,
    after: comparison.summary.after,
    goals: comparison.goals.map((g) => ({ title: g.title, before: g.before, after: g.after, isNew: g.isNew && !g.carriedForward })),
    newMilestones: comparison.newMilestones.map((m) => ({ date: m.date, datePrecision: m.datePrecision, title: m.title })),
  };
}
