import type { RoadmapItemInput } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { makeCycle, makeGoal, type TempDatabase, tempDatabase } from "../test-support.ts";
import { dependencyEdges, getRoadmapItem, insertRoadmapItem, listRoadmapEvents, listRoadmapItems, recordRoadmapEvent } from "./roadmap.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function setup() {
  temp = await tempDatabase();
  return temp.db;
}

const item = (fields: Partial<RoadmapItemInput> = {}): RoadmapItemInput => ({
  title: "Brief the APPG",
  description: "",
  workstream: "Parliament",
  startDate: "2018-06-01",
  endDate: "2018-09-30",
  status: "planned",
  percentComplete: 0,
  dependsOn: [],
  goalId: null,
  followGoalProgress: false,
  visibility: "public",
  ...fields,
});

describe("road map items in the database", () => {
  it("filters items, dependencies, linked goals and history by the viewer, in SQL", async () => {
    const db = await setup();
    const cycle = await makeCycle(db);
    const secretGoal = await makeGoal(db, { cycleId: cycle.id, visibility: "convenor", title: "Secret goal" });
    const hidden = await insertRoadmapItem(db, item({ visibility: "convenor" }));
    const open = await insertRoadmapItem(
      db,
      item({ dependsOn: [hidden], goalId: secretGoal, followGoalProgress: true, percentComplete: 15 }),
    );
    await recordRoadmapEvent(db, { itemId: hidden, status: "done", percentComplete: 100, userId: null });
    await recordRoadmapEvent(db, { itemId: open, status: "planned", percentComplete: 15, userId: null });

    expect((await listRoadmapItems(db, "observer")).map((i) => i.id)).toEqual([open]);
    const seen = await getRoadmapItem(db, "observer", open);
    expect(seen).toMatchObject({ dependsOn: [], goal: null, goalId: null, shownPercent: 15, followGoalProgress: true });
    expect(JSON.stringify(seen)).not.toContain("Secret goal");
    expect(await getRoadmapItem(db, "member", hidden)).toBeUndefined();
    expect((await listRoadmapEvents(db, "observer")).map((e) => e.itemId)).toEqual([open]);

    const asConvenor = await getRoadmapItem(db, "convenor", open);
    expect(asConvenor).toMatchObject({ dependsOn: [hidden], goal: { id: secretGoal, title: "Secret goal" } });
    expect(await dependencyEdges(db)).toEqual(new Map([[open, [hidden]]]));
  });

  it("marks overdue work against the given day", async () => {
    const db = await setup();
    const late = await insertRoadmapItem(db, item({ status: "in_progress", endDate: "2018-09-30" }));
    const done = await insertRoadmapItem(db, item({ status: "done", endDate: "2018-09-30" }));
    const items = await listRoadmapItems(db, "convenor", {}, "2018-10-01");
    expect(items.map((i) => [i.id, i.overdue])).toEqual([
      [late, true],
      [done, false],
    ]);
  });

  it("refuses, in the schema itself, an end before the start and a dependency on itself", async () => {
    const db = await setup();
    await expect(insertRoadmapItem(db, item({ startDate: "2018-06-01", endDate: "2018-05-01" }))).rejects.toThrow(/CHECK/i);
    const id = await insertRoadmapItem(db, item());
    await expect(db.insertInto("roadmapDependencies").values({ itemId: id, dependsOnId: id }).execute()).rejects.toThrow(/CHECK/i);
  });
});
