/** Dates and numbers as people in the UK write them: "12 December 2019", "Dec 2019". */
const long = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const compact = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

const asDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

export const formatDate = (iso: string | null | undefined) => (iso ? long.format(asDate(iso)) : "—");
/** "29 Apr 2027": for table cells and other tight spaces. */
export const formatCompactDate = (iso: string | null | undefined) => (iso ? compact.format(asDate(iso)) : "—");
export const formatShortDate = (iso: string) => short.format(asDate(iso));
export const formatMonth = (iso: string) => monthYear.format(asDate(iso));
export const formatDateTime = (iso: string) => dateTime.format(asDate(iso));

export function formatNumber(n: number | null | undefined, unit = ""): string {
  if (n === null || n === undefined) return "—";
  const s = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);
  return unit ? `${s} ${unit}` : s;
}

/** "in 41 days", "today", "12 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const todayIso = () => new Date().toISOString().slice(0, 10);
