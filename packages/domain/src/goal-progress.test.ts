import { describe, expect, it } from "vitest";
import { goalProgress, type MeasureFacts, meanProgress, measureProgress, percent } from "./index.ts";

const numeric = (baseline: number, target: number, current: number | null, weight = 1): MeasureFacts => ({
  kind: "numeric",
  baseline,
  target,
  current,
  weight,
});
const milestone = (done: boolean | null, weight = 1): MeasureFacts => ({
  kind: "milestone",
  baseline: 0,
  target: 1,
  current: done === null ? null : done ? 1 : 0,
  weight,
});

describe("measure progress", () => {
  it("is the share of the way from baseline to target", () => {
    expect(measureProgress(numeric(0, 10, 4))).toBe(0.4);
    expect(measureProgress(numeric(20, 30, 25))).toBe(0.5);
  });

  it("works the same for a falling target (fewer is better)", () => {
    expect(measureProgress(numeric(100, 50, 75))).toBe(0.5);
    expect(measureProgress(numeric(100, 50, 50))).toBe(1);
    expect(measureProgress(numeric(100, 50, 100))).toBe(0);
  });

  it("is clamped between 0 and 1", () => {
    expect(measureProgress(numeric(0, 10, 15))).toBe(1);
    expect(measureProgress(numeric(0, 10, -5))).toBe(0);
    expect(measureProgress(numeric(100, 50, 120))).toBe(0);
    expect(measureProgress(numeric(100, 50, 10))).toBe(1);
  });

  it("counts a milestone as done (1) or not done (0)", () => {
    expect(measureProgress(milestone(true))).toBe(1);
    expect(measureProgress(milestone(false))).toBe(0);
  });

  it("says nothing (null) when there is no value yet", () => {
    expect(measureProgress(numeric(0, 10, null))).toBeNull();
    expect(measureProgress(milestone(null))).toBeNull();
  });

  it("says nothing when the baseline equals the target or either is missing", () => {
    expect(measureProgress(numeric(5, 5, 5))).toBeNull();
    expect(measureProgress({ kind: "numeric", baseline: null, target: 10, current: 5, weight: 1 })).toBeNull();
    expect(measureProgress({ kind: "numeric", baseline: 0, target: null, current: 5, weight: 1 })).toBeNull();
  });
});

describe("goal progress", () => {
  it("is the weighted mean of its measures' progress", () => {
    expect(goalProgress([numeric(0, 10, 10, 3), numeric(0, 10, 0, 1)])).toBe(0.75);
    expect(goalProgress([milestone(true, 1), numeric(0, 100, 50, 1)])).toBe(0.75);
  });

  it("ignores measures with zero weight", () => {
    expect(goalProgress([numeric(0, 10, 10, 1), numeric(0, 10, 0, 0)])).toBe(1);
  });

  it("ignores measures with no value yet", () => {
    expect(goalProgress([numeric(0, 10, 5, 1), numeric(0, 10, null, 5)])).toBe(0.5);
  });

  it("counts a done milestone fully and an open one as nothing", () => {
    expect(goalProgress([milestone(true), milestone(false)])).toBe(0.5);
  });

  it("clamps each measure before averaging, so overshooting one cannot hide another", () => {
    expect(goalProgress([numeric(0, 10, 30), numeric(0, 10, 0)])).toBe(0.5);
  });

  it("is null with no measures, or none that count", () => {
    expect(goalProgress([])).toBeNull();
    expect(goalProgress([numeric(0, 10, 5, 0)])).toBeNull();
    expect(goalProgress([numeric(0, 10, null)])).toBeNull();
  });
});

describe("mean progress and percent", () => {
  it("averages only the values that exist", () => {
    expect(meanProgress([0.2, null, 0.4])).toBeCloseTo(0.3);
    expect(meanProgress([null, null])).toBeNull();
    expect(meanProgress([])).toBeNull();
  });

  it("shows a rounded percentage, or a dash for no progress", () => {
    expect(percent(0.584)).toBe("58 %");
    expect(percent(0)).toBe("0 %");
    expect(percent(null)).toBe("—");
  });
});
