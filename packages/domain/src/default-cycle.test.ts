import { describe, expect, it } from "vitest";
import { cycleStartLabel, cycleTiming, defaultCycle } from "./default-cycle.ts";

const y2025 = { id: 1, workshopDate: "2025-05-10", agmDate: "2026-04-30" };
const y2026 = { id: 2, workshopDate: "2026-05-09", agmDate: "2027-04-29" };
const y2027 = { id: 3, workshopDate: "2027-05-10", agmDate: "2028-04-27" };

describe("default cycle", () => {
  it("is the cycle whose workshop-to-AGM span holds today", () => {
    expect(defaultCycle([y2025, y2026, y2027], "2026-12-02")?.id).toBe(2);
  });

  it("counts the workshop day and the AGM day as inside the span", () => {
    expect(defaultCycle([y2025, y2027], "2027-05-10")?.id).toBe(3);
    expect(defaultCycle([y2025, y2027], "2026-04-30")?.id).toBe(1);
  });

  it("does not move onto next year's cycle created early", () => {
    expect(defaultCycle([y2027, y2026], "2027-01-15")?.id).toBe(2);
  });

  it("falls back to the most recent past cycle between an AGM and the next workshop", () => {
    expect(defaultCycle([y2025, y2027], "2026-06-01")?.id).toBe(1);
    expect(defaultCycle([y2026, y2025], "2027-05-01")?.id).toBe(2);
  });

  it("takes a future cycle only when nothing else exists, the soonest first", () => {
    expect(defaultCycle([y2027, y2026], "2026-01-01")?.id).toBe(2);
  });

  it("prefers the later-starting cycle when spans overlap", () => {
    const demo = { id: 9, workshopDate: "2026-11-01", agmDate: "2027-06-30" };
    expect(defaultCycle([y2026, demo], "2026-12-02")?.id).toBe(9);
  });

  it("has nothing to choose from an empty list", () => {
    expect(defaultCycle([], "2026-12-02")).toBeUndefined();
  });
});

describe("cycle timing", () => {
  it("names a cycle past, current or future against today", () => {
    expect(cycleTiming(y2025, "2026-12-02")).toBe("past");
    expect(cycleTiming(y2026, "2026-12-02")).toBe("current");
    expect(cycleTiming(y2027, "2026-12-02")).toBe("future");
  });

  it("labels only a future cycle with its start", () => {
    expect(cycleStartLabel(y2027, "2026-12-02")).toBe("starts 10 May 2027");
    expect(cycleStartLabel(y2026, "2026-12-02")).toBeNull();
  });
});
