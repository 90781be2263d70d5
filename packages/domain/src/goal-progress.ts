import type { MeasureFacts } from "./measure.ts";

/**
 * How far one measure has come, from 0 to 1, or null when it cannot say (no value yet).
 * A milestone is done (value 1) or not; a numeric measure is the share of the way from
 * baseline to target, so a falling target (e.g. fewer incidents) works the same as a rising one.
 */
export function measureProgress(m: MeasureFacts): number | null {
  if (m.current === null) return null;
  if (m.kind === "milestone") return m.current >= 1 ? 1 : 0;
  if (m.baseline === null || m.target === null || m.baseline === m.target) return null;
  const share = (m.current - m.baseline) / (m.target - m.baseline);
  return Math.min(1, Math.max(0, share));
}

/**
 * A goal's progress is the weighted mean of its measures' progress. Measures with no weight
 * or no value do not count; a goal with nothing to count has no progress (null), which the
 * dashboard shows as "no measures yet" rather than 0 %.
 */
export function goalProgress(measures: readonly MeasureFacts[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const m of measures) {
    const p = measureProgress(m);
    if (p === null || m.weight <= 0) continue;
    weighted += p * m.weight;
    weights += m.weight;
  }
  return weights === 0 ? null : weighted / weights;
}

/** The plain mean of the progress values that exist; null when none do. */
export function meanProgress(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** "58 %" on screen; exact values stay in tables and exports. */
export function percent(progress: number | null): string {
  return progress === null ? "—" : `${Math.round(progress * 100)} %`;
}
