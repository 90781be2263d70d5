/**
 * Counting attempts in fixed windows, in the `rateLimit` table every API instance shares. For
 * these keys `lastRequest` holds when the current window began, so the wait left is exact.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export interface AttemptRule {
  windowSeconds: number;
  max: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt under `key`, or refuses it with the seconds left in the window. Each write
 * is conditional on the row read, so two instances counting at once never both slip past `max`.
 */
export async function consumeAttempt(db: Kysely<Database>, key: string, rule: AttemptRule, now = Date.now()): Promise<AttemptDecision> {
  const windowMs = rule.windowSeconds * 1000;
  for (let tries = 0; tries < 5; tries++) {
    const row = await db.selectFrom("rateLimit").select(["count", "lastRequest"]).where("key", "=", key).executeTakeFirst();
    if (!row) {
      const made = await db
        .insertInto("rateLimit")
        .values({ id: randomUUID(), key, count: 1, lastRequest: now })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      if (Number(made.numInsertedOrUpdatedRows ?? 0) > 0) return { allowed: true };
      continue;
    }
    const started = Number(row.lastRequest);
    if (now - started >= windowMs) {
      const reset = await db
        .updateTable("rateLimit")
        .set({ count: 1, lastRequest: now })
        .where("key", "=", key)
        .where("lastRequest", "=", started)
        .executeTakeFirst();
      if (Number(reset.numUpdatedRows) > 0) return { allowed: true };
      continue;
    }
    const counted = await db
      .updateTable("rateLimit")
      .set((eb) => ({ count: eb("count", "+", 1) }))
      .where("key", "=", key)
      .where("lastRequest", "=", started)
      .where("count", "<", rule.max)
      .executeTakeFirst();
    if (Number(counted.numUpdatedRows) > 0) return { allowed: true };
    const again = await db.selectFrom("rateLimit").select("lastRequest").where("key", "=", key).executeTakeFirst();
    // Another instance began a new window meanwhile: count again in it.
    if (!again || Number(again.lastRequest) !== started) continue;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((started + windowMs - now) / 1000)) };
  }
  // Contention this high is itself a flood: refuse for the whole window.
  return { allowed: false, retryAfterSeconds: rule.windowSeconds };
}
