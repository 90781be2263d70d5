import { DEMO_CYCLE_NAME, openDatabase } from "@convene/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cycleOverview } from "../services/overview.ts";
import { runCli } from "./run.ts";
import { recordedIo, tempContext } from "./test-io.ts";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
});
afterEach(() => ctx.cleanup());

async function seed(...args: string[]) {
  const io = recordedIo();
  const code = await runCli(["seed", ...args], io, ctx);
  return { code, out: io.out(), err: io.err() };
}

async function counts() {
  const { db } = await openDatabase(ctx.databasePath);
  try {
    const n = async (t: "organisations" | "themes" | "cycles" | "goals" | "measures" | "progressUpdates" | "measureValues") =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      organisations: await n("organisations"),
      themes: await n("themes"),
      cycles: await n("cycles"),
      goals: await n("goals"),
      measures: await n("measures"),
      updates: await n("progressUpdates"),
      values: await n("measureValues"),
    };
  } finally {
    await db.destroy();
  }
}

describe("admin seed", () => {
  it("loads the group's public record once", async () => {
    const first = await seed();
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toMatch(/: 19 organisations and 5 themes added/);
    expect((await seed()).out).toMatch(/: 0 organisations and 0 themes added/);
    expect(await counts()).toMatchObject({ organisations: 19, themes: 5, cycles: 0, goals: 0 });
  });

  it("--demo adds the labelled demo cycle once, however often it runs", async () => {
    const first = await seed("--demo");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/added "Demo cycle \(sample data\)" with \d+ sample goals and \d+ backdated updates\.\n$/);
    const after = await counts();
    expect(after.goals).toBeGreaterThanOrEqual(10);
    expect(after.goals).toBeLessThanOrEqual(14);

    const second = await seed("--demo");
    expect(second.out).toMatch(/"Demo cycle \(sample data\)" was already there, so nothing was added to it\.\n$/);
    expect(await counts()).toEqual(after);
  });

  it("--demo goals say they are samples, mix visibilities, and chart a rising line with some goals behind", async () => {
    await seed("--demo");
    const { db } = await openDatabase(ctx.databasePath);
    try {
      const cycle = await db.selectFrom("cycles").selectAll().where("name", "=", DEMO_CYCLE_NAME).executeTakeFirstOrThrow();
      const goals = await db.selectFrom("goals").selectAll().where("cycleId", "=", cycle.id).execute();
      for (const g of goals) expect(`${g.title} ${g.description}`).toMatch(/sample/i);
      expect(new Set(goals.map((g) => g.visibility))).toEqual(new Set(["public", "members", "convenor"]));
      expect(goals.map((g) => g.status)).toEqual(expect.arrayContaining(["on_track", "at_risk", "off_track", "achieved"]));
      expect(goals.every((g) => g.leadOrganisationId !== null && g.themeId !== null)).toBe(true);

      const today = new Date().toISOString().slice(0, 10);
      const overview = await cycleOverview(db, "convenor", { ...cycle, state: "open" }, today);
      const line = overview.progressOverTime.map((p) => p.progress).filter((p): p is number => p !== null);
      expect(line.length).toBeGreaterThan(20);
      expect(line.at(-1)!).toBeGreaterThan(line[0]! + 0.3);
      expect(overview.headline.needingAttention).toBeGreaterThan(0);

      // An observer sees only the public goals, and fewer values behind them.
      const observer = await cycleOverview(db, "observer", { ...cycle, state: "open" }, today);
      expect(observer.headline.goals).toBe(goals.filter((g) => g.visibility === "public").length);
    } finally {
      await db.destroy();
    }
  });
});
