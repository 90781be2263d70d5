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
  organisationMembersToTell,
  participantsToTell,
  reminderText,
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

/** A new proposal asks every organisation for its position: its members (and the convenor) are told. */
export async function notifyProposalOpened(
  trx: Db,
  p: { id: number; question: string; closesAt: string; visibility: Visibility; createdById: string | null },
) {
  const people = participantsToTell(await listPossibleRecipients(trx), p.visibility, p.createdById);
  await tell(trx, people, {
    kind: "proposal_open",
    entity: "proposal",
    entityId: p.id,
    visibility: p.visibility,
    text: reminderText.proposalOpen(p),
    email: false,
  });
}

/** A new sign-on statement: members of every organisation in the group may sign for it. */
export async function notifyStatementOpened(
  trx: Db,
  s: { id: number; title: string; deadline: string; visibility: Visibility; createdById: string | null },
) {
  const people = participantsToTell(await listPossibleRecipients(trx), s.visibility, s.createdById);
  await tell(trx, people, {
    kind: "statement_open",
    entity: "statement",
    entityId: s.id,
    visibility: s.visibility,
    text: reminderText.statementOpen(s),
    email: false,
  });
}

/** A change to a goal, or a decision on it, tells the members of its lead organisation (not whoever made it). */
export async function notifyGoalChanged(
  trx: Db,
  goal: { id: number; title: string; visibility: Visibility; leadOrganisationId: number | null },
  change: { byId: string | null; kind: "goal_changed" | "goal_decided"; text: NotificationText },
) {
  if (goal.leadOrganisationId === null) return;
  const people = organisationMembersToTell(await listPossibleRecipients(trx), goal.leadOrganisationId, goal.visibility, change.byId);
  await tell(trx, people, {
    kind: change.kind,
    entity: "goal",
    entityId: goal.id,
    visibility: goal.visibility,
    text: change.text,
    email: false,
  });
}
