import { describe, expect, it } from "vitest";
import { type CompareGoal, compareGoals, defaultSince } from "./compare.ts";

const measure = {
  id: 1,
  goalId: 1,
  name: "Briefings",
  unit: "",
  version: 1,
  kind: "numeric" as const,
  baseline: 0,
  target: 10,
  current: 8,
  weight: 1,
  progress: 0.8,
  updatedAt: null,
};
const goal = (over: Partial<CompareGoal>): CompareGoal => ({
  id: 1,
  title: "Goal",
  status: "on_track",
  themeName: null,
  leadName: null,
  createdAt: "2026-01-10T09:00:00Z",
  copiedFromGoalId: null,
  measures: [measure],
  ...over,
});

describe("compareGoals", () => {
  it("replays the value history to give progress then and now, and marks new goals", () => {
    const result = compareGoals({
      goals: [goal({}), goal({ id: 2, title: "Later", createdAt: "2026-06-01T00:00:00Z", measures: [{ ...measure, id: 2, goalId: 2 }] })],
      history: [
        { goalId: 1, measureId: 1, value: 0, recordedAt: "2026-01-10T09:00:00Z" },
        { goalId: 1, measureId: 1, value: 2, recordedAt: "2026-03-01T09:00:00Z" },
        { goalId: 1, measureId: 1, value: 8, recordedAt: "2026-09-01T09:00:00Z" },
        { goalId: 2, measureId: 2, value: 5, recordedAt: "2026-06-01T09:00:00Z" },
      ],
      sourceMeasures: new Map(),
      since: "2026-04-01",
      now: "2026-10-01",
    });
    expect(result.goals[0]).toMatchObject({ before: 0.2, after: 0.8, isNew: false });
    expect(result.goals[0]!.change).toBeCloseTo(0.6);
    expect(result.goals[1]).toMatchObject({ before: null, after: 0.5, change: null, isNew: true });
    expect(result.newGoals).toEqual([{ id: 2, title: "Later" }]);
    expect(result.summary).toMatchObject({ before: 0.2, after: 0.65, improved: 1, fell: 0 });
  });

  it("takes a carried-forward goal's 'before' from the goal it was copied from", () => {
    const result = compareGoals({
      goals: [goal({ id: 5, copiedFromGoalId: 4, createdAt: "2027-01-10T00:00:00Z", measures: [{ ...measure, id: 50, goalId: 5 }] })],
      history: [
        { goalId: 4, measureId: 40, value: 3, recordedAt: "2026-11-01T00:00:00Z" },
        { goalId: 5, measureId: 50, value: 6, recordedAt: "2027-01-10T00:00:00Z" },
      ],
      sourceMeasures: new Map([[4, [{ ...measure, id: 40, goalId: 4 }]]]),
      since: "2026-12-10",
      now: "2027-02-01",
    });
    expect(result.goals[0]).toMatchObject({ before: 0.3, after: 0.6, carriedForward: true, isNew: true });
    expect(result.newGoals).toEqual([]);
  });
});

describe("defaultSince", () => {
  it("is the previous cycle's AGM, or this cycle's workshop when there is none", () => {
    const a = { id: 1, workshopDate: "2025-01-10", agmDate: "2025-12-05" };
    const b = { id: 2, workshopDate: "2026-01-10", agmDate: "2026-12-10" };
    expect(defaultSince(b, [a, b])).toEqual({ date: "2025-12-05", basis: "previous_agm" });
    expect(defaultSince(a, [a, b])).toEqual({ date: "2025-01-10", basis: "workshop" });
  });
});

describe("compareGoals: new milestones", () => {
  it("keeps the milestones dated after 'since' and up to 'now', oldest first", () => {
    const m = (id: number, date: string) => ({ id, title: `M${id}`, kind: "statement" as const, date, datePrecision: "day" as const });
    const result = compareGoals({
      goals: [],
      history: [],
      sourceMeasures: new Map(),
      since: "2026-04-01",
      now: "2026-10-01",
      milestones: [m(1, "2026-04-01"), m(2, "2026-09-01"), m(3, "2026-05-01"), m(4, "2026-10-01"), m(5, "2026-10-02")],
    });
    expect(result.newMilestones.map((x) => x.id)).toEqual([3, 2, 4]);
  });
});
