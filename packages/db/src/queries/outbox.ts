/**
 * The outbox: deliveries written in the transaction of the change that caused them, claimed by a
 * worker under a lease, then marked sent, failed (tried again later) or cancelled. A row is
 * claimed only while unleased or its lease has run out, so a worker that dies mid-send leaves its
 * rows to be claimed again once their lease ends, and two workers never hold the same row.
 */
import type { DeliveryChannel } from "@convene/domain";
import type { Kysely } from "kysely";
import { skipLockedRows } from "../engine.ts";
import type { Database } from "../schema.ts";

export interface Claim {
  /** Now, as ISO-8601 text; rows due at or before it are claimed. */
  now: string;
  /** When the lease ends if the worker neither marks the row nor renews it. */
  leaseUntil: string;
  workerId: string;
  limit: number;
  channel?: DeliveryChannel;
}

/** Claims up to `limit` due rows for `workerId`, oldest first, counting the attempt. */
export async function claimDueDeliveries(db: Kysely<Database>, claim: Claim) {
  let due = db
    .selectFrom("outbox")
    .select("id")
    .where("sentAt", "is", null)
    .where("cancelledAt", "is", null)
    .where("nextAttemptAt", "<=", claim.now)
    .where((eb) => eb.or([eb("claimedUntil", "is", null), eb("claimedUntil", "<", claim.now)]))
    .orderBy("nextAttemptAt")
    .orderBy("id")
    .limit(claim.limit);
  if (claim.channel) due = due.where("channel", "=", claim.channel);
  const rows = await db
    .updateTable("outbox")
    .set((eb) => ({ claimedUntil: claim.leaseUntil, leasedBy: claim.workerId, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", skipLockedRows(db, due))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}
export type ClaimedDelivery = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

/** Marks a claimed row sent, only while this worker still holds it (its lease has not passed on). */
export async function markDelivered(db: Kysely<Database>, id: number, workerId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ sentAt: now, claimedUntil: null, lastError: null })
    .where("id", "=", id)
    .where("leasedBy", "=", workerId)
    .where("sentAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records why a try failed and when to try again; the row stays in the outbox. */
export async function markFailed(db: Kysely<Database>, id: number, workerId: string, error: string, nextAttemptAt: string) {
  await db
    .updateTable("outbox")
    .set({ lastError: error.slice(0, 2_000), nextAttemptAt, claimedUntil: null })
    .where("id", "=", id)
    .where("leasedBy", "=", workerId)
    .where("sentAt", "is", null)
    .execute();
}

/** A delivery that will never be made, with the reason kept in lastError. */
export async function cancelDelivery(db: Kysely<Database>, id: number, workerId: string, reason: string, now: string) {
  await db
    .updateTable("outbox")
    .set({ cancelledAt: now, lastError: reason, claimedUntil: null })
    .where("id", "=", id)
    .where("leasedBy", "=", workerId)
    .where("sentAt", "is", null)
    .execute();
}

/**
 * CONVENOR ONLY: how delivery is going, for the convenor to see a failing mail server with its
 * last error. No payloads (addresses, titles) are read here.
 */
export async function deliveryStatus(db: Kysely<Database>, failingLimit = 20) {
  const counts = await db
    .selectFrom("outbox")
    .select((eb) => [
      eb.fn.count<number | string>("id").filterWhere("sentAt", "is", null).filterWhere("cancelledAt", "is", null).as("waiting"),
      eb.fn
        .count<number | string>("id")
        .filterWhere("sentAt", "is", null)
        .filterWhere("cancelledAt", "is", null)
        .filterWhere("lastError", "is not", null)
        .as("failing"),
      eb.fn.count<number | string>("id").filterWhere("sentAt", "is not", null).as("sent"),
    ])
    .executeTakeFirstOrThrow();
  const failing = await db
    .selectFrom("outbox")
    .select(["id", "channel", "attempts", "lastError", "nextAttemptAt", "createdAt"])
    .where("sentAt", "is", null)
    .where("cancelledAt", "is", null)
    .where("lastError", "is not", null)
    .orderBy("nextAttemptAt")
    .orderBy("id")
    .limit(failingLimit)
    .execute();
  return { waiting: Number(counts.waiting), failingCount: Number(counts.failing), sent: Number(counts.sent), failing };
}

/**
 * CONVENOR ONLY ("retry now"): makes every failing delivery due now, so the worker's next run
 * tries it at once instead of waiting out its backoff. Returns how many it made due.
 */
export async function retryFailingNow(db: Kysely<Database>, now: string): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ nextAttemptAt: now })
    .where("sentAt", "is", null)
    .where("cancelledAt", "is", null)
    .where("lastError", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Puts a claimed row back until `until` without counting the claim as a try: quiet hours or a
 * rest period hold it, nothing failed.
 */
export async function holdDelivery(db: Kysely<Database>, id: number, workerId: string, until: string) {
  await db
    .updateTable("outbox")
    .set((eb) => ({ nextAttemptAt: until, claimedUntil: null, attempts: eb("attempts", "-", 1) }))
    .where("id", "=", id)
    .where("leasedBy", "=", workerId)
    .where("sentAt", "is", null)
    .execute();
}
