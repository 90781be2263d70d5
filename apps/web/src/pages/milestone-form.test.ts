import { describe, expect, it } from "vitest";
import { monthStart } from "./milestone-form.tsx";

describe("a milestone's month as typed", () => {
  it("takes a month picker's value and the ways people write a month", () => {
    expect(monthStart("2027-03")).toBe("2027-03-01");
    expect(monthStart("3 2027")).toBe("2027-03-01");
    expect(monthStart("03/2027")).toBe("2027-03-01");
    expect(monthStart("March 2027")).toBe("2027-03-01");
    expect(monthStart(" sept 2019 ")).toBe("2019-09-01");
  });

  it("is no date at all for what is not a month", () => {
    expect(monthStart("")).toBe("");
    expect(monthStart("13 2027")).toBe("");
    expect(monthStart("Smarch 2027")).toBe("");
    expect(monthStart("2027")).toBe("");
  });
});
