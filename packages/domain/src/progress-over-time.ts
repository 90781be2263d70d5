import { stepDates } from "./dates.ts";
import { goalProgress, meanProgress } from "./goal-progress.ts";
import type { MeasureFacts } from "./measure.ts";

/** One recorded value of a measure: the starting value, or one from a progress update. */
export interface MeasureValue {
  measureId: number;
  value: number;
  /** ISO timestamp or date. */
  recordedAt: string;
}

export interface ProgressPoint {
  date: string;
  progress: number | null;
}

type MeasureShape = Omit<MeasureFacts, "current"> & { id: number };

/**
 * A goal's progress as it stood at the end of each date on which any of its values changed,
 * replaying the value history. Drawn from updates, never from typed-in snapshots.
 */
export function goalProgressOverTime(measures: readonly MeasureShape[], values: readonly MeasureValue[]): ProgressPoint[] {
  const sorted = [...values].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const current = new Map<number, number>();
  const points: ProgressPoint[] = [];
  for (const v of sorted) {
    current.set(v.measureId, v.value);
    const date = v.recordedAt.slice(0, 10);
    const progress = goalProgress(measures.map((m) => ({ ...m, current: current.get(m.id) ?? null })));
    const last = points.at(-1);
    if (last?.date === date) last.progress = progress;
    else points.push({ date, progress });
  }
  return points;
}

/** The progress a series showed at the end of `date` (null before it began). */
export function progressAt(series: readonly ProgressPoint[], date: string): number | null {
  let found: number | null = null;
  for (const p of series) {
    if (p.date > date) break;
    found = p.progress;
  }
  return found;
}

/**
 * The mean progress of many goals at each of the given dates: the cycle-level line on the
 * overview. Goals that had no progress yet on a date are left out of that date's mean.
 */
export function meanProgressOverTime(goalSeries: readonly (readonly ProgressPoint[])[], dates: readonly string[]): ProgressPoint[] {
  return dates.map((date) => ({ date, progress: meanProgress(goalSeries.map((s) => progressAt(s, date))) }));
}

/**
 * Dates to sample a cycle at: every `stepDays` from `from` to `to`, always including `to`.
 * Weekly steps keep a year's chart to about 52 points whatever the number of updates.
 */
export function sampleDates(from: string, to: string, stepDays = 7): string[] {
  const out = stepDates(from, to, stepDays);
  out.push(to);
  return out;
}
