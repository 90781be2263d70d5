import { describe, expect, it } from "vitest";
import { closingWords, positionWords, quorumWords, resultWords, stancesFor } from "./proposal-format.ts";

const now = new Date("2026-12-02T10:00:00Z");

describe("proposal words", () => {
  it("says when a proposal closes", () => {
    expect(closingWords({ state: "open", closesAt: "2026-12-02T15:00:00Z" }, now)).toBe("closes in 5 hours");
    expect(closingWords({ state: "open", closesAt: "2026-12-05T10:00:00Z" }, now)).toBe("closes in 3 days");
    expect(closingWords({ state: "open", closesAt: "2026-12-01T10:00:00Z" }, now)).toBe("Closing time passed");
    expect(closingWords({ state: "withdrawn", closesAt: "2026-12-05T10:00:00Z" }, now)).toBe("Withdrawn");
  });

  it("counts the quorum in organisations", () => {
    expect(quorumWords({ organisations: 1, quorum: 10, quorumMet: false })).toBe("Quorum not reached: 1 organisation of 10 needed");
    expect(quorumWords({ organisations: 10, quorum: 10, quorumMet: true })).toBe("Quorum reached: 10 organisations of 10 needed");
  });

  it("names positions and results in words", () => {
    expect(stancesFor("sense_check")).not.toContain("block");
    expect(positionWords("choice", ["A", "B"], { stance: null, choices: [1, 0] })).toBe("B, A");
    expect(positionWords("time", ["Tue"], { stance: null, choices: [] })).toBe("None of these times");
    expect(positionWords("consent", [], { stance: "block", choices: [] })).toBe("Block");
    expect(resultWords({ kind: "leading", options: [1], count: 3 }, ["A", "B"])).toBe("Most chosen (3 organisations): B.");
    expect(resultWords({ kind: "blocked", blocks: 1 }, [])).toBe("Blocked by 1 organisation.");
  });
});
