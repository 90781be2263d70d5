import { describe, expect, it } from "vitest";
import {
  positionInputSchema,
  positionProblem,
  positionRefusal,
  proposalInputSchema,
  proposalResult,
  quorumMet,
  tallyPositions,
} from "./proposal.ts";

const now = new Date("2026-12-01T12:00:00.000Z");

describe("proposal input", () => {
  it("asks for the question in plain words", () => {
    const r = proposalInputSchema.safeParse({ kind: "consent", closesAt: "2026-12-08T12:00:00Z", quorum: 10 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual(["question", "Enter the question"]);
  });
  it("needs two options to choose between", () => {
    const r = proposalInputSchema.safeParse({ question: "Q", kind: "choice", options: ["A"], closesAt: "2026-12-08T12:00:00Z", quorum: 1 });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Give at least two options"]);
  });
});

describe("positions", () => {
  it("refuses a block with no reason", () => {
    const r = positionInputSchema.safeParse({ stance: "block" });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "Give a reason for blocking"]]);
    expect(positionInputSchema.safeParse({ stance: "block", reason: "It would endanger partners" }).success).toBe(true);
  });
  it("are refused once the proposal is closed, withdrawn or past its closing time", () => {
    expect(positionRefusal({ state: "open", closesAt: "2026-12-01T12:00:01.000Z" }, now)).toBeNull();
    expect(positionRefusal({ state: "open", closesAt: "2026-12-01T12:00:00.000Z" }, now)?.code).toBe("proposal_closed");
    expect(positionRefusal({ state: "closed", closesAt: "2027-01-01T00:00:00.000Z" }, now)?.code).toBe("proposal_closed");
    expect(positionRefusal({ state: "withdrawn", closesAt: "2027-01-01T00:00:00.000Z" }, now)?.code).toBe("proposal_withdrawn");
  });
  it("must fit the kind of proposal", () => {
    expect(positionProblem("consent", 0, { choices: [] })?.field).toBe("stance");
    expect(positionProblem("sense_check", 0, { stance: "block", choices: [] })?.field).toBe("stance");
    expect(positionProblem("choice", 3, { choices: [] })?.field).toBe("choices");
    expect(positionProblem("choice", 3, { choices: [3] })?.field).toBe("choices");
    expect(positionProblem("time", 3, { choices: [] })).toBeNull();
    expect(positionProblem("choice", 3, { choices: [0, 2] })).toBeNull();
  });
});

describe("quorum and tally", () => {
  it("counts organisations, abstentions included", () => {
    expect(quorumMet(9, 10)).toBe(false);
    expect(quorumMet(10, 10)).toBe(true);
    const positions = [...Array(9)].map(() => ({ stance: "agree" as const, choices: [] }));
    expect(tallyPositions(positions, 10, 0).quorumMet).toBe(false);
    const t = tallyPositions([...positions, { stance: "abstain", choices: [] }], 10, 0);
    expect(t).toMatchObject({ organisations: 10, quorumMet: true, stances: { agree: 9, abstain: 1, disagree: 0, block: 0 } });
  });
  it("gives an outcome shape for each kind", () => {
    const agree = { stance: "agree" as const, choices: [] };
    expect(proposalResult("consent", tallyPositions([agree], 2, 0))).toEqual({ kind: "no_quorum", organisations: 1, quorum: 2 });
    expect(proposalResult("consent", tallyPositions([agree, agree], 2, 0))).toEqual({ kind: "consent_given" });
    expect(proposalResult("consent", tallyPositions([agree, { stance: "block", choices: [] }], 2, 0))).toEqual({
      kind: "blocked",
      blocks: 1,
    });
    const pick = (...choices: number[]) => ({ stance: null, choices });
    expect(proposalResult("time", tallyPositions([pick(0, 1), pick(1, 2), pick(0, 1)], 3, 3))).toEqual({
      kind: "leading",
      options: [1],
      count: 3,
    });
  });
});
