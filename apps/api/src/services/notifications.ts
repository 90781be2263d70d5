/**
 * Telling people: each change that concerns others writes its notifications, and the emails
 * that go with them, into the outbox in the transaction it is handed, so they commit with the
 * change or not at all. Who is told, and what they may see, is decided in the domain
 * (packages/domain/src/notification.ts); this only writes what it decides.
 */
import { type Db, insertNotifications, insertOutbox, listPossibleRecipients, type PossibleRecipient, preferencesOf } from "@convene/db";
import {
  type AlertResponse,
  type AlertUrgency,
  alertAnsweredRecipients,
  alertAnsweredText,
  alertAudience,
  alertRaisedDeliveries,
  alertRaisedText,
  answersByLink,
  emailPlan,
  emailsAtOnce,
  type NotificationEntity,
  type NotificationKind,
  type NotificationText,
  notificationPath,
  organisationMembersToTell,
  participantsToTell,
  personalKinds,
  reminderText,
  ukDate,
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
  /**
   * An urgent alert is emailed at once to everyone who has not turned its kind off; anything else
   * is emailed at once only to those who chose "instant" for its kind, and otherwise waits for
   * their digest (services/delivery/digests.ts) or stays in the inbox.
   */
  urgent: boolean;
  /** Alert emails to members carry answer links, made as the email is sent (delivery/answer-links.ts). */
  answerLinksFor?: number;
}

async function tell(trx: Db, people: readonly PossibleRecipient[], notice: Notice) {
  // The group's channels hear of the event once, whoever in it is told; never of one person's account.
  if (!personalKinds.includes(notice.kind))
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
  const preferences = await preferencesOf(
    trx,
    people.map((p) => p.id),
  );
  const emailed = people.flatMap((p, i) =>
    emailPlan(preferences.get(p.id)!, notice.kind, notice.urgent) === "now" ? [{ p, id: ids[i]! }] : [],
  );
  await insertOutbox(
    trx,
    emailed.map(({ p, id }) => {
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
      return { channel: "email" as const, notificationId: id, payload: JSON.stringify(payload), urgent: notice.urgent ? 1 : 0 };
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
 * Who is told of an alert raised with these facts, and whether by email at once, from each
 * person's stored preferences: the outbox (through tell's same rule) and the preview both use it.
 */
async function alertRaisedPlan(trx: Db, alert: Pick<AlertFacts, "visibility" | "raisedById" | "urgency">) {
  const people = await listPossibleRecipients(trx);
  const preferences = await preferencesOf(
    trx,
    people.map((p) => p.id),
  );
  return alertRaisedDeliveries(alert, people, (p) => preferences.get(p.id)!.kinds.alert_raised);
}

export async function notifyAlertRaised(trx: Db, alert: AlertFacts) {
  const plan = await alertRaisedPlan(trx, alert);
  await tell(
    trx,
    plan.map((d) => d.person),
    {
      kind: "alert_raised",
      entity: "alert",
      entityId: alert.id,
      visibility: alert.visibility,
      text: alertRaisedText(alert),
      urgent: emailsAtOnce("alert_raised", alert.urgency),
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
    urgent: emailsAtOnce("alert_answered", alert.urgency),
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
    urgent: false,
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
    urgent: false,
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
    urgent: false,
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
    urgent: true,
  });
}

/**
 * A sign-in from a device the person has not signed in from before: told at once (inbox, and
 * email where mail is set up), so a stolen password used elsewhere is noticed. `where` is the
 * masked address, the only "place" Convene knows (packages/domain/src/devices.ts).
 */
export async function notifyNewSignIn(trx: Db, userId: string, sign: { device: string; where: string; at: string }): Promise<void> {
  const person = (await listPossibleRecipients(trx)).find((p) => p.id === userId);
  if (!person) return;
  await tell(trx, [person], {
    kind: "new_sign_in",
    entity: "account",
    entityId: 0,
    // About the person's own account, not a record: whatever their role, they may read it.
    visibility: "public",
    text: {
      title: `New sign-in to your account: ${sign.device}`,
      summary: `${sign.device}, from ${sign.where}, on ${ukDate(sign.at)} at ${sign.at.slice(11, 16)} UTC. If this was not you, end that session on your account page (Your sessions) and change your password.`,
    },
    urgent: true,
  });
}
