/**
 * One-click unsubscribe (RFC 8058). Every email carries a link naming one person and what the
 * email was about (a notification kind, or their digest), signed with a key derived from the
 * server's secret, so following it needs no password and cannot be forged for someone else.
 * The link never expires: an old email's link must still work. The same link is the
 * List-Unsubscribe header's target; a GET shows a confirm page, only a POST changes anything.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { type NotificationKind, notificationKinds } from "@convene/domain";
import type { OutgoingEmail } from "./mailer.ts";

/** A notification kind, or "digest": every kind the person now gets in their digest. */
export type UnsubscribeScope = NotificationKind | "digest";

export const unsubscribeKey = (secret: string) => createHmac("sha256", secret).update("convene unsubscribe links").digest();

const mac = (key: Buffer, body: string) => createHmac("sha256", key).update(body).digest("base64url");

export function unsubscribeToken(key: Buffer, userId: string, scope: UnsubscribeScope): string {
  const body = Buffer.from(JSON.stringify([userId, scope])).toString("base64url");
  return `${body}.${mac(key, body)}`;
}

/** The person and scope a token names, or undefined for anything not signed with this key. */
export function readUnsubscribeToken(key: Buffer, token: string): { userId: string; scope: UnsubscribeScope } | undefined {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [userId, scope] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof userId !== "string" || typeof scope !== "string") return undefined;
    if (scope !== "digest" && !(notificationKinds as readonly string[]).includes(scope)) return undefined;
    return { userId, scope: scope as UnsubscribeScope };
  } catch {
    return undefined;
  }
}

export const unsubscribeUrl = (publicUrl: string, token: string) => new URL(`/api/unsubscribe/${token}`, publicUrl).toString();

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Adds the unsubscribe link to an email's text and HTML, and the RFC 8058 headers, so a mail
 * program can offer its own Unsubscribe button. `what` says what stops ("emails about alerts
 * answered").
 */
export function withUnsubscribe(message: OutgoingEmail, link: string, preferencesLink: string, what: string): OutgoingEmail {
  const text = `${message.text}\n\n--\nTo stop ${what}: ${link}\nChoose what reaches you, and when: ${preferencesLink}`;
  const footer = `<hr><p style="font-size: 14px; color: #505a5f">To stop ${escapeHtml(what)}, <a href="${escapeHtml(link)}">unsubscribe</a>. <a href="${escapeHtml(preferencesLink)}">Choose what reaches you, and when</a>.</p>`;
  const html = message.html.includes("</body>") ? message.html.replace("</body>", `${footer}\n</body>`) : `${message.html}${footer}`;
  return {
    ...message,
    text,
    html,
    headers: { ...message.headers, "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
