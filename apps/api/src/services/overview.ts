/** The overview of one cycle: headline figures, what needs attention, and the chart series. */
import { type CycleRecord, type Db, listGoals, measureValueHistory } from "@convene/db";
import {
  countsTowardsProgress,
  daysBetween,
  goalProgressOverTime,
  goalStatuses,
  meanProgress,
  meanProgressOverTime,
  needsAttention,
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

  // Progress over time: replay each goal's visible value history, then sample weekly.
  const history = await measureValueHistory(
    db,
    viewer,
    counted.map((g) => g.id),
  );
  const valuesByGoal = new Map<number, typeof history>();
  for (const v of history) {
    const list = valuesByGoal.get(v.goalId);
    if (list) list.push(v);
    else valuesByGoal.set(v.goalId, [v]);
  }
  const series = counted.map((g) => goalProgressOverTime(g.measures, valuesByGoal.get(g.id) ?? []));
  // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings; Math.min would turn them into NaN.
  const end = asOf < cycle.workshopDate ? cycle.workshopDate : asOf > cycle.agmDate ? cycle.agmDate : asOf;
  const progressOverTime = meanProgressOverTime(series, sampleDates(cycle.workshopDate, end));

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

function brief(g: Awaited<ReturnType<typeof listGoals>>[number]) {
  return { id: g.id, title: g.title, status: g.status, progress: g.progress, leadName: g.leadName, lastUpdateAt: g.lastUpdateAt };
}
