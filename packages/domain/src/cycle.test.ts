import { describe, expect, it } from "vitest";
import { cycleWords, defaultCycleName } from "./cycle.ts";

describe("naming a cycle in a sentence", () => {
  it("adds 'cycle' to a bare name, and never says it twice", () => {
    expect(cycleWords(defaultCycleName("2026-09-01", "2027-06-30"))).toBe("2026–27 cycle");
    expect(cycleWords("Demo cycle (sample data)")).toBe("Demo cycle (sample data)");
    expect(cycleWords("Bicycle fund")).toBe("Bicycle fund cycle");
  });
});
