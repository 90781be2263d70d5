/**
 * An email as the outbox keeps it, and the message made from it when it is sent. Links are made
 * at send time from the server's public address, so a row written before PUBLIC_URL changed
 * still links to where Convene is now.
 */
import { type AlertResponse, alertResponses } from "@convene/domain";

export interface EmailPayload {
  to: string;
  name: string;
  subject: string;
  title: string;
  summary: string;
  /** The record's page in the dashboard, e.g. /alerts/12. */
  path: string;
  /**
   * An alert email to a member carries answer links for their organisation. Only what the link
   * is for is kept here: the token itself is made as the email is sent (answer-links.ts), so the
   * outbox never holds a working link.
   */
  answer?: { alertId: number; userId: string; organisationId: number };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page that asks to confirm an answer (GET shows it; only its button's POST records). */
export const answerLinkPath = (token: string, response: AlertResponse) =>
  `/api/answer-links/${encodeURIComponent(token)}?response=${response}`;

/** What each answer link says in the email. */
const answerLinkLabels: Record<AlertResponse, string> = {
  join: "Join",
  cannot: "Can't join",
  need_info: "Need more information",
};

export function emailMessage(payload: EmailPayload, publicUrl: string, answerToken?: string) {
  const link = new URL(payload.path, publicUrl).toString();
  const inbox = new URL("/inbox", publicUrl).toString();
  const answers = answerToken
    ? alertResponses.map((r) => ({
        response: r,
        label: answerLinkLabels[r],
        url: new URL(answerLinkPath(answerToken, r), publicUrl).toString(),
      }))
    : [];
  const answerNote =
    "Each link opens a page where you confirm the answer; nothing is recorded until you do. The links are yours alone, work once, and stop working when the alert closes or its deadline passes.";
  const text = [
    `Dear ${payload.name},`,
    "",
    payload.title,
    "",
    payload.summary,
    "",
    ...(answers.length > 0 ? ["Answer for your organisation:", ...answers.map((a) => `- ${a.label}: ${a.url}`), "", answerNote, ""] : []),
    `Open it in Convene: ${link}`,
    "",
    `Everything that concerns you is in your inbox: ${inbox}`,
  ].join("\n");
  const answerHtml =
    answers.length > 0
      ? `<h2 style="font-size: 19px">Answer for your organisation</h2>
<ul>
${answers.map((a) => `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.label)}</a></li>`).join("\n")}
</ul>
<p style="color: #505a5f">${escapeHtml(answerNote)}</p>
`
      : "";
  const html = `<!doctype html>
<html lang="en-GB"><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">
<p>Dear ${escapeHtml(payload.name)},</p>
<h1 style="font-size: 24px">${escapeHtml(payload.title)}</h1>
<p>${escapeHtml(payload.summary)}</p>
${answerHtml}<p><a href="${escapeHtml(link)}">Open it in Convene</a></p>
<p>Everything that concerns you is in <a href="${escapeHtml(inbox)}">your inbox</a>.</p>
</body></html>`;
  return { to: payload.to, subject: payload.subject, text, html };
}
