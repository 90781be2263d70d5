/** The road map's pure rules: its schemas, dependency loops, overdue work and progress over time. */
import { describe, expect, it } from "vitest";
import {
  findDependencyCycle,
  isOverdue,
  roadmapItemInputSchema,
  roadmapItemPatchSchema,
  roadmapProgressOverTime,
  roadmapSampleStep,
  shownPercent,
} from "./index.ts";

const base = { title: "Brief the APPG", workstream: "Parliament", startDate: "2018-06-01", endDate: "2018-09-30" };
const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.join("."));

describe("road map item schemas", () => {
  it("accept a plain item with defaults", () => {
    const parsed = roadmapItemInputSchema.parse(base);
    expect(parsed).toMatchObject({ status: "planned", percentComplete: 0, dependsOn: [], goalId: null, visibility: "members" });
  });

  it("refuse an end before the start, naming endDate", () => {
    expect(fields(roadmapItemInputSchema.safeParse({ ...base, endDate: "2018-05-31" }))).toEqual(["endDate"]);
    expect(fields(roadmapItemPatchSchema.safeParse({ version: 1, startDate: "2019-01-02", endDate: "2019-01-01" }))).toEqual(["endDate"]);
  });

  it("accept an item of one day", () => {
    expect(roadmapItemInputSchema.safeParse({ ...base, endDate: base.startDate }).success).toBe(true);
  });

  it.each([-1, 101, 12.5])("refuse percent complete %j", (percentComplete) => {
    expect(fields(roadmapItemInputSchema.safeParse({ ...base, percentComplete }))).toEqual(["percentComplete"]);
  });

  it("refuse an unknown status, a repeated dependency and following no goal", () => {
    expect(fields(roadmapItemInputSchema.safeParse({ ...base, status: "finished" }))).toEqual(["status"]);
    expect(fields(roadmapItemInputSchema.safeParse({ ...base, dependsOn: [2, 2] }))).toEqual(["dependsOn"]);
    expect(fields(roadmapItemInputSchema.safeParse({ ...base, followGoalProgress: true }))).toEqual(["followGoalProgress"]);
    expect(roadmapItemInputSchema.safeParse({ ...base, goalId: 4, followGoalProgress: true }).success).toBe(true);
  });
});

describe("findDependencyCycle", () => {
  const edges = new Map<number, number[]>([
    [1, []],
    [2, [1]],
    [3, [2]],
    [4, [3, 1]],
  ]);

  it("finds no loop in a chain", () => {
    expect(findDependencyCycle(edges, 5, [4, 2])).toBeNull();
    expect(findDependencyCycle(edges, 4, [3])).toBeNull();
  });

  it("refuses an item depending on itself", () => {
    expect(findDependencyCycle(edges, 2, [2])).toEqual([2, 2]);
  });

  it("finds a direct loop", () => {
    expect(findDependencyCycle(edges, 1, [2])).toEqual([1, 2, 1]);
  });

  it("finds a long loop and names its path", () => {
    expect(findDependencyCycle(edges, 1, [4])).toEqual([1, 4, 3, 2, 1]);
  });

  it("copes with a diamond without reporting a loop", () => {
    const diamond = new Map<number, number[]>([
      [1, []],
      [2, [1]],
      [3, [1]],
      [4, [2, 3]],
    ]);
    expect(findDependencyCycle(diamond, 5, [4, 2, 3])).toBeNull();
  });
});

describe("isOverdue", () => {
  it("marks unfinished work whose end date has passed", () => {
    expect(isOverdue({ endDate: "2026-01-01", status: "in_progress" }, "2026-01-02")).toBe(true);
    expect(isOverdue({ endDate: "2026-01-01", status: "blocked" }, "2026-01-02")).toBe(true);
    expect(isOverdue({ endDate: "2026-01-01", status: "planned" }, "2026-01-02")).toBe(true);
  });

  it("leaves done, dropped and still-running work alone", () => {
    expect(isOverdue({ endDate: "2026-01-01", status: "done" }, "2026-01-02")).toBe(false);
    expect(isOverdue({ endDate: "2026-01-01", status: "dropped" }, "2026-01-02")).toBe(false);
    expect(isOverdue({ endDate: "2026-01-02", status: "in_progress" }, "2026-01-02")).toBe(false);
  });

  it("does not flag work at 100 % whose status was left in progress", () => {
    expect(isOverdue({ endDate: "2026-01-01", status: "in_progress", shownPercent: 100 }, "2026-01-02")).toBe(false);
    expect(isOverdue({ endDate: "2026-01-01", status: "in_progress", shownPercent: 99 }, "2026-01-02")).toBe(true);
  });
});

describe("shownPercent", () => {
  it("follows the linked goal's progress only when asked and when it is known", () => {
    expect(shownPercent({ percentComplete: 10, followGoalProgress: true }, 0.456)).toBe(46);
    expect(shownPercent({ percentComplete: 10, followGoalProgress: false }, 0.456)).toBe(10);
    expect(shownPercent({ percentComplete: 10, followGoalProgress: true }, null)).toBe(10);
  });
});

describe("roadmapProgressOverTime", () => {
  const items = [
    { id: 1, endDate: "2018-03-31", status: "done" as const },
    { id: 2, endDate: "2018-06-30", status: "done" as const },
    { id: 3, endDate: "2018-09-30", status: "in_progress" as const },
    { id: 4, endDate: "2018-12-31", status: "planned" as const },
    { id: 5, endDate: "2018-02-01", status: "dropped" as const },
  ];
  const events = [
    { itemId: 1, at: "2018-01-05T10:00:00.000Z", status: "planned" as const },
    { itemId: 2, at: "2018-01-05T10:00:00.000Z", status: "planned" as const },
    { itemId: 1, at: "2018-04-10T09:00:00.000Z", status: "done" as const },
    { itemId: 2, at: "2018-06-15T09:00:00.000Z", status: "in_progress" as const },
    { itemId: 2, at: "2018-07-02T09:00:00.000Z", status: "done" as const },
    { itemId: 3, at: "2018-07-03T09:00:00.000Z", status: "done" as const },
    { itemId: 3, at: "2018-08-01T09:00:00.000Z", status: "in_progress" as const },
    { itemId: 5, at: "2018-01-06T09:00:00.000Z", status: "done" as const },
  ];

  it("draws planned from end dates and actual from the history, leaving dropped items out", () => {
    const points = roadmapProgressOverTime(items, events, [
      "2018-01-01",
      "2018-04-01",
      "2018-04-10",
      "2018-07-05",
      "2018-08-31",
      "2019-01-01",
    ]);
    expect(points).toEqual([
      { date: "2018-01-01", planned: 0, actual: 0 },
      { date: "2018-04-01", planned: 0.25, actual: 0 },
      { date: "2018-04-10", planned: 0.25, actual: 0.25 },
      { date: "2018-07-05", planned: 0.5, actual: 0.75 },
      // Item 3 was reopened: the history, not today's status, decides each date.
      { date: "2018-08-31", planned: 0.5, actual: 0.5 },
      { date: "2019-01-01", planned: 1, actual: 0.5 },
    ]);
  });

  it("gives zeros when there is nothing to count", () => {
    expect(roadmapProgressOverTime([], [], ["2018-01-01"])).toEqual([{ date: "2018-01-01", planned: 0, actual: 0 }]);
  });

  it("samples long ranges more sparsely", () => {
    expect(roadmapSampleStep("2018-01-01", "2018-03-01")).toBe(7);
    expect(roadmapSampleStep("2018-01-01", "2027-12-31")).toBeGreaterThan(50);
  });
});
