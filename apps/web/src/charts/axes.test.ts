import { describe, expect, it } from "vitest";
import { countAxis, lastPerDay, measureAxis } from "./axes.ts";

describe("chart axes", () => {
  it("counts start at 0 and reach at least 1, so a chart of zeros has no negative axis", () => {
    const [low, high] = countAxis.domain;
    expect(low).toBe(0);
    expect(high(0)).toBe(1);
    expect(high(7)).toBe(7);
    expect(countAxis.allowDecimals).toBe(false);
  });

  it("a measure of whole numbers steps in whole numbers from 0; a negative one keeps its range", () => {
    expect(measureAxis([0, 0, 0])).toMatchObject({ allowDecimals: false, domain: [0, expect.any(Function)] });
    expect(measureAxis([0, 0]).domain[1](0)).toBe(1);
    expect(measureAxis([1.5, 2]).allowDecimals).toBe(true);
    expect(measureAxis([-3, 2]).domain[0]).toBe("auto");
  });

  it("keeps one point a day, the day's last, in order", () => {
    const points = [
      { date: "2027-01-05T09:00:00Z", value: 1 },
      { date: "2027-01-05T17:00:00Z", value: 3 },
      { date: "2027-01-06T10:00:00Z", value: 4 },
    ];
    expect(lastPerDay(points)).toEqual([
      { date: "2027-01-05", value: 3 },
      { date: "2027-01-06", value: 4 },
    ]);
  });
});
