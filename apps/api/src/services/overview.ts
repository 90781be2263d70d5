/**
 * The overview of one cycle: headline figures, what needs attention, and the chart series, all
 * read from the progress stored for the viewer's level (queries/stored-progress.ts) rather than
 * replayed from the history on every request. Counts and sums come grouped from SQL
 * (queries/overview.ts); only the goals the overview names are read one by one.
 */
import {
  type CycleRecord,
  countedGoalIds,
  type Db,
  type OverviewGroup,
  overviewAttention,
  overviewGroups,
  storedCycleSeries,
  storedGoalSeries,
} from "@convene/db";
import {
  addDaysIso,
  countsTowardsProgress,
  daysBetween,
  type GoalStatus,
  goalStatuses,
  levelOf,
  meanProgress,
  needsAttention,
  type ProgressPoint,
  progressAt,
  progressBasis,
  sampleDates,
  type Viewer,
} from "@convene/domain";

const today = () => new Date().toISOString().slice(0, 10);

/** The mean progress of the groups' goals that have a figure (null when none has). */
function meanOf(groups: readonly OverviewGroup[]): number | null {
  let n = 0;
  let sum = 0;
  for (const g of groups) {
    n += g.withProgress;
    sum += g.progressSum ?? 0;
  }
  return n === 0 ? null : sum / n;
}

const countOf = (groups: readonly OverviewGroup[], where: (g: OverviewGroup) => boolean) =>
  groups.reduce((n, g) => (where(g) ? n + g.goals : n), 0);

export async function cycleOverview(db: Db, viewer: Viewer, cycle: CycleRecord, asOf = today()) {
  const [groups, named] = await Promise.all([
    overviewGroups(db, viewer, cycle.id),
    overviewAttention(db, viewer, cycle.id, addDaysIso(asOf, -cycle.updateIntervalDays)),
  ]);
  const counted = groups.filter((g) => countsTowardsProgress(g.status));

  const statusCounts = goalStatuses.map((status) => ({ status, count: countOf(groups, (g) => g.status === status) }));

  const themes = new Map<string, { themeId: number | null; themeName: string; groups: OverviewGroup[] }>();
  for (const g of counted) {
    const key = String(g.themeId);
    const entry = themes.get(key) ?? { themeId: g.themeId, themeName: g.themeName ?? "No theme", groups: [] };
    entry.groups.push(g);
    themes.set(key, entry);
  }
  const progressByTheme = [...themes.values()]
    .map((t) => ({ themeId: t.themeId, themeName: t.themeName, goals: countOf(t.groups, () => true), progress: meanOf(t.groups) }))
    .sort((a, b) => a.themeName.localeCompare(b.themeName));

  const end = [cycle.workshopDate, asOf, cycle.agmDate].sort()[1] ?? asOf; // asOf, kept within the cycle
  const progressOverTime = await progressSeries(db, viewer, cycle, counted, end);

  const stale = (g: (typeof named)[number]) => {
    if (g.status === "achieved" || g.status === "dropped") return false;
    const last = (g.lastUpdateAt ?? g.createdAt).slice(0, 10);
    return daysBetween(last, asOf) > cycle.updateIntervalDays;
  };
  const brief = (g: (typeof named)[number]) => ({
    id: g.id,
    title: g.title,
    status: g.status as GoalStatus,
    progress: g.progress ?? null,
    leadName: g.leadName,
    lastUpdateAt: g.lastUpdateAt ?? null,
  });

  return {
    cycle,
    asOf,
    headline: {
      goals: countOf(groups, () => true),
      onTrack: countOf(groups, (g) => g.status === "on_track" || g.status === "achieved"),
      needingAttention: countOf(groups, (g) => needsAttention(g.status)),
      progress: meanOf(counted),
      daysToAgm: daysBetween(asOf, cycle.agmDate),
      daysSinceWorkshop: daysBetween(cycle.workshopDate, asOf),
      /** What the progress figures count for this viewer (issue 9.7: computed from what the viewer may see). */
      progressBasis: progressBasis(viewer),
      /** Goals marked achieved whose progress, from the updates this viewer may see, is short of 100 % (progressNote's rule). */
      achievedShortOfFull: viewer === "convenor" ? 0 : groups.reduce((n, g) => (g.status === "achieved" ? n + g.shortOfFull : n), 0),
    },
    statusCounts,
    progressByTheme,
    progressOverTime,
    attention: {
      atRisk: named.filter((g) => needsAttention(g.status as GoalStatus)).map(brief),
      noRecentUpdate: named.filter(stale).map(brief),
    },
  };
}

/**
 * The cycle's mean progress weekly from the workshop to `end`, and on `end` itself. The weekly
 * points are the cycle's stored series; `end` (usually today) is the goals' current progress
 * unless a value was recorded after it, when their stored series are read at that date instead.
 */
async function progressSeries(db: Db, viewer: Viewer, cycle: CycleRecord, counted: readonly OverviewGroup[], end: string) {
  const stored = new Map((await storedCycleSeries(db, cycle.id, levelOf(viewer))).map((p) => [p.date, p.progress]));
  const dates = sampleDates(cycle.workshopDate, end);
  const points: ProgressPoint[] = dates.slice(0, -1).map((date) => ({ date, progress: stored.get(date) ?? null }));
  let last = stored.get(end);
  if (last === undefined) {
    const latestValue =
      counted
        .map((g) => (g.lastValueAt ?? "").slice(0, 10))
        .sort()
        .at(-1) ?? "";
    if (latestValue <= end) last = meanOf(counted);
    else {
      const ids = await countedGoalIds(db, viewer, cycle.id);
      const series = await storedGoalSeries(db, ids, levelOf(viewer));
      last = meanProgress(ids.map((id) => progressAt(series.get(id) ?? [], end)));
    }
  }
  points.push({ date: end, progress: last });
  return points;
}
