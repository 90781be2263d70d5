/** Meeting times, in the reader's own clock: "Friday 12 June 2026, 10:00". */
import { type MeetingKind, meetingKindLabels } from "@convene/domain";

const when = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const dayKey = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

export function formatMeetingTime(startsAt: string, endsAt?: string | null): string {
  const start = new Date(startsAt);
  const head = `${when.format(start)}, ${clock.format(start)}`;
  if (!endsAt) return head;
  const end = new Date(endsAt);
  return dayKey.format(start) === dayKey.format(end)
    ? `${head} to ${clock.format(end)}`
    : `${head} to ${when.format(end)}, ${clock.format(end)}`;
}

export const meetingKindLabel = (k: MeetingKind) => meetingKindLabels[k];
