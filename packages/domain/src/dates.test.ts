import { describe, expect, it } from "vitest";
import {
  addDays,
  addDaysIso,
  daysBetween,
  daysUntil,
  isCalendarDate,
  stepDates,
  ukCompactDate,
  ukDate,
  ukMonth,
  ukShortDate,
} from "./dates.ts";

describe("dates", () => {
  it("counts whole calendar days either way, ignoring the time of day", () => {
    expect(daysBetween("2019-12-01", "2019-12-12")).toBe(11);
    expect(daysBetween("2019-12-12T23:59:00Z", "2019-12-01T00:01:00Z")).toBe(-11);
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
  });

  it("adds calendar days to ISO dates across months and years", () => {
    expect(addDaysIso("2019-12-31", 1)).toBe("2020-01-01");
    expect(addDaysIso("2020-03-01", -1)).toBe("2020-02-29");
    expect(addDays(new Date("2026-01-01T10:00:00Z"), 3).toISOString()).toBe("2026-01-04T10:00:00.000Z");
  });

  it("rounds days until a deadline up in the future and down in the past", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    expect(daysUntil("2026-05-01T13:00:00Z", now)).toBe(1);
    expect(daysUntil("2026-05-03T12:00:00Z", now)).toBe(2);
    expect(daysUntil("2026-04-30T11:00:00Z", now)).toBe(-2);
  });

  it("steps through a range without reaching its end", () => {
    expect(stepDates("2026-01-01", "2026-01-22", 7)).toEqual(["2026-01-01", "2026-01-08", "2026-01-15"]);
    expect(stepDates("2026-01-01", "2026-01-01", 7)).toEqual([]);
  });

  it("writes dates as people in the UK do", () => {
    expect(ukDate("2019-12-12")).toBe("12 December 2019");
    expect(ukCompactDate("2019-12-12T10:00:00Z")).toBe("12 Dec 2019");
    expect(ukShortDate("2019-12-12")).toBe("12 Dec");
    expect(ukMonth("2019-12-12")).toBe("Dec 2019");
  });

  it("knows a real calendar day written as an ISO date from anything else", () => {
    expect(isCalendarDate("2020-02-29")).toBe(true);
    expect(isCalendarDate("2019-02-29")).toBe(false);
    expect(isCalendarDate("2027-13-01")).toBe(false);
    expect(isCalendarDate("2027-1-01")).toBe(false);
    expect(isCalendarDate("2027-01-01T00:00:00Z")).toBe(false);
  });
});
