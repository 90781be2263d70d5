/**
 * A webhook event as the outbox keeps it, the body made from it for each kind of receiver, and
 * its signature. One event model, four shapes: Slack's `text` (mrkdwn), a Teams adaptive card in
 * a `message` envelope (what Teams' Workflows "when a webhook request is received" and its older
 * incoming webhooks accept), Matrix hookshot's `text`/`html`, or Convene's plain event.
 *
 * Signing: `X-Convene-Timestamp` is the Unix time in seconds when the request was made, and
 * `X-Convene-Signature` is `sha256=` and the hex HMAC-SHA256, keyed with the hook's secret, of
 * `<timestamp>.<body>`. A receiver recomputes it over the raw body and refuses a timestamp more
 * than five minutes old, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  type NotificationEntity,
  type NotificationKind,
  notificationKindLabels,
  type Visibility,
  type WebhookFormat,
} from "@convene/domain";

export interface WebhookEvent {
  /** Unique per event, the same on every try: receivers can drop a repeat. */
  id: string;
  kind: NotificationKind | "test";
  entity: NotificationEntity | null;
  entityId: number | null;
  visibility: Visibility;
  title: string;
  summary: string;
  /** The record's page in the dashboard, e.g. /alerts/12 (made absolute at send time). */
  path: string;
  occurredAt: string;
}

export interface WebhookPayload {
  webhookId: number;
  event: WebhookEvent;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** Slack's mrkdwn treats only &, < and > specially. */
const escapeSlack = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);

const kindLabel = (kind: WebhookEvent["kind"]) => (kind === "test" ? "Test event" : notificationKindLabels[kind]);

export function webhookBody(format: WebhookFormat, event: WebhookEvent, publicUrl: string): unknown {
  const url = new URL(event.path, publicUrl).toString();
  switch (format) {
    case "slack":
      return {
        text: `*${escapeSlack(event.title)}*\n${escapeSlack(event.summary)}\n<${url}|Open it in Convene>`,
        unfurl_links: false,
      };
    case "teams":
      return {
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: [
                { type: "TextBlock", text: event.title, weight: "Bolder", size: "Medium", wrap: true },
                { type: "TextBlock", text: event.summary, wrap: true },
              ],
              actions: [{ type: "Action.OpenUrl", title: "Open it in Convene", url }],
            },
          },
        ],
      };
    case "matrix":
      return {
        username: "Convene",
        text: `${event.title}\n${event.summary}\n${url}`,
        html: `<p><strong>${escapeHtml(event.title)}</strong></p><p>${escapeHtml(event.summary)}</p><p><a href="${escapeHtml(url)}">Open it in Convene</a></p>`,
      };
    case "plain":
      return {
        id: event.id,
        kind: event.kind,
        kindLabel: kindLabel(event.kind),
        occurredAt: event.occurredAt,
        visibility: event.visibility,
        record: event.entity === null ? null : { entity: event.entity, id: event.entityId, url },
        title: event.title,
        summary: event.summary,
      };
  }
}

export const signatureHeader = "X-Convene-Signature";
export const timestampHeader = "X-Convene-Timestamp";

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (and the tests do): recompute, compare in constant time, refuse old ones. */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookSender {
  send(hook: { url: string; secret: string; format: WebhookFormat }, event: WebhookEvent, now: Date): Promise<void>;
}

/** Posts the signed body; anything but a 2xx answer within the time limit is a failed try. */
export function httpWebhookSender(publicUrl: string, timeoutMs = 15_000): WebhookSender {
  return {
    async send(hook, event, now) {
      const body = JSON.stringify(webhookBody(hook.format, event, publicUrl));
      const timestamp = Math.floor(now.getTime() / 1000);
      let response: Response;
      try {
        response = await fetch(hook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Convene-Webhook/1",
            "X-Convene-Event": event.kind,
            "X-Convene-Delivery": event.id,
            [timestampHeader]: String(timestamp),
            [signatureHeader]: webhookSignature(hook.secret, timestamp, body),
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
        const message =
          error instanceof Error && error.name === "TimeoutError"
            ? "no answer in time"
            : `${error instanceof Error ? error.message : String(error)}${cause}`;
        throw new Error(`Could not reach the hook (${message}).`);
      }
      // Read the answer so the connection is released; receivers say little, so keep a little.
      const text = (await response.text().catch(() => "")).slice(0, 200);
      if (response.status < 200 || response.status >= 300)
        throw new Error(`The hook answered ${response.status} ${response.statusText}${text ? `: ${text}` : ""}`.trim());
    },
  };
}
