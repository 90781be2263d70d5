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
} from "@convene/db";
import { retryDelayMs } from "@convene/domain";
import type { Logger } from "../../logger.ts";
import { mintAnswerToken } from "./answer-links.ts";
import { deliveryDecision } from "./delivery-policy.ts";
import { digestMessage, isDigestPayload } from "./digest-message.ts";
import { makeDueDigests } from "./digests.ts";
import { type EmailPayload, emailMessage } from "./email-message.ts";
import type { Mailer, OutgoingEmail } from "./mailer.ts";
import { unsubscribeToken, unsubscribeUrl, withUnsubscribe } from "./unsubscribe.ts";

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

export function createDeliveryWorker(o: DeliveryOptions) {
  const workerId = o.workerId ?? randomUUID();
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const batchSize = o.batchSize ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let health: MailHealth = { checkedAt: null, error: null };

  async function deliverOne(mailer: Mailer, row: Awaited<ReturnType<typeof claimDueDeliveries>>[number], now: Date, run: DeliveryRun) {
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
      if (isDigestPayload(payload)) message = digestMessage(payload, o.publicUrl);
      else {
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
      await markFailed(o.db, row.id, workerId, message, new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString());
      o.logger?.warn({ outboxId: row.id, attempts: row.attempts, error: message }, "delivery failed; will try again");
      run.failed += 1;
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
    if (!mailer) return run;
    for (;;) {
      const rows = await claimDueDeliveries(o.db, {
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        workerId,
        limit: batchSize,
        // Webhooks are not delivered yet; their rows wait rather than being cancelled.
        channel: "email",
      });
      if (rows.length === 0) return run;
      for (const row of rows) await deliverOne(mailer, row, now, run);
    }
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
    // Digests are due by the hour, so looking once a minute is enough; emails are looked for every tick.
    const digestsNow = Date.now() - lastDigestRun >= 60_000;
    if (digestsNow) lastDigestRun = Date.now();
    running = (digestsNow ? makeDigests() : Promise.resolve(0))
      .then(() => deliverDue())
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
