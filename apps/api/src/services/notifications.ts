/**
 * Telling people: each change that concerns others writes its notifications, and the emails
 * that go with them, into the outbox in the transaction it is handed, so they commit with the
 * change or not at all. Who is told, and what they may see, is decided in the domain
 * (packages/domain/src/notification.ts); this only writes what it decides.
 */
import { type Db, insertNotifications, insertOutbox, listPossibleRecipients, type PossibleRecipient } from "@convene/db";
import {
  type AlertResponse,
  type AlertUrgency,
  alertAnsweredRecipients,
  alertAnsweredText,
  alertAudience,
  alertRaisedDeliveries,
  alertRaisedText,
  answersByLink,
  emailsAtOnce,
  everyoneInstant,
  type NotificationEntity,
  type NotificationKind,
  type NotificationText,
  notificationPath,
  type PreferenceOf,
  type Visibility,
} from "@convene/domain";
import type { EmailPayload } from "./delivery/email-message.ts";

interface Notice {
  kind: NotificationKind;
  entity: NotificationEntity;
  entityId: number;
  visibility: Visibility;
  text: NotificationText;
  /** Send an email now as well as the inbox entry (to everyone told, or to whom this says). */
  email: boolean | ((person: PossibleRecipient) => boolean);
  /** Alert emails to members carry answer links, made as the email is sent (delivery/answer-links.ts). */
  answerLinksFor?: number;
}

async function tell(trx: Db, people: readonly PossibleRecipient[], notice: Notice) {
  const ids = await insertNotifications(
    trx,
    people.map((p) => ({
      userId: p.id,
      kind: notice.kind,
      entity: notice.entity,
      entityId: notice.entityId,
      visibility: notice.visibility,
      title: notice.text.title,
      summary: notice.text.summary,
    })),
  );
  const emailed = typeof notice.email === "function" ? notice.email : () => notice.email === true;
  await insertOutbox(
    trx,
    people.flatMap((p, i) => {
      if (!emailed(p)) return [];
      const payload: EmailPayload = {
        to: p.email,
        name: p.name,
        subject: notice.text.title,
        title: notice.text.title,
        summary: notice.text.summary,
        path: notificationPath(notice.entity, notice.entityId),
        ...(notice.answerLinksFor !== undefined && answersByLink(p) && p.organisationId !== null
          ? { answer: { alertId: notice.answerLinksFor, userId: p.id, organisationId: p.organisationId } }
          : {}),
      };
      return [{ channel: "email" as const, notificationId: ids[i]!, payload: JSON.stringify(payload) }];
    }),
  );
}

type AlertFacts = {
  id: number;
  title: string;
  situation: string;
  ask: string;
  deadline: string;
  urgency: AlertUrgency;
  visibility: Visibility;
  raisedById: string | null;
};

/**
 * PREFERENCES HOOK: once people choose how they hear of each kind, read their choices here (one
 * query for everyone) and return them; the outbox and the preview both go through this.
 */
async function preferencesOf(_trx: Db): Promise<PreferenceOf<PossibleRecipient>> {
  return everyoneInstant;
}

/** Who is told of an alert raised with these facts, and whether by email at once: for the outbox and the preview. */
async function alertRaisedPlan(trx: Db, alert: Pick<AlertFacts, "visibility" | "raisedById" | "urgency">) {
  return alertRaisedDeliveries(alert, await listPossibleRecipients(trx), await preferencesOf(trx));
}

export async function notifyAlertRaised(trx: Db, alert: AlertFacts) {
  const plan = await alertRaisedPlan(trx, alert);
  const byEmail = new Set(plan.filter((d) => d.email).map((d) => d.person.id));
  await tell(
    trx,
    plan.map((d) => d.person),
    {
      kind: "alert_raised",
      entity: "alert",
      entityId: alert.id,
      visibility: alert.visibility,
      text: alertRaisedText(alert),
      email: (p) => byEmail.has(p.id),
      answerLinksFor: alert.id,
    },
  );
}

/**
 * "Who will be told": the same plan notifyAlertRaised writes, counted, for an alert not yet raised
 * by `raiserId`. `emailOn` is whether this server sends email (SMTP_URL).
 */
export async function alertRaisedAudience(
  db: Db,
  alert: { visibility: Visibility; urgency: AlertUrgency; raiserId: string },
  emailOn: boolean,
) {
  return alertAudience(await alertRaisedPlan(db, { ...alert, raisedById: alert.raiserId }), emailOn);
}

export async function notifyAlertAnswered(
  trx: Db,
  alert: AlertFacts,
  answer: { organisationName: string; response: AlertResponse; answeredById: string | null },
) {
  const people = alertAnsweredRecipients(alert, answer.answeredById, await listPossibleRecipients(trx));
  await tell(trx, people, {
    kind: "alert_answered",
    entity: "alert",
    entityId: alert.id,
    visibility: alert.visibility,
    text: alertAnsweredText(alert, answer.organisationName, answer.response),
    email: emailsAtOnce("alert_answered", alert.urgency),
  });
}

/**
 * The convenor reset this person's two-factor: told, so that a reset they did not ask for (an
 * impostor talking the convenor into it) is noticed at once, by email too where mail is set up.
 */
export async function notifyTwoFactorReset(trx: Db, userId: string): Promise<void> {
  const person = (await listPossibleRecipients(trx)).find((p) => p.id === userId);
  if (!person) return;
  await tell(trx, [person], {
    kind: "two_factor_reset",
    entity: "account",
    entityId: 0,
    // About the person's own account, not a record: whatever their role, they may read it.
    visibility: "public",
    text: {
      title: "Your two-factor sign-in was reset",
      summary:
        "The convenor reset your two-factor sign-in: your password alone now signs you in. Set it up again on your account page. If you did not ask for this, tell the convenor at once and change your password.",
    },
    email: true,
  });
}
