import { describe, expect, it } from "vitest";
import { trendTitle } from "./overview-page.tsx";

describe("the trend chart's finding", () => {
  it("does not say progress held when it rose today after the last weekly point", () => {
    const points = [
      { date: "2026-11-01", progress: 0.11 },
      { date: "2026-11-29", progress: 0.11 },
    ];
    expect(trendTitle(points, 0.2)).toMatch(/^Progress has risen from 11 % to 20 % since/);
    expect(trendTitle(points, 0.11)).toMatch(/^Progress has held at 11 % since/);
  });

  it("states a single point rather than calling it held", () => {
    expect(trendTitle([{ date: "2026-12-01", progress: 0.11 }])).toBe("Progress stands at 11 % on 1 December 2026");
  });
});
