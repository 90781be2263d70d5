import { listGoals, openDatabase } from "@convene/db";
import { describe, expect, it } from "vitest";
import { generateSyntheticCoalition } from "./synthetic-coalition.ts";

describe("synthetic coalition", () => {
  it("builds the asked-for rows, with an open latest cycle whose goals show progress", async () => {
    const { db } = await openDatabase(":memory:");
    const size = { organisations: 5, cycles: 2, goals: 20, measures: 60, updates: 100 };
    const c = await generateSyntheticCoalition(db, size, { today: "2026-11-26" });
    expect(c.rows).toMatchObject({
      organisations: 5,
      cycles: 2,
      goals: 20,
      measures: 60,
      progressUpdates: 100,
      measureValues: 60 + 100 * 3,
    });

    const cycles = await db.selectFrom("cycles").selectAll().orderBy("workshopDate").execute();
    expect(cycles.map((cy) => cy.closedAt === null)).toEqual([false, true]);
    expect(cycles.at(-1)!.id).toBe(c.latestCycleId);

    const goals = await listGoals(db, "convenor", { cycleId: c.latestCycleId });
    expect(goals).toHaveLength(10);
    expect(goals.some((g) => (g.progress ?? 0) > 0)).toBe(true);
    expect((await listGoals(db, "observer", { cycleId: c.latestCycleId })).length).toBeLessThan(goals.length);
    await db.destroy();
  });
});
