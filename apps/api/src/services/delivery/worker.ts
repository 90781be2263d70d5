/**
 * The delivery worker: runs in the server process, claims due outbox rows under a lease, sends
 * them, and marks each sent, or failed with its error and a later time to try again (backoff in
 * the domain's retryDelayMs). Rows are claimed one batch at a time with a lease, so two servers
 * on one PostgreSQL database never send the same row, and a server that stops mid-send leaves
 * its rows to be sent once their lease runs out. Tests call deliverDue() directly.
 */
import { randomUUID } from "node:crypto";
import {
  cancelDelivery,
  claimDueDeliveries,
  type Db,
  holdDelivery,
  markDelivered,
  markFailed,
  notificationStillVisible,
  recordVisibilityNow,
  recordWebhookOutcome,
  webhookForDelivery,
} from "@convene/db";
import { type DeliveryChannel, hookMayHear, retryDelayMs } from "@convene/domain";
import type { Logger } from "../../logger.ts";
import { mintAnswerToken } from "./answer-links.ts";
import { deliveryDecision } from "./delivery-policy.ts";
import { digestMessage, isDigestPayload } from "./digest-message.ts";
import { digestAsNow, makeDueDigests } from "./digests.ts";
import { type EmailPayload, emailMessage } from "./email-message.ts";
import type { Mailer, OutgoingEmail } from "./mailer.ts";
import { unsubscribeToken, unsubscribeUrl, withUnsubscribe } from "./unsubscribe.ts";
import { httpWebhookSender, type WebhookPayload, type WebhookSender } from "./webhook-message.ts";

export interface DeliveryOptions {
  db: Db;
  /**
   * No mailer, no email: email rows are not claimed and wait in the outbox. Cancelling them
   * instead would let any process started without SMTP_URL (the admin command line, a second
   * instance set up wrongly) throw away the real server's mail.
   */
  mailer?: Mailer | undefined;
  publicUrl: string;
  logger?: Logger | undefined;
  workerId?: string;
  /** How long a claim holds before another worker may take the row (longer than a send can take). */
  leaseMs?: number;
  batchSize?: number;
  /** Signs each email's unsubscribe link (unsubscribe.ts); without it emails carry none (tests of other things). */
  unsubscribeKey?: Buffer | undefined;
  /** Posts webhook bodies; by default over HTTP with fetch. */
  webhooks?: WebhookSender;
  /**
   * The scheduled scan for reminders (alerts closing, goals waiting, meetings next week…), run
   * before each delivery run with the same clock. It must be idempotent: two workers may run it.
   */
  scan?: (now: Date) => Promise<unknown>;
  /** The time now for background runs; tests pass their own. */
  clock?: () => Date;
}

/** What this server last learned about its mail server: shown to the convenor (Admin › Delivery). */
export interface MailHealth {
  /** When it was last checked or used; null before the first time. */
  checkedAt: string | null;
  /** The last check's or send's error, or null when it worked. */
  error: string | null;
}

export interface DeliveryRun {
  sent: number;
  failed: number;
  cancelled: number;
}

type ClaimedRow = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

export function createDeliveryWorker(o: DeliveryOptions) {
  const workerId = o.workerId ?? randomUUID();
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const batchSize = o.batchSize ?? 20;
  const webhooks = o.webhooks ?? httpWebhookSender(o.publicUrl);
  let timer: NodeJS.Timeout | undefined;
  // The scan reads every open alert, goal and meeting: once a minute is soon enough for reminders.
  let lastScanAt = 0;
  let running: Promise<unknown> | undefined;
  let health: MailHealth = { checkedAt: null, error: null };

  async function failed(row: ClaimedRow, now: Date, message: string, run: DeliveryRun) {
    await markFailed(o.db, row.id, workerId, message, new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString());
    o.logger?.warn({ outboxId: row.id, channel: row.channel, attempts: row.attempts, error: message }, "delivery failed; will try again");
    run.failed += 1;
  }

  /**
   * A webhook row: the hook must still be in use and still allowed the record's level now (a
   * record narrowed since, or a hook lowered, cancels it); the hook keeps the latest outcome.
   */
  async function deliverHook(row: ClaimedRow, now: Date, run: DeliveryRun) {
    const at = now.toISOString();
    const { webhookId, event } = JSON.parse(row.payload) as WebhookPayload;
    const hook = await webhookForDelivery(o.db, webhookId);
    const level = event.entity === null ? event.visibility : await recordVisibilityNow(o.db, event.entity, event.entityId ?? 0);
    const reason = !hook?.enabled
      ? "The hook was disabled or deleted."
      : level === undefined || !hookMayHear(hook.visibility, level) || !hookMayHear(hook.visibility, event.visibility)
        ? "The hook may no longer hear of this record."
        : null;
    if (reason || !hook) {
      await cancelDelivery(o.db, row.id, workerId, reason ?? "The hook was deleted.", at);
      run.cancelled += 1;
      return;
    }
    try {
      await webhooks.send(hook, event, now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordWebhookOutcome(o.db, hook.id, { at, error: message });
      await failed(row, now, message, run);
      return;
    }
    await markDelivered(o.db, row.id, workerId, new Date().toISOString());
    await recordWebhookOutcome(o.db, hook.id, { at: new Date().toISOString(), error: null });
    run.sent += 1;
  }

  async function deliverOne(mailer: Mailer, row: ClaimedRow, now: Date, run: DeliveryRun) {
    const at = now.toISOString();
    if (row.notificationId !== null && !(await notificationStillVisible(o.db, row.notificationId))) {
      await cancelDelivery(o.db, row.id, workerId, "The recipient may no longer see this record.", at);
      run.cancelled += 1;
      return;
    }
    const payload: unknown = JSON.parse(row.payload);
    const decision = await deliveryDecision(o.db, row, payload, now);
    if (decision.action === "hold") {
      await holdDelivery(o.db, row.id, workerId, decision.until.toISOString());
      return;
    }
    if (decision.action === "cancel") {
      await cancelDelivery(o.db, row.id, workerId, decision.reason, at);
      run.cancelled += 1;
      return;
    }
    try {
      let message: OutgoingEmail;
      if (isDigestPayload(payload)) {
        const digest = await digestAsNow(o.db, payload);
        if (!digest) {
          await cancelDelivery(o.db, row.id, workerId, "Nothing in the digest is still unread and visible to its recipient.", at);
          run.cancelled += 1;
          return;
        }
        message = digestMessage(digest, o.publicUrl);
      } else {
        const email = payload as EmailPayload;
        // A fresh token each try: one made for a try that failed was never sent, so nobody holds it.
        const token = email.answer ? await mintAnswerToken(o.db, email.answer) : undefined;
        message = emailMessage(email, o.publicUrl, token);
      }
      if (decision.unsubscribe && o.unsubscribeKey) {
        const token = unsubscribeToken(o.unsubscribeKey, decision.unsubscribe.userId, decision.unsubscribe.scope);
        message = withUnsubscribe(
          message,
          unsubscribeUrl(o.publicUrl, token),
          new URL("/notifications/preferences", o.publicUrl).toString(),
          decision.unsubscribe.what,
        );
      }
      await mailer.send(message);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      health = { checkedAt: new Date().toISOString(), error: message };
      await failed(row, now, message, run);
      return;
    }
    health = { checkedAt: new Date().toISOString(), error: null };
    // Sent: if marking it fails now, the lease runs out and it is sent again (at least once, never lost).
    await markDelivered(o.db, row.id, workerId, new Date().toISOString());
    run.sent += 1;
  }

  /** Delivers everything due at `now`, a batch at a time, until nothing due is left unclaimed. */
  async function deliverDue(now = new Date()): Promise<DeliveryRun> {
    const run: DeliveryRun = { sent: 0, failed: 0, cancelled: 0 };
    const { mailer } = o;
    const channels: DeliveryChannel[] = mailer ? ["email", "webhook"] : ["webhook"];
    for (const channel of channels) {
      for (;;) {
        const rows = await claimDueDeliveries(o.db, {
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          workerId,
          limit: batchSize,
          channel,
        });
        if (rows.length === 0) break;
        for (const row of rows) {
          if (row.channel === "webhook") await deliverHook(row, now, run);
          else if (mailer) await deliverOne(mailer, row, now, run);
        }
      }
    }
    return run;
  }

  /**
   * Puts every digest due at `now` in the outbox (digests.ts); the next deliverDue sends them.
   * Kept apart from deliverDue so that tests of single emails never depend on the day of the week.
   */
  async function makeDigests(now = new Date()): Promise<number> {
    if (!o.mailer) return 0;
    return makeDueDigests(o.db, now);
  }

  /** One background run at a time; a run that throws is logged and the next tick tries again. */
  let lastDigestRun = 0;
  function tick() {
    if (running) return;
    const now = (o.clock ?? (() => new Date()))();
    const scanDue = o.scan !== undefined && Math.abs(now.getTime() - lastScanAt) >= 60_000;
    if (scanDue) lastScanAt = now.getTime();
    // Digests are due by the hour, so looking once a minute is enough; emails are looked for every tick.
    const digestsNow = Math.abs(now.getTime() - lastDigestRun) >= 60_000;
    if (digestsNow) lastDigestRun = now.getTime();
    running = (
      o.scan && scanDue ? o.scan(now).catch((error) => o.logger?.error({ err: error }, "reminder scan failed")) : Promise.resolve()
    )
      .then(() => (digestsNow ? makeDigests(now) : 0))
      .then(() => deliverDue(now))
      .catch((error) => o.logger?.error({ err: error }, "delivery run failed"))
      .finally(() => {
        running = undefined;
      });
  }

  /**
   * Connects to the mail server without sending, at start-up: a wrong SMTP_URL is logged and
   * shown to the convenor at once rather than at the first alert. Never throws; email keeps
   * waiting in the outbox and is retried.
   */
  async function checkMailer(): Promise<MailHealth> {
    if (!o.mailer) return health;
    try {
      await o.mailer.verify();
      health = { checkedAt: new Date().toISOString(), error: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      health = { checkedAt: new Date().toISOString(), error: message };
      o.logger?.error(
        { error: message },
        "email cannot be sent: the mail server in SMTP_URL cannot be used; email waits in the outbox and is retried",
      );
    }
    return health;
  }

  return {
    workerId,
    deliverDue,
    checkMailer,
    health: () => health,
    /** Runs now rather than at the next tick ("retry now"); a run in progress is left to finish. */
    wake() {
      if (timer) tick();
    },
    makeDigests,
    /** Checks for due deliveries every `intervalMs` (and once now). */
    start(intervalMs: number) {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    /** Stops the timer and waits for a run in progress to finish. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      o.mailer?.close();
    },
  };
}
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
