/**
 * Axis settings shared by the charts. A count axis starts at 0 and steps in whole numbers: left to
 * Recharts' "auto", a chart of zeros drew an axis from -1 to 1 and a chart of ones ticked 0.25.
 */

/** Spread onto a Recharts `XAxis`/`YAxis` that counts things (meetings, contributions, answers). */
export const countAxis = {
  allowDecimals: false,
  domain: [0, (max: number) => Math.max(max, 1)] as [number, (max: number) => number],
};

/** A measure's axis: from 0 when nothing is negative (so a count never shows -1), whole steps when every value is whole. */
export function measureAxis(values: number[]) {
  const whole = values.every(Number.isInteger);
  const low = Math.min(...values, 0);
  return {
    allowDecimals: !whole,
    domain: [low < 0 ? "auto" : 0, (max: number) => Math.max(max, whole ? 1 : max)] as [number | "auto", (max: number) => number],
  };
}

/**
 * One point a day for a day-labelled axis: the day's last value (a step chart shows where the day
 * ended). Several updates on one day drew the same date label several times; the table twin keeps
 * every update with its time.
 */
export function lastPerDay<T extends { date: string }>(points: T[]): T[] {
  const byDay = new Map<string, T>();
  for (const p of points) byDay.set(p.date.slice(0, 10), { ...p, date: p.date.slice(0, 10) });
  return [...byDay.values()];
}
