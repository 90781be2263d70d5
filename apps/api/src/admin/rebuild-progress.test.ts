import { answersVersion, openDatabase } from "@convene/db";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run.ts";
import { recordedIo, tempContext } from "./test-io.ts";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
});
afterEach(() => ctx.cleanup());

async function run(...argv: string[]) {
  const io = recordedIo();
  const code = await runCli(argv, io, ctx);
  return { code, out: io.out(), err: io.err() };
}

/** The stored figures, in key order, the cycle sums rounded (adding and taking away leaves the last bits). */
async function stored() {
  const { db } = await openDatabase(ctx.databasePath);
  try {
    const rows = async (table: string, key: string) =>
      (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(key)}`.execute(db)).rows.map((r) =>
        typeof r.total === "number" ? { ...r, total: Math.round(r.total * 1e9) / 1e9 } : r,
      );
    return {
      measures: await rows("storedMeasureProgress", `"measureId", "level"`),
      goals: await rows("storedGoalProgress", `"goalId", "level"`),
      series: await rows("storedGoalSeries", `"goalId", "level", "date"`),
      cycles: await rows("storedCycleProgress", `"cycleId", "level", "date"`),
      version: await answersVersion(db),
    };
  } finally {
    await db.destroy();
  }
}

describe("rebuild-progress", () => {
  it("recomputes what seeding kept, the same figures, and bumps the answers' version", async () => {
    expect((await run("seed", "--demo")).code).toBe(0);
    expect((await run("rebuild-progress")).code).toBe(0);
    const kept = await stored();
    expect(kept.goals.length).toBeGreaterThan(0);
    expect(kept.cycles.length).toBeGreaterThan(0);

    // Figures lost (a hand edit, an old dump restored by other means) come back from the history.
    const { db } = await openDatabase(ctx.databasePath);
    await db.deleteFrom("storedGoalSeries").execute();
    await db.updateTable("storedCycleProgress").set({ total: 0, goals: 0 }).execute();
    await db.destroy();

    const result = await run("rebuild-progress");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Rebuilt the stored progress of \d+ goals in \d+ cycles from their history in [\d.]+ s\.\n$/);
    const rebuilt = await stored();
    expect({ ...rebuilt, version: 0 }).toEqual({ ...kept, version: 0 });
    expect(rebuilt.version).toBeGreaterThan(kept.version!);
  });

  it("keeps the demo seed's figures right without a rebuild", async () => {
    expect((await run("seed", "--demo")).code).toBe(0);
    const seeded = await stored();
    expect((await run("rebuild-progress")).code).toBe(0);
    const { version: _a, ...before } = seeded;
    const { version: _b, ...after } = await stored();
    expect(after).toEqual(before);
  });

  it("is listed in the usage and refuses options", async () => {
    expect((await run("help")).out).toMatch(/rebuild-progress/);
    expect((await run("rebuild-progress", "--force")).code).toBe(2);
  });
});
