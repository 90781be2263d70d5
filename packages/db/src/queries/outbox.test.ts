import { afterEach, describe, expect, it } from "vitest";
import { engineOf, skipLockedRows } from "../engine.ts";
import { type TempDatabase, tempDatabase } from "../test-support.ts";
import { cancelDelivery, claimDueDeliveries, markDelivered, markFailed } from "./outbox.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 9, minutes)).toISOString();
const claim = (workerId: string, now: string, limit = 10) =>
  claimDueDeliveries(temp!.db, { now, leaseUntil: at(Number(now.slice(14, 16)) + 5), workerId, limit });

async function queue(count: number, nextAttemptAt = at(0)) {
  for (let i = 0; i < count; i += 1)
    await temp!.db.insertInto("outbox").values({ channel: "email", payload: "{}", nextAttemptAt }).execute();
}

describe("the outbox", () => {
  it("lets one worker hold a row until it marks it or its lease runs out", async () => {
    temp = await tempDatabase();
    await queue(3);
    const first = await claim("a", at(1), 2);
    expect(first.map((r) => [r.leasedBy, r.attempts])).toEqual([
      ["a", 1],
      ["a", 1],
    ]);
    // Another worker gets only the row not yet claimed.
    const second = await claim("b", at(1));
    expect(second.map((r) => r.id)).toEqual([3]);
    expect(await claim("b", at(2))).toEqual([]);

    // A worker that no longer holds a row cannot mark it.
    expect(await markDelivered(temp.db, first[0]!.id, "b", at(2))).toBe(false);
    expect(await markDelivered(temp.db, first[0]!.id, "a", at(2))).toBe(true);
    // Worker a stops without marking its second row: once the lease ends, b claims it again.
    const reclaimed = await claim("b", at(7));
    expect(reclaimed.map((r) => [r.id, r.leasedBy, r.attempts])).toEqual([
      [first[1]!.id, "b", 2],
      [3, "b", 2],
    ]);
  });

  it("holds a failed row back until its next attempt, keeping the error", async () => {
    temp = await tempDatabase();
    await queue(1);
    const [row] = await claim("a", at(1));
    await markFailed(temp.db, row!.id, "a", "connection refused", at(10));
    expect(await claim("a", at(9))).toEqual([]);
    const [again] = await claim("a", at(10));
    expect(again).toMatchObject({ id: row!.id, attempts: 2, lastError: "connection refused", sentAt: null });
  });

  it("never claims a row not yet due, sent or cancelled", async () => {
    temp = await tempDatabase();
    await queue(1, at(30));
    await queue(2);
    const [a, b] = await claim("a", at(1));
    await markDelivered(temp.db, a!.id, "a", at(1));
    await cancelDelivery(temp.db, b!.id, "a", "Email is not set up", at(1));
    expect(await claim("b", at(20))).toEqual([]);
    expect((await claim("b", at(30))).map((r) => r.id)).toEqual([1]);
  });

  it("claims with FOR UPDATE SKIP LOCKED on PostgreSQL only", async () => {
    temp = await tempDatabase();
    const { sql } = skipLockedRows(temp.db, temp.db.selectFrom("outbox").select("id")).compile();
    if (engineOf(temp.db) === "postgres") expect(sql).toMatch(/for update skip locked$/);
    else expect(sql).not.toMatch(/for update/);
  });
});
