/**
 * Calendar arithmetic and UK date wording, in one place. ISO dates (`2019-12-12`) are calendar
 * days in UTC; instants are full ISO timestamps. Nothing else in the tree knows how long a day is.
 */

const DAY_MS = 86_400_000;

/** The calendar day of an ISO date or timestamp, as milliseconds at its UTC midnight. */
const midnight = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/** The ISO date (`YYYY-MM-DD`) of an instant, in UTC. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Whether a string is a real calendar day written `YYYY-MM-DD` (so not `2027-02-30`). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return !Number.isNaN(day.getTime()) && isoDate(day) === s;
}

/** Today's ISO date in UTC. */
export const todayIso = (now = new Date()) => isoDate(now);

/** Whole calendar days from `from` to `to` (ISO dates or timestamps); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((midnight(to) - midnight(from)) / DAY_MS);
}

/** The ISO date `days` calendar days after `iso` (before, when negative). */
export function addDaysIso(iso: string, days: number): string {
  return isoDate(new Date(midnight(iso) + days * DAY_MS));
}

/** The instant `days` days (of 24 hours) after `instant`. */
export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Days (of 24 hours, fractional) between two instants. */
export function daysBetweenInstants(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Whole days from `now` to `deadline`, rounded up for the future ("in 1 day" until it is due). */
export function daysUntil(deadline: string, now: Date): number {
  const days = daysBetweenInstants(now, new Date(deadline));
  return days >= 0 ? Math.ceil(days) : -Math.ceil(-days);
}

/** Every `stepDays` from `from` up to (not including) `to`, as ISO dates. */
export function stepDates(from: string, to: string, stepDays: number): string[] {
  const out: string[] = [];
  const end = midnight(to);
  for (let t = midnight(from); t < end; t += stepDays * DAY_MS) out.push(isoDate(new Date(t)));
  return out;
}

const formats = {
  long: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  short: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }),
  compact: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  month: new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }),
};

const asDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** "12 December 2019". */
export const ukDate = (iso: string) => formats.long.format(asDate(iso));
/** "12 Dec 2019": for table cells and other tight spaces. */
export const ukCompactDate = (iso: string) => formats.compact.format(asDate(iso));
/** "12 Dec": chart axes, where the year is shown elsewhere. */
export const ukShortDate = (iso: string) => formats.short.format(asDate(iso));
/** "Dec 2019". */
export const ukMonth = (iso: string) => formats.month.format(asDate(iso));
