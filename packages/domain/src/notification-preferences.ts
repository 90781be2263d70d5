/**
 * How each person wants to be told, and when email may go: per kind instant, digest or off; a
 * daily or weekly digest; quiet hours and days off in their own time zone; and the group's rest
 * periods, when nothing but urgent alerts is emailed. The inbox fills whatever these say: they
 * decide only what leaves by email, and when.
 */
import { z } from "zod";
import { dateAndTime, shortText } from "./common.ts";
import { type DeliveryMode, deliveryModes, emailTiming, type NotificationKind, notificationKinds } from "./notification.ts";
export const deliveryModeLabels: Record<DeliveryMode, string> = {
  instant: "Email each one at once",
  digest: "In my digest",
  off: "Only in the dashboard",
};

export const digestFrequencies = ["daily", "weekly"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** 0 is Sunday, as Date.getDay() counts. */
export const weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** Whether `name` is a time zone this runtime knows (an IANA name such as Europe/London). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const clockTime = z
  .string({ error: "Choose a time" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Enter a time of day as hours and minutes, for example 22:00" });

const modeSchema = z.enum(deliveryModes, { error: "Choose instant, digest or off" });

const preferenceFields = z.object({
  kinds: z.object(Object.fromEntries(notificationKinds.map((k) => [k, modeSchema])) as Record<NotificationKind, typeof modeSchema>, {
    error: "Choose how you are told about each kind",
  }),
  digestFrequency: z.enum(digestFrequencies, { error: "Choose a daily or weekly digest" }),
  timeZone: z
    .string({ error: "Choose your time zone" })
    .trim()
    .refine(isTimeZone, { error: "Choose a time zone from the list, for example Europe/London" }),
  quietFrom: clockTime.nullable(),
  quietTo: clockTime.nullable(),
  daysOff: z
    .array(z.number().int().min(0).max(6), { error: "Choose the days you take off" })
    .max(6, { error: "Leave at least one day of the week when email may reach you" })
    .refine((days) => new Set(days).size === days.length, { error: "Choose each day off once" }),
  urgentBreaksQuiet: z.boolean({ error: "Say whether urgent alerts may reach you in quiet hours" }),
});

function quietHoursCheck(p: { quietFrom: string | null; quietTo: string | null }, ctx: z.RefinementCtx) {
  if ((p.quietFrom === null) !== (p.quietTo === null))
    ctx.addIssue({
      code: "custom",
      path: [p.quietFrom === null ? "quietFrom" : "quietTo"],
      message: "Give both the start and the end of your quiet hours, or neither",
    });
  else if (p.quietFrom !== null && p.quietFrom === p.quietTo)
    ctx.addIssue({ code: "custom", path: ["quietTo"], message: "Quiet hours must end at a different time from when they start" });
}

export const notificationPreferencesSchema = preferenceFields.superRefine(quietHoursCheck);
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Saving preferences: the whole set, with the version it was based on (0 before the first save). */
export const notificationPreferencesInputSchema = preferenceFields
  .extend({ version: z.number({ error: "version is needed" }).int().min(0) })
  .superRefine(quietHoursCheck);
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInputSchema>;

/** What a person who never chose anything gets: urgent alerts at once, the rest in a weekly digest. */
export function defaultPreferences(timeZone = "Europe/London"): NotificationPreferences {
  return {
    kinds: Object.fromEntries(notificationKinds.map((k) => [k, "digest"])) as Record<NotificationKind, DeliveryMode>,
    digestFrequency: "weekly",
    timeZone,
    quietFrom: null,
    quietTo: null,
    daysOff: [],
    urgentBreaksQuiet: false,
  };
}

/** A group rest period the convenor declared: from `startsAt` (inclusive) to `endsAt` (exclusive). */
export interface RestPeriod {
  startsAt: string;
  endsAt: string;
}

export const restPeriodInputSchema = z
  .object({
    startsAt: dateAndTime("start of the rest period"),
    endsAt: dateAndTime("end of the rest period"),
    reason: shortText("Reason", 500, "Say why the group is resting"),
  })
  .refine((r) => Date.parse(r.endsAt) > Date.parse(r.startsAt), { path: ["endsAt"], error: "The end must be after the start" });
export type RestPeriodInput = z.infer<typeof restPeriodInputSchema>;

/** How a notification of `kind` reaches a person by email, given their choice and its urgency. */
export function emailPlan(p: NotificationPreferences, kind: NotificationKind, urgent: boolean): "now" | "digest" | "none" {
  return emailTiming(p.kinds[kind], urgent);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formats.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall clock in `timeZone` at `at`: its date, weekday and minutes past midnight. */
export function localClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the person's quiet hours or on one of their days off, in their time zone. */
export function isQuiet(p: NotificationPreferences, at: Date): boolean {
  const clock = localClock(at, p.timeZone);
  if (p.daysOff.includes(clock.weekday)) return true;
  if (p.quietFrom === null || p.quietTo === null) return false;
  const from = minutesOf(p.quietFrom);
  const to = minutesOf(p.quietTo);
  // Quiet hours may run past midnight (22:00 to 07:00).
  return from < to ? clock.minutes >= from && clock.minutes < to : clock.minutes >= from || clock.minutes < to;
}

const MINUTE = 60_000;

/** The first whole minute at or after `at` outside quiet hours and days off (at most 8 days on). */
function quietEnd(p: NotificationPreferences, at: Date): Date {
  if (!isQuiet(p, at)) return at;
  let t = Math.ceil(at.getTime() / MINUTE) * MINUTE;
  // Minute by minute, so a time zone's change of clocks needs no special case; 6 days off at most keeps this short.
  for (let i = 0; i < 8 * 24 * 60; i += 1, t += MINUTE) if (!isQuiet(p, new Date(t))) return new Date(t);
  return new Date(t);
}

/**
 * When an email may go to this person: `at` itself when nothing holds it back. Urgent alerts
 * ignore rest periods, and quiet hours too when the person allowed it; everything else waits for
 * the end of a rest period and of quiet hours, whichever comes later.
 */
export function sendableFrom(p: NotificationPreferences, at: Date, urgent: boolean, rests: readonly RestPeriod[]): Date {
  if (urgent) return p.urgentBreaksQuiet ? at : quietEnd(p, at);
  let t = at;
  for (let i = 0; i < 20; i += 1) {
    const rest = rests.find((r) => Date.parse(r.startsAt) <= t.getTime() && t.getTime() < Date.parse(r.endsAt));
    if (rest) {
      t = new Date(rest.endsAt);
      continue;
    }
    const after = quietEnd(p, t);
    if (after.getTime() === t.getTime()) return t;
    t = after;
  }
  return t;
}

/** The hour of the day, in the person's time zone, from which their digest is due. */
export const DIGEST_HOUR = 8;

/**
 * The digest period `at` falls in, and whether its digest is due yet: a daily digest each day from
 * 08:00, a weekly one each Monday from 08:00 (or later that week, if quiet hours held it back).
 * The key names the period, so a person gets at most one digest for it.
 */
export function digestPeriod(p: NotificationPreferences, at: Date): { key: string; due: boolean } {
  const clock = localClock(at, p.timeZone);
  const early = clock.minutes < DIGEST_HOUR * 60;
  if (p.digestFrequency === "daily") return { key: `daily:${clock.date}`, due: !early };
  const sinceMonday = (clock.weekday + 6) % 7;
  const monday = new Date(Date.parse(`${clock.date}T00:00:00Z`) - sinceMonday * 86_400_000).toISOString().slice(0, 10);
  return { key: `weekly:${monday}`, due: sinceMonday > 0 || !early };
}

/**
 * How far back a person's first digest looks: its period and one day more. Quiet hours or a rest
 * period can put a first digest off past the hour it was due, and a look-back of exactly one
 * period, counted from when it is finally made, would then drop what came in just before that hour.
 */
export const digestLookBackMs = (frequency: DigestFrequency) => (frequency === "daily" ? 2 : 8) * 86_400_000;

export interface DigestItem {
  kind: NotificationKind;
  title: string;
  summary: string;
  path: string;
  createdAt: string;
}

/** Items grouped by kind in the order kinds are listed, newest first, at most `cap` each, with how many more there are. */
export function digestGroups(items: readonly DigestItem[], cap = 10) {
  return notificationKinds
    .map((kind) => {
      const all = items.filter((i) => i.kind === kind).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { kind, items: all.slice(0, cap), more: Math.max(0, all.length - cap) };
    })
    .filter((g) => g.items.length > 0);
}
