/**
 * The scheduled reminder scan, run by the delivery worker before each delivery run: alerts,
 * proposals and statements closing within a day that an organisation has not answered, goals an
 * organisation leads waiting for an update (the overview's rule: no update within the cycle's
 * update interval), and meetings in the coming week. Every row it writes carries a dedupe key
 * under a unique index, so two runs, or two servers, write each reminder once. One transaction a
 * scan: a reminder's notification, email and webhook rows commit together.
 */
import {
  activeOrganisations,
  alertsClosingSoon,
  type Db,
  goalVisibilities,
  insertNotificationOnce,
  insertOutbox,
  listNeedsYou,
  listPossibleRecipients,
  meetingsSoon,
  openCycles,
  type PossibleRecipient,
  preferencesOf,
  proposalsClosingSoon,
  statementsClosingSoon,
} from "@convene/db";
import {
  closingSoonMs,
  dedupeKey,
  emailPlan,
  goalWaitingPeriod,
  meetingSoonMs,
  type NotificationEntity,
  type NotificationKind,
  type NotificationText,
  notificationPath,
  organisationMembersToTell,
  participantsToTell,
  reminderText,
  statementSignersToTell,
  type Visibility,
} from "@convene/domain";
import type { EmailPayload } from "./delivery/email-message.ts";
import { queueWebhookEvent } from "./webhooks.ts";

interface Reminder {
  kind: NotificationKind;
  entity: NotificationEntity;
  entityId: number;
  visibility: Visibility;
  text: NotificationText;
  /** Changes when the subject does (a deadline moved), so a changed subject reminds again. */
  period: string;
  /**
   * Closing within a day is as urgent as an alert: emailed now unless the person turned its kind
   * off. The rest follow each person's choice (at once, in their digest, or the inbox only).
   */
  email: boolean;
}

async function remind(trx: Db, people: readonly PossibleRecipient[], r: Reminder) {
  let told = 0;
  const preferences = await preferencesOf(
    trx,
    people.map((p) => p.id),
  );
  for (const p of people) {
    const id = await insertNotificationOnce(trx, {
      userId: p.id,
      kind: r.kind,
      entity: r.entity,
      entityId: r.entityId,
      visibility: r.visibility,
      title: r.text.title,
      summary: r.text.summary,
      dedupeKey: dedupeKey(r.kind, r.entity, r.entityId, p.id, r.period),
    });
    if (id === undefined) continue;
    told += 1;
    if (emailPlan(preferences.get(p.id)!, r.kind, r.email) === "now") {
      const payload: EmailPayload = {
        to: p.email,
        name: p.name,
        subject: r.text.title,
        title: r.text.title,
        summary: r.text.summary,
        path: notificationPath(r.entity, r.entityId),
      };
      await insertOutbox(trx, [{ channel: "email", notificationId: id, payload: JSON.stringify(payload), urgent: r.email ? 1 : 0 }]);
    }
  }
  return told;
}

/** The group's channels hear of a subject once, not once per organisation. */
async function remindHooks(trx: Db, r: Omit<Reminder, "text" | "email">, hookText: NotificationText) {
  await queueWebhookEvent(
    trx,
    {
      kind: r.kind,
      entity: r.entity,
      entityId: r.entityId,
      visibility: r.visibility,
      ...hookText,
      path: notificationPath(r.entity, r.entityId),
    },
    `${r.kind}:${r.entity}:${r.entityId}:${r.period}`,
  );
}

export async function scanReminders(db: Db, now: Date): Promise<{ told: number }> {
  return db.transaction().execute(async (trx) => {
    const people = await listPossibleRecipients(trx);
    const organisations = await activeOrganisations(trx);
    let told = 0;

    for (const a of await alertsClosingSoon(trx, now, closingSoonMs)) {
      const base = {
        kind: "alert_closing" as const,
        entity: "alert" as const,
        entityId: a.id,
        visibility: a.visibility,
        period: a.deadline,
        email: true,
      };
      for (const o of organisations.filter((o) => !a.answeredBy.has(o.id)))
        told += await remind(trx, organisationMembersToTell(people, o.id, a.visibility), {
          ...base,
          text: reminderText.alertClosing(a, o.name),
        });
      if (organisations.some((o) => !a.answeredBy.has(o.id)))
        await remindHooks(trx, base, {
          title: `Closing within a day: ${a.title}`,
          summary: `${organisations.filter((o) => !a.answeredBy.has(o.id)).length} organisations have not answered yet.`,
        });
    }

    for (const p of await proposalsClosingSoon(trx, now, closingSoonMs)) {
      const base = {
        kind: "proposal_closing" as const,
        entity: "proposal" as const,
        entityId: p.id,
        visibility: p.visibility,
        period: p.closesAt,
        email: true,
      };
      for (const o of organisations.filter((o) => !p.answeredBy.has(o.id)))
        told += await remind(trx, organisationMembersToTell(people, o.id, p.visibility), {
          ...base,
          text: reminderText.proposalClosing(p, o.name),
        });
    }

    for (const s of await statementsClosingSoon(trx, now, closingSoonMs)) {
      const base = {
        kind: "statement_closing" as const,
        entity: "statement" as const,
        entityId: s.id,
        visibility: s.visibility,
        // A new text after signing asks the organisation again.
        period: `${s.deadline}:text-${s.textVersion}`,
        email: true,
      };
      for (const o of organisations.filter((o) => !s.answeredBy.has(o.id)))
        told += await remind(trx, statementSignersToTell(people, o.id, s.visibility, s.signers), {
          ...base,
          text: reminderText.statementClosing(s, o.name, s.toConfirm.has(o.id)),
        });
    }

    for (const m of await meetingsSoon(trx, now, meetingSoonMs)) {
      const r: Reminder = {
        kind: "meeting_soon",
        entity: "meeting",
        entityId: m.id,
        visibility: m.visibility,
        period: m.startsAt,
        email: false,
        text: reminderText.meetingSoon(m),
      };
      told += await remind(trx, participantsToTell(people, m.visibility), r);
      await remindHooks(trx, r, r.text);
    }

    // The same rule as the overview's "no recent update" and the needs-you page.
    const today = now.toISOString().slice(0, 10);
    for (const cycle of await openCycles(trx)) {
      const staleBefore = new Date(Date.parse(today) - cycle.updateIntervalDays * 24 * 60 * 60_000).toISOString().slice(0, 10);
      const needs = await listNeedsYou(trx, { cycleId: cycle.id, organisationIds: null, staleBefore, now: now.toISOString() });
      const levels = await goalVisibilities(
        trx,
        needs.flatMap((o) => o.staleGoals.map((g) => g.id)),
      );
      for (const o of needs)
        for (const g of o.staleGoals) {
          const visibility = levels.get(g.id) ?? "convenor";
          told += await remind(trx, organisationMembersToTell(people, o.id, visibility), {
            kind: "goal_waiting",
            entity: "goal",
            entityId: g.id,
            visibility,
            // A goal never updated is reminded of once; an updated one once per interval it stays quiet.
            period: g.lastUpdateAt ? goalWaitingPeriod(g.lastUpdateAt.slice(0, 10), today, cycle.updateIntervalDays) : "no-update",
            email: false,
            text: reminderText.goalWaiting(g, o.name),
          });
        }
    }
    return { told };
  });
}
