import { describe, expect, it } from "vitest";
import { isDecimalComma, isPercentUnit, readCellNumber } from "./spreadsheet-number.ts";

const value = (cell: string, context = {}) => {
  const r = readCellNumber(cell, context);
  return r && "value" in r ? r.value : r;
};

describe("reading a number from a spreadsheet cell", () => {
  it("reads plain numbers, signs and spaces", () => {
    expect(value("12")).toBe(12);
    expect(value(" -3.5 ")).toBe(-3.5);
    expect(value("+4")).toBe(4);
    expect(value(".5")).toBe(0.5);
    expect(readCellNumber("  ")).toBeUndefined();
  });

  it("reads thousands separators", () => {
    expect(value("1,000")).toBe(1000);
    expect(value("1,234,567")).toBe(1234567);
    expect(value("1,234.5")).toBe(1234.5);
    expect(value("1\u00a0000")).toBe(1000);
    expect(value("1.234,5")).toBe(1234.5);
  });

  it("reads a decimal comma as a decimal, never as thousands", () => {
    expect(value("2,5")).toBe(2.5);
    expect(value("0,125")).toBe(0.125);
    expect(value("1234,5")).toBe(1234.5);
    expect(value("-12,25")).toBe(-12.25);
  });

  it("refuses what could be read two ways", () => {
    for (const cell of ["1,2,3", "1,23,456", "1.2.3", "12,34.5"]) expect(readCellNumber(cell)).toHaveProperty("problem");
    expect(readCellNumber("1,000", { columnUsesDecimalComma: true })).toEqual({
      problem: expect.stringContaining("could be read more than one way"),
    });
    expect(value("1,000,000", { columnUsesDecimalComma: true })).toBe(1000000);
  });

  it("takes a % sign only where the measure counts per cent", () => {
    expect(value("50%", { percent: true })).toBe(50);
    expect(value("12,5 %", { percent: true })).toBe(12.5);
    expect(readCellNumber("50%")).toEqual({ problem: expect.stringContaining('enter "50"') });
  });

  it("refuses words", () => {
    expect(readCellNumber("about six")).toEqual({ problem: 'must be a number, not "about six"' });
  });
});

describe("spotting a decimal comma and a percentage unit", () => {
  it("tells a decimal comma from a thousands separator", () => {
    expect(isDecimalComma("2,5")).toBe(true);
    expect(isDecimalComma("0,125")).toBe(true);
    expect(isDecimalComma("1,000")).toBe(false);
    expect(isDecimalComma("1000")).toBe(false);
  });

  it("knows the ways people write per cent", () => {
    for (const u of ["%", "per cent", "percent", "Percentage"]) expect(isPercentUnit(u)).toBe(true);
    expect(isPercentUnit("meetings")).toBe(false);
  });
});
