import { decisionInputSchema, proposalOutcomeSchema } from "@convene/domain";
import { describe, expect, it } from "vitest";
import { emptyGoalEffect, type GoalEffectValues, goalEffectOf, goalEffectSchema } from "./goal-effect-fields.tsx";

const goals = { current: [{ id: 7, version: 3 }] };
const meeting = goalEffectSchema((v) => ({ text: v.text, ...goalEffectOf(v, goals) }), decisionInputSchema, {
  effectAt: null,
  textAt: "text",
});
const outcome = goalEffectSchema((v) => ({ version: 2, outcome: v.text, decision: goalEffectOf(v, goals) }), proposalOutcomeSchema, {
  effectAt: "decision",
  textAt: "outcome",
});

/** The form's fields each problem is shown beside, with its words. */
function problems(schema: typeof meeting, v: GoalEffectValues) {
  const result = schema.safeParse(v);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("what a decision does to a goal, as both forms check it", () => {
  it("puts the same problems beside the same fields in a meeting's decision and a proposal's outcome", () => {
    const v: GoalEffectValues = { ...emptyGoalEffect(1), action: "create_goal", text: "Agreed" };
    expect(problems(meeting, v)).toEqual(problems(outcome, v));
    expect(problems(outcome, v).some((p) => p.startsWith("title: "))).toBe(true);
    expect(problems(outcome, { ...v, text: "" })).toContain("text: Enter the outcome");
  });

  it("says in words which goal or cycle to choose, where the API could only name a missing number", () => {
    expect(problems(outcome, { ...emptyGoalEffect(1), action: "change_goal", text: "x", status: "dropped" })).toEqual([
      "goalId: Choose the goal this decision changes",
    ]);
    expect(problems(meeting, { ...emptyGoalEffect(null), action: "create_goal", text: "x", title: "A goal" })).toEqual([
      "cycleId: Choose the cycle the goal belongs to",
    ]);
  });

  it("sends the chosen goal's version as loaded, and only what changes", () => {
    const v: GoalEffectValues = { ...emptyGoalEffect(1, { goalId: 7 }), action: "change_goal", status: "at_risk" };
    expect(goalEffectOf(v, goals)).toEqual({ action: "change_goal", goalId: 7, goalVersion: 3, status: "at_risk" });
    expect(problems(outcome, { ...v, text: "x" })).toEqual([]);
    expect(goalEffectOf(emptyGoalEffect(1, { text: "x" }), goals)).toEqual({ action: "none" });
  });
});
