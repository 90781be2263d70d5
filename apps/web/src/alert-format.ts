/** How an alert's deadline and answers read on screen: "in 3 days", "Closed", "2 joining · 1 can't". */
import { type AlertResponse, type AlertState, alertResponseLabels, alertResponses, daysUntil } from "@convene/domain";
import { plural, relativeDays } from "./format.ts";

export function deadlineWords(alert: { state: AlertState; deadline: string }, now = new Date()): string {
  if (alert.state === "closed") return "Closed";
  if (alert.state === "withdrawn") return "Withdrawn";
  const days = daysUntil(alert.deadline, now);
  if (days <= 0) return "Deadline passed";
  const hours = Math.ceil((Date.parse(alert.deadline) - now.getTime()) / 3_600_000);
  if (hours < 24) return `in ${plural(hours, "hour")}`;
  return relativeDays(days);
}

export function tallyWords(tally: Record<AlertResponse, number> & { total: number }): string {
  if (tally.total === 0) return "No answers yet";
  return alertResponses.map((r) => `${tally[r]} ${answerShort[r]}`).join(" · ");
}

const answerShort: Record<AlertResponse, string> = { join: "joining", cannot: "can't", need_info: "need information" };

export const responseChoiceLabels: Record<AlertResponse, string> = {
  join: "Join",
  cannot: "Can't join",
  need_info: "Need more information",
};

export { alertResponseLabels };
