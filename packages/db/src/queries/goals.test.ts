import { afterEach, describe, expect, it } from "vitest";
import { makeCycle, makeGoal, makeMeasure, makeOrganisation, makeUpdate, type TempDatabase, tempDatabase } from "../test-support.ts";
import { getGoal, listGoals, listProgressUpdates, measureValueHistory, replaceSupporters } from "./goals.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function setup() {
  temp = await tempDatabase();
  return temp.db;
}

describe("listing goals by visibility", () => {
  it("never shows an observer a members-only or convenor-only goal, in lists, counts or by id", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const pub = await makeGoal(db, { cycleId: cycle.id, visibility: "public" });
    const members = await makeGoal(db, { cycleId: cycle.id, visibility: "members" });
    const convenor = await makeGoal(db, { cycleId: cycle.id, visibility: "convenor" });

    const seen = await listGoals(db, "observer", { cycleId: cycle.id });
    expect(seen.map((g) => g.id)).toEqual([pub]);
    expect(await listGoals(db, "observer", { ids: [members, convenor] })).toEqual([]);
    expect(await getGoal(db, "observer", members)).toBeUndefined();
    expect(await getGoal(db, "anonymous", convenor)).toBeUndefined();
  });

  it("shows members public and members goals, and the convenor everything", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const ids = [
      await makeGoal(db, { cycleId: cycle.id, visibility: "public" }),
      await makeGoal(db, { cycleId: cycle.id, visibility: "members" }),
      await makeGoal(db, { cycleId: cycle.id, visibility: "convenor" }),
    ];
    expect((await listGoals(db, "member", {})).map((g) => g.id)).toEqual(ids.slice(0, 2));
    expect((await listGoals(db, "convenor", {})).map((g) => g.id)).toEqual(ids);
  });

  it("filters by organisation without revealing hidden goals that organisation leads", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const org = await makeOrganisation(db);
    const pub = await makeGoal(db, { cycleId: cycle.id, visibility: "public", leadOrganisationId: org.id });
    await makeGoal(db, { cycleId: cycle.id, visibility: "members", leadOrganisationId: org.id });
    const supported = await makeGoal(db, { cycleId: cycle.id, visibility: "public" });
    await replaceSupporters(db, supported, [org.id]);
    expect((await listGoals(db, "observer", { organisationId: org.id })).map((g) => g.id)).toEqual([pub, supported]);
  });

  it("does not show an observer values from members-only updates on a public goal", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const goal = await makeGoal(db, { cycleId: cycle.id, visibility: "public" });
    const measure = await makeMeasure(db, goal, 0, 10);
    await makeUpdate(db, goal, { visibility: "members", values: [{ measureId: measure.id, value: 8 }] });

    const [asObserver] = await listGoals(db, "observer", { ids: [goal] });
    expect(asObserver?.measures[0]).toMatchObject({ current: 0, progress: 0 });
    expect(asObserver?.progress).toBe(0);
    expect(asObserver?.lastUpdateAt).toBeNull();
    expect((await measureValueHistory(db, "observer", [goal])).map((v) => v.value)).toEqual([0]);
    expect(await listProgressUpdates(db, "observer", [goal])).toEqual([]);

    const [asMember] = await listGoals(db, "member", { ids: [goal] });
    expect(asMember?.measures[0]).toMatchObject({ current: 8, progress: 0.8 });
    expect(asMember?.lastUpdateAt).not.toBeNull();
    expect((await measureValueHistory(db, "member", [goal])).map((v) => v.value)).toEqual([0, 8]);
  });

  it("uses the latest visible value of each measure", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const goal = await makeGoal(db, { cycleId: cycle.id, visibility: "public" });
    const measure = await makeMeasure(db, goal, 0, 10);
    await makeUpdate(db, goal, {
      visibility: "public",
      values: [{ measureId: measure.id, value: 3 }],
      createdAt: "2026-02-01T00:00:00.000Z",
    });
    await makeUpdate(db, goal, {
      visibility: "convenor",
      values: [{ measureId: measure.id, value: 9 }],
      createdAt: "2026-03-01T00:00:00.000Z",
    });
    expect((await getGoal(db, "observer", goal))?.progress).toBe(0.3);
    expect((await getGoal(db, "member", goal))?.progress).toBe(0.3);
    expect((await getGoal(db, "convenor", goal))?.progress).toBe(0.9);
  });

  it("leaves soft-deleted goals out, except from the bin", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const goal = await makeGoal(db, { cycleId: cycle.id });
    await db.updateTable("goals").set({ deletedAt: new Date().toISOString() }).where("id", "=", goal).execute();
    expect(await listGoals(db, "convenor", {})).toEqual([]);
    expect((await listGoals(db, "convenor", { deleted: true })).map((g) => g.id)).toEqual([goal]);
  });

  it("finds goals by text, treating % and _ literally", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const fifty = await makeGoal(db, { cycleId: cycle.id, title: "Raise 50% of the budget" });
    await makeGoal(db, { cycleId: cycle.id, title: "Raise 500 signatures" });
    const snake = await makeGoal(db, { cycleId: cycle.id, title: "Rename early_warning" });
    await makeGoal(db, { cycleId: cycle.id, title: "Rename earlyXwarning" });
    expect((await listGoals(db, "convenor", { q: "50%" })).map((g) => g.id)).toEqual([fifty]);
    expect((await listGoals(db, "convenor", { q: "early_warning" })).map((g) => g.id)).toEqual([snake]);
    expect((await listGoals(db, "convenor", { q: "raise" })).length).toBe(2);
  });
});
