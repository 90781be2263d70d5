import { describe, expect, it } from "vitest";
import { calendarDay, flag, oneOf, positiveWhole, searchOf, text, wholeBetween } from "./search-params.ts";

describe("search parameters", () => {
  it("reads a positive whole number whether the router parsed it or left it a string", () => {
    expect(positiveWhole(3)).toBe(3);
    expect(positiveWhole("3")).toBe(3);
    for (const bad of [0, -1, 2.5, "", "x", true, null, undefined]) expect(positiveWhole(bad)).toBeUndefined();
  });

  it("reads a year only within its range", () => {
    const year = wholeBetween(1900, 2200);
    expect(year(2019)).toBe(2019);
    expect(year(1899)).toBeUndefined();
    expect(year(2201)).toBeUndefined();
  });

  it("reads a choice only from its list, text only as text, a flag only as true or false", () => {
    const order = oneOf(["newest", "oldest"] as const);
    expect(order("oldest")).toBe("oldest");
    expect(order("sideways")).toBeUndefined();
    expect(text("climate")).toBe("climate");
    expect(text(12)).toBeUndefined();
    expect(flag(true)).toBe(true);
    expect(flag("true")).toBeUndefined();
  });

  it("reads a date only as a real calendar day", () => {
    expect(calendarDay("2026-12-02")).toBe("2026-12-02");
    expect(calendarDay("2026-02-30")).toBeUndefined();
    expect(calendarDay("yesterday")).toBeUndefined();
  });

  it("keeps what reads and drops the rest, including parameters it does not know", () => {
    const read = searchOf({ cycle: positiveWhole, status: oneOf(["on_track", "at_risk"] as const), q: text });
    expect(read({ cycle: "4", status: "lost", q: "letters", stray: 1 })).toEqual({ cycle: 4, q: "letters" });
    expect(read({})).toEqual({});
  });
});
