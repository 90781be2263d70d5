/**
 * A digest as the outbox keeps it, and the email made from it: what concerns the person since
 * their last digest, grouped by kind, at most ten of each with how many more, and a link to the
 * inbox where everything is. Links are made at send time from the server's public address.
 */
import { type DigestFrequency, type DigestItem, digestGroups, type NotificationKind, notificationKindLabels } from "@convene/domain";

export const DIGEST_CAP = 10;

export interface DigestPayload {
  type: "digest";
  userId: string;
  to: string;
  name: string;
  frequency: DigestFrequency;
  total: number;
  /**
   * Every notification counted, so the worker can ask again, just before sending, which the
   * person may still see (a digest written before this was kept has none and is sent as made).
   */
  notificationIds?: number[];
  groups: { kind: NotificationKind; items: { title: string; summary: string; path: string }[]; more: number }[];
}

export function digestPayload(
  person: { id: string; email: string; name: string },
  frequency: DigestFrequency,
  items: readonly (DigestItem & { id: number })[],
): DigestPayload {
  return {
    type: "digest",
    userId: person.id,
    to: person.email,
    name: person.name,
    frequency,
    total: items.length,
    notificationIds: items.map((i) => i.id),
    groups: digestGroups(items, DIGEST_CAP).map((g) => ({
      kind: g.kind,
      items: g.items.map(({ title, summary, path }) => ({ title, summary, path })),
      more: g.more,
    })),
  };
}

export const isDigestPayload = (payload: unknown): payload is DigestPayload =>
  typeof payload === "object" && payload !== null && (payload as { type?: unknown }).type === "digest";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const things = (n: number) => (n === 1 ? "1 thing" : `${n} things`);

export function digestMessage(d: DigestPayload, publicUrl: string) {
  const inbox = new URL("/inbox", publicUrl).toString();
  const period = d.frequency === "daily" ? "daily" : "weekly";
  const subject = `Your ${period} Convene digest: ${things(d.total)} for you`;
  const link = (path: string) => new URL(path, publicUrl).toString();
  const text = [
    `Dear ${d.name},`,
    "",
    `${things(d.total)} concerned you since your last digest.`,
    ...d.groups.flatMap((g) => [
      "",
      `${notificationKindLabels[g.kind]} (${g.items.length + g.more})`,
      ...g.items.map((i) => `- ${i.title}${i.summary ? `: ${i.summary}` : ""}\n  ${link(i.path)}`),
      ...(g.more > 0 ? [`- and ${g.more} more`] : []),
    ]),
    "",
    `See everything in your inbox: ${inbox}`,
  ].join("\n");
  const html = `<!doctype html>
<html lang="en-GB"><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">
<p>Dear ${escapeHtml(d.name)},</p>
<h1 style="font-size: 24px">Your ${period} digest</h1>
<p>${things(d.total)} concerned you since your last digest.</p>
${d.groups
  .map(
    (g) => `<h2 style="font-size: 19px">${escapeHtml(notificationKindLabels[g.kind])} (${g.items.length + g.more})</h2>
<ul>
${g.items
  .map((i) => `<li><a href="${escapeHtml(link(i.path))}">${escapeHtml(i.title)}</a>${i.summary ? `<br>${escapeHtml(i.summary)}` : ""}</li>`)
  .join("\n")}${g.more > 0 ? `\n<li>and ${g.more} more</li>` : ""}
</ul>`,
  )
  .join("\n")}
<p><a href="${escapeHtml(inbox)}">See everything in your inbox</a></p>
</body></html>`;
  return { to: d.to, subject, text, html };
}
