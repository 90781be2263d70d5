/** Dates and numbers as people in the UK write them: "12 December 2019", "Dec 2019". */
import { ukCompactDate, ukDate, ukMonth, ukShortDate, unitFor } from "@convene/domain";

const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

export const formatDate = (iso: string | null | undefined) => (iso ? ukDate(iso) : "—");
/** "29 Apr 2027": for table cells and other tight spaces. */
export const formatCompactDate = (iso: string | null | undefined) => (iso ? ukCompactDate(iso) : "—");
export const formatShortDate = ukShortDate;
export const formatMonth = ukMonth;
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

export function formatNumber(n: number | null | undefined, unit = ""): string {
  if (n === null || n === undefined) return "—";
  const s = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }).format(n);
  return unit ? `${s} ${unitFor(n, unit)}` : s;
}

/** "in 41 days", "today", "12 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export { todayIso } from "@convene/domain";
