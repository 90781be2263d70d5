/**
 * Who is told about what, and what each may see. Visibility applies to every notification, its
 * text and its count: a person is only ever told about a record at a level they may see, so a
 * title never reaches someone above their level (in the inbox or by email). The server re-checks
 * at read time and at delivery, because a person's role or a record's visibility can change after
 * the notification was written.
 */
import { z } from "zod";
import { type AlertCarries, type AlertResponse, type AlertUrgency, alertResponseLabels, alertUrgencyLabels, carriesAsk } from "./alert.ts";
import { ukDate } from "./dates.ts";
import type { Role } from "./roles.ts";
import { canSee, type Visibility } from "./visibility.ts";

export const notificationKinds = [
  "alert_raised",
  "alert_answered",
  "alert_closing",
  "goal_waiting",
  "goal_changed",
  "goal_decided",
  "meeting_soon",
  "proposal_open",
  "proposal_closing",
  "statement_open",
  "statement_closing",
  "account_dormant",
  "two_factor_reset",
  "new_sign_in",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels: Record<NotificationKind, string> = {
  alert_raised: "Alert raised",
  alert_answered: "Alert answered",
  alert_closing: "Alert closing within a day, not yet answered",
  goal_waiting: "Goal waiting for an update",
  goal_changed: "Change to a goal we lead",
  goal_decided: "Decision on a goal we lead",
  meeting_soon: "Meeting in the coming week",
  proposal_open: "Proposal awaiting our position",
  proposal_closing: "Proposal closing within a day",
  statement_open: "Statement awaiting our sign-off",
  statement_closing: "Statement closing within a day",
  account_dormant: "Account unused",
  two_factor_reset: "Two-factor reset",
  new_sign_in: "Sign-in from a new device",
};

/**
 * What a webhook may be told of: the group's own events. A notice about one person's account
 * (unused, two-factor reset) is theirs alone and never leaves for a shared channel.
 */
export const personalKinds: readonly NotificationKind[] = ["account_dormant", "two_factor_reset", "new_sign_in"];
export const groupEventKinds = notificationKinds.filter((k) => !personalKinds.includes(k)) as [NotificationKind, ...NotificationKind[]];

/** The records a notification can concern, each with its page in the dashboard. */
export const notificationEntities = ["alert", "goal", "meeting", "proposal", "statement", "account"] as const;
export type NotificationEntity = (typeof notificationEntities)[number];
/** `account` notifications concern the person's own account (entityId 0), whose page is /account. */
export const notificationPath = (entity: NotificationEntity, id: number) => (entity === "account" ? "/account" : `/${entity}s/${id}`);

export const deliveryChannels = ["email", "webhook"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** A person who could be told: what the rules need to know about them. */
export interface Recipient {
  id: string;
  role: Role;
  organisationId: number | null;
  /** An organisation that has left the group is no longer asked. */
  organisationActive: boolean;
  banned: boolean;
}

/** Only people who may see the record's level, and whose account is in use, are ever told. */
export function mayBeTold(person: Recipient, visibility: Visibility): boolean {
  return !person.banned && canSee(person.role, visibility);
}

/**
 * An alert asks every organisation in the group: its members are told, and the convenor. The
 * person who raised it is not told of their own alert; observers are never asked to answer.
 */
export function alertRaisedRecipients<P extends Recipient>(
  alert: { visibility: Visibility; raisedById: string | null },
  people: readonly P[],
) {
  return people.filter(
    (p) =>
      p.id !== alert.raisedById &&
      mayBeTold(p, alert.visibility) &&
      (p.role === "convenor" || (p.role === "member" && p.organisationId !== null && p.organisationActive)),
  );
}

/** An answer tells the person who raised the alert and the convenor, never the person answering. */
export function alertAnsweredRecipients<P extends Recipient>(
  alert: { visibility: Visibility; raisedById: string | null },
  answeredById: string | null,
  people: readonly P[],
) {
  return people.filter(
    (p) => p.id !== answeredById && mayBeTold(p, alert.visibility) && (p.role === "convenor" || p.id === alert.raisedById),
  );
}

/**
 * PREFERENCES HOOK: how a person wants to hear of a kind of notification. Until people can choose
 * (the preferences table), everyone is "instant"; once it exists, the notifications service reads
 * it and passes it in here, and the outbox and the raiser's preview both follow it.
 */
/** How a person chose to hear of one kind: an email each time, in their digest, or only in the dashboard. */
export const deliveryModes = ["instant", "digest", "off"] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * When one email goes, the single rule the outbox, the digest and the "who will be told" preview
 * share: an urgent alert at once unless its kind is off; anything else at once only to those who
 * chose "instant", else in their digest.
 */
export function emailTiming(mode: DeliveryMode, urgent: boolean): "now" | "digest" | "none" {
  if (mode === "off") return "none";
  return urgent || mode === "instant" ? "now" : "digest";
}

/** A person told of a new alert, and whether an email goes to them at once (or only the inbox). */
export interface AlertRaisedDelivery<P> {
  person: P;
  email: boolean;
}

/**
 * Who is told of a new alert and how: the outbox writes exactly this, and the raiser's preview
 * ("who will be told") counts it, so the two cannot disagree.
 */
export function alertRaisedDeliveries<P extends Recipient>(
  alert: { visibility: Visibility; raisedById: string | null; urgency: AlertUrgency },
  people: readonly P[],
  modeOf: (person: P) => DeliveryMode,
): AlertRaisedDelivery<P>[] {
  const urgent = emailsAtOnce("alert_raised", alert.urgency);
  return alertRaisedRecipients(alert, people).map((person) => ({ person, email: emailTiming(modeOf(person), urgent) === "now" }));
}

/** Whether an alert email to this person carries answer links: members answering for their own organisation. */
export function answersByLink(person: Recipient): boolean {
  return !person.banned && person.role === "member" && person.organisationId !== null && person.organisationActive;
}

/** What the raiser is shown before raising: how many people, in how many organisations, by which way. */
export interface AlertAudience {
  /** Whether the server sends email at all (SMTP_URL set). */
  emailOn: boolean;
  people: number;
  organisations: number;
  byEmail: { people: number; organisations: number };
  dashboardOnly: { people: number; organisations: number };
}

export function alertAudience(deliveries: readonly AlertRaisedDelivery<Recipient>[], emailOn: boolean): AlertAudience {
  const count = (list: readonly AlertRaisedDelivery<Recipient>[]) => ({
    people: list.length,
    organisations: new Set(list.flatMap((d) => (d.person.organisationId === null ? [] : [d.person.organisationId]))).size,
  });
  // With email off, an email row waits in the outbox: today the person only sees the inbox.
  const email = deliveries.filter((d) => d.email && emailOn);
  const inbox = deliveries.filter((d) => !(d.email && emailOn));
  const all = count(deliveries);
  return { emailOn, people: all.people, organisations: all.organisations, byEmail: count(email), dashboardOnly: count(inbox) };
}

const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);
const organisations = (n: number) => (n === 1 ? "1 organisation" : `${n} organisations`);

/** "12 people in 9 organisations by email, 3 only in the dashboard". */
export function alertAudienceSentence(a: AlertAudience): string {
  if (a.people === 0) return "Nobody will be told: no one else may see an alert at this level.";
  const group = (g: { people: number; organisations: number }) =>
    g.organisations > 0 ? `${people(g.people)} in ${organisations(g.organisations)}` : people(g.people);
  const parts: string[] = [];
  if (a.byEmail.people > 0) parts.push(`${group(a.byEmail)} by email`);
  if (a.dashboardOnly.people > 0)
    parts.push(parts.length > 0 ? `${a.dashboardOnly.people} only in the dashboard` : `${group(a.dashboardOnly)} only in the dashboard`);
  return parts.join(", ");
}

/** Urgent alerts are emailed at once; everything else waits for the inbox (and, later, a digest). */
export function emailsAtOnce(kind: NotificationKind, urgency: AlertUrgency): boolean {
  return kind === "alert_raised" && urgency !== "routine";
}

export interface NotificationText {
  title: string;
  summary: string;
}

export function alertRaisedText(alert: {
  title: string;
  situation: string;
  urgency: AlertUrgency;
  deadline: string;
  ask: string;
  carries?: AlertCarries;
}): NotificationText {
  // What it carries is seen by everyone who sees the alert (services/alerts.ts checks), so it may be named here.
  const carried = alert.carries
    ? `${/[.!?]$/.test(alert.ask) ? "" : "."} ${carriesAsk(alert.carries)} by ${ukDate(alert.carries.deadline)}.`
    : "";
  return {
    title: `New alert: ${alert.title}`,
    // A situation written as a sentence ("Arrests after the vote.") must not end in "..".
    summary: `${alertUrgencyLabels[alert.urgency]} urgency, ${alert.situation.replace(/[\s.]+$/, "")}. Answer by ${ukDate(alert.deadline)}. The ask: ${alert.ask}${carried}`,
  };
}

export function alertAnsweredText(alert: { title: string }, organisationName: string, response: AlertResponse): NotificationText {
  return {
    title: `${organisationName} answered: ${alert.title}`,
    summary: `${organisationName}: ${alertResponseLabels[response]}.`,
  };
}

/**
 * How long to wait before the next try after `attempts` failed ones: 1, 2, 4 … minutes, at most
 * 6 hours. A failing mail server is retried for as long as it fails, never dropped.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

/** The inbox's paging: newest first, `limit` at a time. */
export const notificationListQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a whole number" })
    .int({ error: "limit must be a whole number" })
    .min(1, { error: "limit must be at least 1" })
    .max(100, { error: "limit must be 100 or fewer" })
    .default(20),
  offset: z.coerce
    .number({ error: "offset must be a whole number" })
    .int({ error: "offset must be a whole number" })
    .min(0, { error: "offset must be 0 or more" })
    .default(0),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;
