/**
 * The overview of one cycle: headline figures, what needs attention, and the chart series, all
 * read from the progress stored for the viewer's level (queries/stored-progress.ts) rather than
 * replayed from the history on every request.
 */
import { type CycleRecord, type Db, type GoalSummary, listGoals, storedCycleSeries, storedGoalSeries } from "@convene/db";
import {
  countsTowardsProgress,
  daysBetween,
  goalStatuses,
  levelOf,
  meanProgress,
  needsAttention,
  type ProgressPoint,
  progressAt,
  progressBasis,
  progressNote,
  sampleDates,
  type Viewer,
} from "@convene/domain";

const today = () => new Date().toISOString().slice(0, 10);

export async function cycleOverview(db: Db, viewer: Viewer, cycle: CycleRecord, asOf = today()) {
  const goals = await listGoals(db, viewer, { cycleId: cycle.id });
  const counted = goals.filter((g) => countsTowardsProgress(g.status));

  const statusCounts = goalStatuses.map((status) => ({ status, count: goals.filter((g) => g.status === status).length }));

  const themes = new Map<string, { themeId: number | null; themeName: string; progress: (number | null)[] }>();
  for (const g of counted) {
    const key = String(g.themeId);
    const entry = themes.get(key) ?? { themeId: g.themeId, themeName: g.themeName ?? "No theme", progress: [] };
    entry.progress.push(g.progress);
    themes.set(key, entry);
  }
  const progressByTheme = [...themes.values()]
    .map((t) => ({ themeId: t.themeId, themeName: t.themeName, goals: t.progress.length, progress: meanProgress(t.progress) }))
    .sort((a, b) => a.themeName.localeCompare(b.themeName));

  const end = [cycle.workshopDate, asOf, cycle.agmDate].sort()[1] ?? asOf; // asOf, kept within the cycle
  const progressOverTime = await progressSeries(db, viewer, cycle, counted, end);

  const stale = (g: (typeof goals)[number]) => {
    if (g.status === "achieved" || g.status === "dropped") return false;
    const last = (g.lastUpdateAt ?? g.createdAt).slice(0, 10);
    return daysBetween(last, asOf) > cycle.updateIntervalDays;
  };

  return {
    cycle,
    asOf,
    headline: {
      goals: goals.length,
      onTrack: goals.filter((g) => g.status === "on_track" || g.status === "achieved").length,
      needingAttention: goals.filter((g) => needsAttention(g.status)).length,
      progress: meanProgress(counted.map((g) => g.progress)),
      daysToAgm: daysBetween(asOf, cycle.agmDate),
      daysSinceWorkshop: daysBetween(cycle.workshopDate, asOf),
      /** What the progress figures count for this viewer (issue 9.7: computed from what the viewer may see). */
      progressBasis: progressBasis(viewer),
      /** Goals marked achieved whose progress, from the updates this viewer may see, is short of 100 %. */
      achievedShortOfFull: goals.filter((g) => progressNote(g.status, g.progress, viewer) !== null).length,
    },
    statusCounts,
    progressByTheme,
    progressOverTime,
    attention: {
      atRisk: goals.filter((g) => needsAttention(g.status)).map(brief),
      noRecentUpdate: goals.filter(stale).map(brief),
    },
  };
}

/**
 * The cycle's mean progress weekly from the workshop to `end`, and on `end` itself. The weekly
 * points are the cycle's stored series; `end` (usually today) is the goals' current progress
 * unless a value was recorded after it, when their stored series are read at that date instead.
 */
async function progressSeries(db: Db, viewer: Viewer, cycle: CycleRecord, counted: readonly GoalSummary[], end: string) {
  const stored = new Map((await storedCycleSeries(db, cycle.id, levelOf(viewer))).map((p) => [p.date, p.progress]));
  const dates = sampleDates(cycle.workshopDate, end);
  const points: ProgressPoint[] = dates.slice(0, -1).map((date) => ({ date, progress: stored.get(date) ?? null }));
  let last = stored.get(end);
  if (last === undefined) {
    const latestValue =
      counted
        .flatMap((g) => g.measures.map((m) => (m.updatedAt ?? "").slice(0, 10)))
        .sort()
        .at(-1) ?? "";
    if (latestValue <= end) last = meanProgress(counted.map((g) => g.progress));
    else {
      const series = await storedGoalSeries(
        db,
        counted.map((g) => g.id),
        levelOf(viewer),
      );
      last = meanProgress(counted.map((g) => progressAt(series.get(g.id) ?? [], end)));
    }
  }
  points.push({ date: end, progress: last });
  return points;
}

function brief(g: GoalSummary) {
  return { id: g.id, title: g.title, status: g.status, progress: g.progress, leadName: g.leadName, lastUpdateAt: g.lastUpdateAt };
}
