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
  alertRaisedRecipients,
  alertRaisedText,
  emailsAtOnce,
  type NotificationEntity,
  type NotificationKind,
  type NotificationText,
  notificationPath,
  type Visibility,
} from "@convene/domain";
import type { EmailPayload } from "./delivery/email-message.ts";
import { queueWebhookEvent } from "./webhooks.ts";

interface Notice {
  kind: NotificationKind;
  entity: NotificationEntity;
  entityId: number;
  visibility: Visibility;
  text: NotificationText;
  /** Send an email now as well as the inbox entry. */
  email: boolean;
}

async function tell(trx: Db, people: readonly PossibleRecipient[], notice: Notice) {
  // The group's channels hear of the event once, whoever in it is told.
  await queueWebhookEvent(trx, {
    kind: notice.kind,
    entity: notice.entity,
    entityId: notice.entityId,
    visibility: notice.visibility,
    title: notice.text.title,
    summary: notice.text.summary,
    path: notificationPath(notice.entity, notice.entityId),
  });
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
  if (!notice.email) return;
  await insertOutbox(
    trx,
    people.map((p, i) => {
      const payload: EmailPayload = {
        to: p.email,
        name: p.name,
        subject: notice.text.title,
        title: notice.text.title,
        summary: notice.text.summary,
        path: notificationPath(notice.entity, notice.entityId),
      };
      return { channel: "email" as const, notificationId: ids[i]!, payload: JSON.stringify(payload) };
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

export async function notifyAlertRaised(trx: Db, alert: AlertFacts) {
  const people = alertRaisedRecipients(alert, await listPossibleRecipients(trx));
  await tell(trx, people, {
    kind: "alert_raised",
    entity: "alert",
    entityId: alert.id,
    visibility: alert.visibility,
    text: alertRaisedText(alert),
    email: emailsAtOnce("alert_raised", alert.urgency),
  });
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
