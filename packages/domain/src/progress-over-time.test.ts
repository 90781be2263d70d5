import { describe, expect, it } from "vitest";
import { goalProgressOverTime, meanProgressOverTime, type ProgressPoint, progressAt, sampleDates } from "./index.ts";

const briefings = { id: 1, kind: "numeric" as const, baseline: 0, target: 10, weight: 1 };
const letter = { id: 2, kind: "milestone" as const, baseline: 0, target: 1, weight: 1 };

describe("goal progress over time", () => {
  it("replays the value history in date order, whatever order it arrives in", () => {
    const series = goalProgressOverTime(
      [briefings],
      [
        { measureId: 1, value: 5, recordedAt: "2026-03-01T10:00:00Z" },
        { measureId: 1, value: 0, recordedAt: "2026-01-10T09:00:00Z" },
        { measureId: 1, value: 10, recordedAt: "2026-06-01T10:00:00Z" },
      ],
    );
    expect(series).toEqual([
      { date: "2026-01-10", progress: 0 },
      { date: "2026-03-01", progress: 0.5 },
      { date: "2026-06-01", progress: 1 },
    ]);
  });

  it("keeps one point per day: the progress at the end of that day", () => {
    const series = goalProgressOverTime(
      [briefings],
      [
        { measureId: 1, value: 2, recordedAt: "2026-03-01T09:00:00Z" },
        { measureId: 1, value: 4, recordedAt: "2026-03-01T17:00:00Z" },
      ],
    );
    expect(series).toEqual([{ date: "2026-03-01", progress: 0.4 }]);
  });

  it("combines measures with the latest value of each", () => {
    const series = goalProgressOverTime(
      [briefings, letter],
      [
        { measureId: 1, value: 0, recordedAt: "2026-01-10" },
        { measureId: 2, value: 0, recordedAt: "2026-01-10" },
        { measureId: 2, value: 1, recordedAt: "2026-02-01" },
        { measureId: 1, value: 10, recordedAt: "2026-04-01" },
      ],
    );
    expect(series).toEqual([
      { date: "2026-01-10", progress: 0 },
      { date: "2026-02-01", progress: 0.5 },
      { date: "2026-04-01", progress: 1 },
    ]);
  });

  it("is empty with no history", () => {
    expect(goalProgressOverTime([briefings], [])).toEqual([]);
  });
});

describe("progress at a date", () => {
  const series: ProgressPoint[] = [
    { date: "2026-01-10", progress: 0.1 },
    { date: "2026-03-01", progress: 0.5 },
  ];

  it("is null before the series begins", () => {
    expect(progressAt(series, "2026-01-09")).toBeNull();
  });

  it("is the last point on or before the date", () => {
    expect(progressAt(series, "2026-01-10")).toBe(0.1);
    expect(progressAt(series, "2026-02-28")).toBe(0.1);
    expect(progressAt(series, "2026-03-01")).toBe(0.5);
    expect(progressAt(series, "2027-01-01")).toBe(0.5);
  });
});

describe("mean progress over time", () => {
  it("averages the goals that had progress on each date and leaves the others out", () => {
    const early: ProgressPoint[] = [{ date: "2026-01-10", progress: 0.2 }];
    const late: ProgressPoint[] = [{ date: "2026-02-01", progress: 0.6 }];
    expect(meanProgressOverTime([early, late], ["2026-01-01", "2026-01-15", "2026-02-01"])).toEqual([
      { date: "2026-01-01", progress: null },
      { date: "2026-01-15", progress: 0.2 },
      { date: "2026-02-01", progress: 0.4 },
    ]);
  });
});

describe("sample dates", () => {
  it("steps weekly from the start and always ends on the last date", () => {
    expect(sampleDates("2026-01-01", "2026-01-20")).toEqual(["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-20"]);
  });

  it("does not repeat the end date when a step lands on it", () => {
    expect(sampleDates("2026-01-01", "2026-01-15")).toEqual(["2026-01-01", "2026-01-08", "2026-01-15"]);
  });

  it("takes another step size", () => {
    expect(sampleDates("2026-01-01", "2026-01-03", 1)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
  });

  it("crosses month ends and leap days", () => {
    expect(sampleDates("2028-02-26", "2028-03-04")).toEqual(["2028-02-26", "2028-03-04"]);
    expect(sampleDates("2028-02-27", "2028-03-01", 1)).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
  });

  it("keeps a year to about 53 points", () => {
    expect(sampleDates("2026-01-01", "2026-12-31").length).toBe(53);
  });

  it("is just the end date when the range is a single day", () => {
    expect(sampleDates("2026-05-01", "2026-05-01")).toEqual(["2026-05-01"]);
  });
});
