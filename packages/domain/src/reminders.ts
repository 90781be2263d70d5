/**
 * The notifications beyond alerts: what an organisation is waiting on (an alert or proposal
 * closing, a goal it leads gone quiet, a statement to sign, a meeting next week) and changes to
 * goals it leads. Time-caused ones are found by a scheduled scan; each carries a dedupe key naming
 * person, subject, kind and period, so however many scans run it is written once.
 */
import { ukDate } from "./dates.ts";
import { mayBeTold, type NotificationEntity, type NotificationKind, type NotificationText, type Recipient } from "./notification.ts";
import type { Visibility } from "./visibility.ts";

const HOUR = 60 * 60_000;
/** How far ahead a closing alert, proposal or statement is a reminder: a day. */
export const closingSoonMs = 24 * HOUR;
/** How far ahead a meeting is worth telling people about: the coming week. */
export const meetingSoonMs = 7 * 24 * HOUR;

/** The members of one organisation (still in the group) who may see a record at `visibility`. */
export function organisationMembersToTell<P extends Recipient>(
  people: readonly P[],
  organisationId: number,
  visibility: Visibility,
  except?: string | null,
) {
  return people.filter(
    (p) =>
      p.id !== except && p.role === "member" && p.organisationId === organisationId && p.organisationActive && mayBeTold(p, visibility),
  );
}

/**
 * Who is reminded that a statement is closing unsigned by an organisation: the members the
 * convenor marked as able to sign for it, since nobody else there can act on the reminder. An
 * organisation with nobody marked is reminded of nothing (the convenor sees on the statement's
 * page which organisations have no one who may sign).
 */
export function statementSignersToTell<P extends Recipient>(
  people: readonly P[],
  organisationId: number,
  visibility: Visibility,
  mayFor: readonly { organisationId: number; userId: string }[],
) {
  const marked = new Set(mayFor.filter((m) => m.organisationId === organisationId).map((m) => m.userId));
  return organisationMembersToTell(people, organisationId, visibility).filter((p) => marked.has(p.id));
}

/** Everyone who may take part in something of the group's (a meeting, a proposal): members of organisations in the group, and the convenor. */
export function participantsToTell<P extends Recipient>(people: readonly P[], visibility: Visibility, except?: string | null) {
  return people.filter(
    (p) =>
      p.id !== except &&
      mayBeTold(p, visibility) &&
      (p.role === "convenor" || (p.role === "member" && p.organisationId !== null && p.organisationActive)),
  );
}

/** person+subject+kind+period; `period` changes when the subject does (a deadline moved, a new update). */
export const dedupeKey = (kind: NotificationKind, entity: NotificationEntity, entityId: number, userId: string, period: string) =>
  `${kind}:${entity}:${entityId}:${userId}:${period}`;

/**
 * A quiet goal reminds once per update interval it stays quiet: the period is the day of its
 * last update (or creation) and how many intervals have passed since.
 */
export function goalWaitingPeriod(lastUpdateDay: string, today: string, intervalDays: number): string {
  const days = Math.floor((Date.parse(today) - Date.parse(lastUpdateDay)) / (24 * HOUR));
  return `${lastUpdateDay}+${Math.floor(days / Math.max(1, intervalDays))}`;
}

const when = (iso: string) => ukDate(iso);

export const reminderText = {
  alertClosing: (a: { title: string; deadline: string }, organisationName: string): NotificationText => ({
    title: `Closing within a day: ${a.title}`,
    summary: `${organisationName} has not answered this alert yet. It closes on ${when(a.deadline)}.`,
  }),
  goalWaiting: (g: { title: string; lastUpdateAt: string | null }, organisationName: string): NotificationText => ({
    title: `Waiting for an update: ${g.title}`,
    summary: g.lastUpdateAt
      ? `${organisationName} leads this goal; its last update was on ${when(g.lastUpdateAt)}.`
      : `${organisationName} leads this goal; it has had no update yet.`,
  }),
  goalChanged: (g: { title: string }, by: string, what: string): NotificationText => ({
    title: `Goal changed: ${g.title}`,
    summary: `${by} changed ${what}.`,
  }),
  /**
   * An update posted on a goal by someone outside its lead organisation: their comment on it. Its
   * words stay on the goal, not copied here: an update withdrawn or narrowed later must not live on
   * in inboxes (and in each reader's personal-data export).
   */
  goalUpdatedByOthers: (g: { title: string }, by: string): NotificationText => ({
    title: `Update on a goal you lead: ${g.title}`,
    summary: `${by} posted an update on it.`,
  }),
  goalDecided: (g: { title: string }, where: string, decision: string): NotificationText => ({
    title: `Decision on a goal you lead: ${g.title}`,
    summary: `${where}: ${decision}`,
  }),
  meetingSoon: (m: { title: string; startsAt: string; place: string | null }): NotificationText => ({
    title: `Meeting on ${when(m.startsAt)}: ${m.title}`,
    summary: m.place ? `At ${m.place}.` : "See the meeting for how to join.",
  }),
  proposalOpen: (p: { question: string; closesAt: string }): NotificationText => ({
    title: `Your organisation's position is asked: ${p.question}`,
    summary: `Give your organisation's position by ${when(p.closesAt)}.`,
  }),
  proposalClosing: (p: { question: string; closesAt: string }, organisationName: string): NotificationText => ({
    title: `Closing within a day: ${p.question}`,
    summary: `${organisationName} has not given a position yet. It closes on ${when(p.closesAt)}.`,
  }),
  statementOpen: (s: { title: string; deadline: string }): NotificationText => ({
    title: `Statement to sign: ${s.title}`,
    summary: `Your organisation can sign on until ${when(s.deadline)}.`,
  }),
  statementClosing: (s: { title: string; deadline: string }, organisationName: string, signedEarlierText = false): NotificationText => ({
    title: `Sign-on closing within a day: ${s.title}`,
    summary: signedEarlierText
      ? `The text changed after ${organisationName} signed, and it has not confirmed the new text yet. Sign-on closes on ${when(s.deadline)}.`
      : `${organisationName} has not signed yet. Sign-on closes on ${when(s.deadline)}.`,
  }),
};
