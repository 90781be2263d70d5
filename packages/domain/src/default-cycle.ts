/**
 * Which cycle people mean when nobody has chosen one: the year they are in. Creating next year's
 * cycle early must not move anyone onto an empty future cycle, so a future cycle is the default
 * only when no other exists.
 */
import { daysBetween, todayIso, ukDate } from "./dates.ts";

/** What the rule needs of a cycle: its span from workshop to AGM (ISO dates). */
export type CycleSpan = { workshopDate: string; agmDate: string };

/** Where a cycle's span sits against `today`. */
export function cycleTiming(cycle: CycleSpan, today = todayIso()): "past" | "current" | "future" {
  if (daysBetween(today, cycle.workshopDate) > 0) return "future";
  if (daysBetween(cycle.agmDate, today) > 0) return "past";
  return "current";
}

/**
 * The default cycle: the one whose workshop-to-AGM span holds today (the later-starting one when
 * spans overlap), else the one whose AGM was most recent, else the soonest future one.
 */
export function defaultCycle<C extends CycleSpan>(cycles: readonly C[], today = todayIso()): C | undefined {
  const by = (timing: ReturnType<typeof cycleTiming>) => cycles.filter((c) => cycleTiming(c, today) === timing);
  const latestFirst = (key: keyof CycleSpan) => (a: C, b: C) => b[key].localeCompare(a[key]);
  return (
    by("current").sort(latestFirst("workshopDate"))[0] ??
    by("past").sort(latestFirst("agmDate"))[0] ??
    by("future").sort((a, b) => a.workshopDate.localeCompare(b.workshopDate))[0]
  );
}

/** "starts 10 May 2027" for a cycle whose workshop is still ahead, so nobody mistakes it for this year's; else null. */
export function cycleStartLabel(cycle: CycleSpan, today = todayIso()): string | null {
  return cycleTiming(cycle, today) === "future" ? `starts ${ukDate(cycle.workshopDate)}` : null;
}
