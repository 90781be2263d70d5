import { describe, expect, it } from "vitest";
import { contributionCharts, contributionInputSchema, parseContributionSort } from "./contribution.ts";

const base = { organisationName: "A", organisationShortName: "A", goalId: null, goalTitle: null, hours: null };

describe("contributions", () => {
  it("validates the input, naming the field", () => {
    const r = contributionInputSchema.safeParse({ organisationId: 1, kind: "sang", date: "2026-02-30", description: " ", hours: -1 });
    expect(r.success).toBe(false);
    const fields = r.error?.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["kind", "date", "description", "hours"]));
  });

  it("counts by organisation and kind, by month with gaps filled, and by goal", () => {
    const charts = contributionCharts([
      { ...base, organisationId: 1, kind: "led", date: "2026-01-05", goalId: 9, goalTitle: "G", hours: 2 },
      { ...base, organisationId: 1, kind: "signed", date: "2026-03-01", goalId: 9, goalTitle: "G" },
      { ...base, organisationId: 2, organisationName: "B", kind: "led", date: "2026-03-20", hours: 1.5 },
    ]);
    expect(charts.byOrganisation[0]).toMatchObject({ organisationId: 1, total: 2, counts: { led: 1, signed: 1, spoke: 0 } });
    expect(charts.byMonth).toEqual([
      { month: "2026-01", count: 1 },
      { month: "2026-02", count: 0 },
      { month: "2026-03", count: 2 },
    ]);
    expect(charts.byGoal).toEqual([{ goalId: 9, title: "G", count: 2 }]);
    expect(charts).toMatchObject({ total: 3, organisations: 2, hours: 3.5 });
  });

  it("crosses a year end month by month", () => {
    const charts = contributionCharts([
      { ...base, organisationId: 1, kind: "led", date: "2025-12-05" },
      { ...base, organisationId: 1, kind: "led", date: "2026-01-05" },
    ]);
    expect(charts.byMonth.map((m) => m.month)).toEqual(["2025-12", "2026-01"]);
  });

  it("reads a sort, falling back to newest first", () => {
    expect(parseContributionSort("hours.asc")).toEqual({ column: "hours", desc: false });
    expect(parseContributionSort("nonsense")).toEqual({ column: "date", desc: true });
  });
});
