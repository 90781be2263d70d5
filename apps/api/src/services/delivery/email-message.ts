/**
 * An email as the outbox keeps it, and the message made from it when it is sent. Links are made
 * at send time from the server's public address, so a row written before PUBLIC_URL changed
 * still links to where Convene is now.
 */
export interface EmailPayload {
  to: string;
  name: string;
  subject: string;
  title: string;
  summary: string;
  /** The record's page in the dashboard, e.g. /alerts/12. */
  path: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function emailMessage(payload: EmailPayload, publicUrl: string) {
  const link = new URL(payload.path, publicUrl).toString();
  const inbox = new URL("/inbox", publicUrl).toString();
  const text = [
    `Dear ${payload.name},`,
    "",
    payload.title,
    "",
    payload.summary,
    "",
    `Open it in Convene: ${link}`,
    "",
    `Everything that concerns you is in your inbox: ${inbox}`,
  ].join("\n");
  const html = `<!doctype html>
<html lang="en-GB"><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">
<p>Dear ${escapeHtml(payload.name)},</p>
<h1 style="font-size: 24px">${escapeHtml(payload.title)}</h1>
<p>${escapeHtml(payload.summary)}</p>
<p><a href="${escapeHtml(link)}">Open it in Convene</a></p>
<p>Everything that concerns you is in <a href="${escapeHtml(inbox)}">your inbox</a>.</p>
</body></html>`;
  return { to: payload.to, subject: payload.subject, text, html };
}
