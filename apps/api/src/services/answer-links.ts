/**
 * Answering an alert from the links in its email, without a password. A link stands for one
 * person answering for one organisation; it records through answerAlert, the dashboard's own
 * service (its checks, audit entry, one-answer-per-organisation rule and notifications), as
 * that person. It works once, and only while the alert takes answers: closed, withdrawn or past
 * its deadline, a link records nothing.
 */
import { type AlertSummary, type AnswerLink, type Db, findAnswerLink, getAlert, spendAnswerLink } from "@convene/db";
import { type AlertResponse, answerRefusal } from "@convene/domain";
import type { SessionUser } from "../context.ts";
import { answerAlert } from "./alerts.ts";
import { hashAnswerToken } from "./delivery/answer-links.ts";

export type AnswerLinkState =
  | { kind: "unknown" }
  | { kind: "used"; usedAt: string; alert: AlertSummary | undefined }
  | { kind: "expired"; message: string; alert: AlertSummary }
  | { kind: "not_yours"; message: string }
  | {
      kind: "open";
      link: AnswerLink;
      alert: AlertSummary;
      person: SessionUser;
      /** The organisation's answer so far, by anyone: answering again replaces it. */
      current: { response: AlertResponse; answeredByName: string | null } | undefined;
    };

export async function answerLinkState(db: Db, token: string, now = new Date()): Promise<AnswerLinkState> {
  const link = await findAnswerLink(db, hashAnswerToken(token));
  if (!link) return { kind: "unknown" };
  const p = link.person;
  const alert = await getAlert(db, p.role, link.alertId, p.organisationId);
  if (link.usedAt !== null) return { kind: "used", usedAt: link.usedAt, alert };
  if (p.banned || p.role !== "member" || p.organisationId !== link.organisationId || !link.organisationActive) {
    return {
      kind: "not_yours",
      message: `This link no longer works: your account no longer answers for ${link.organisationName}. Sign in to Convene to see what you can do.`,
    };
  }
  // An alert the person may no longer see answers like a link that never existed.
  if (!alert) return { kind: "unknown" };
  const refusal = answerRefusal(alert, now);
  if (refusal) return { kind: "expired", message: refusal.message, alert };
  const current = await db
    .selectFrom("alertAnswers")
    .select(["response", "answeredByName"])
    .where("alertId", "=", alert.id)
    .where("organisationId", "=", link.organisationId)
    .executeTakeFirst();
  return {
    kind: "open",
    link,
    alert,
    person: { id: p.id, name: p.name, email: p.email, role: p.role, organisationId: p.organisationId },
    current,
  };
}

/**
 * Records the answer a link's confirm page sent, in the transaction it is handed: the link is
 * spent first, so a second use (or two at once) records nothing.
 */
export async function answerByLink(trx: Db, token: string, response: AlertResponse) {
  const state = await answerLinkState(trx, token);
  if (state.kind !== "open") return state;
  if (!(await spendAnswerLink(trx, { id: state.link.id, alertId: state.alert.id, userId: state.person.id }, new Date().toISOString()))) {
    return { kind: "used" as const, usedAt: new Date().toISOString(), alert: state.alert };
  }
  await answerAlert(trx, state.person, state.alert.id, { response, note: "" });
  return { kind: "answered" as const, alert: state.alert, organisationName: state.link.organisationName, response };
}
