/** Milestone dates shown only as precisely as known, and the milestone schemas' rules. */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  formatPreciseDate,
  milestoneInputSchema,
  milestoneListQuerySchema,
  milestonePatchSchema,
  seasonOf,
  startOfPeriod,
  yearOf,
} from "./milestone.ts";

function badFields(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("dates at a precision", () => {
  it.each([
    ["2019-12-12", "day", "12 December 2019"],
    ["2018-06-01", "month", "June 2018"],
    ["2018-06-17", "month", "June 2018"],
    ["2019-09-01", "season", "Autumn 2019"],
    ["2019-10-14", "season", "Autumn 2019"],
    ["2020-04-02", "season", "Spring 2020"],
    ["2020-07-30", "season", "Summer 2020"],
    ["2019-12-01", "season", "Winter 2019–20"],
    ["2020-02-10", "season", "Winter 2019–20"],
    ["2019-01-01", "year", "2019"],
    ["2019-08-31", "year", "2019"],
  ] as const)("shows %s to the %s as %j", (date, precision, shown) => {
    expect(formatPreciseDate(date, precision)).toBe(shown);
  });

  it("stores the start of the period", () => {
    expect(startOfPeriod("2019-12-12", "day")).toBe("2019-12-12");
    expect(startOfPeriod("2018-06-17", "month")).toBe("2018-06-01");
    expect(startOfPeriod("2019-10-14", "season")).toBe("2019-09-01");
    expect(startOfPeriod("2020-01-20", "season")).toBe("2019-12-01");
    expect(startOfPeriod("2019-08-31", "year")).toBe("2019-01-01");
  });

  it("groups a winter under the year it began", () => {
    expect(yearOf("2020-02-10", "season")).toBe(2019);
    expect(yearOf("2020-02-10", "day")).toBe(2020);
  });

  it("reckons seasons by month", () => {
    expect([1, 2, 3, 5, 6, 8, 9, 11, 12].map(seasonOf)).toEqual([
      "winter",
      "winter",
      "spring",
      "spring",
      "summer",
      "summer",
      "autumn",
      "autumn",
      "winter",
    ]);
  });
});

describe("milestone input", () => {
  const milestone = { title: "Open letter to party leaders", kind: "open_letter", date: "2019-01-01", datePrecision: "year" };

  it("fills defaults: members only, no links, nothing uncertain", () => {
    expect(milestoneInputSchema.parse(milestone)).toMatchObject({
      visibility: "members",
      evidence: [],
      organisationIds: [],
      goalIds: [],
      notes: "",
      outcome: "",
    });
    expect(milestoneInputSchema.parse({ ...milestone, datePrecision: undefined }).datePrecision).toBe("day");
  });

  it("refuses an unknown kind, an impossible date and an unknown precision, naming each field", () => {
    expect(badFields(milestoneInputSchema, { ...milestone, kind: "rumour" })).toEqual(["kind"]);
    expect(badFields(milestoneInputSchema, { ...milestone, date: "2019-02-30" })).toEqual(["date"]);
    expect(badFields(milestoneInputSchema, { ...milestone, datePrecision: "decade" })).toEqual(["datePrecision"]);
    expect(badFields(milestoneInputSchema, { ...milestone, title: "  " })).toEqual(["title"]);
  });

  it("accepts only http and https evidence links, each with a title", () => {
    const link = (url: string, title = "The letter") => ({ ...milestone, evidence: [{ title, url }] });
    expect(badFields(milestoneInputSchema, link("https://example.org/letter.pdf"))).toEqual([]);
    expect(badFields(milestoneInputSchema, link("http://example.org/letter"))).toEqual([]);
    expect(badFields(milestoneInputSchema, link("javascript:alert(1)"))).toEqual(["evidence.0.url"]);
    expect(badFields(milestoneInputSchema, link("ftp://example.org/x"))).toEqual(["evidence.0.url"]);
    expect(badFields(milestoneInputSchema, link("https://example.org", ""))).toEqual(["evidence.0.title"]);
  });

  it("refuses an organisation or goal listed twice", () => {
    expect(badFields(milestoneInputSchema, { ...milestone, organisationIds: [1, 1] })).toEqual(["organisationIds"]);
    expect(badFields(milestoneInputSchema, { ...milestone, goalIds: [2, 3, 2] })).toEqual(["goalIds"]);
  });

  it("needs a version to edit, and a date together with its precision", () => {
    expect(badFields(milestonePatchSchema, { title: "x" })).toEqual(["version"]);
    expect(badFields(milestonePatchSchema, { date: "2019-12-12", version: 1 })).toEqual(["datePrecision"]);
    expect(badFields(milestonePatchSchema, { date: "2019-12-12", datePrecision: "day", version: 1 })).toEqual([]);
  });

  it("reads list filters from a query string", () => {
    expect(milestoneListQuerySchema.parse({ year: "2019", kind: "report" })).toEqual({ year: 2019, kind: "report" });
    expect(badFields(milestoneListQuerySchema, { year: "last year" })).toEqual(["year"]);
  });
});
