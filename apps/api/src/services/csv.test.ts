import { describe, expect, it } from "vitest";
import { neutralise, readCsv, toCsv, unneutralise } from "./csv.ts";

describe("formula neutralisation", () => {
  it("prefixes every text cell a spreadsheet would run as a formula", () => {
    for (const bad of ["=1+1", "+44 20", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","x")'])
      expect(neutralise(bad)).toBe(`'${bad}`);
    for (const fine of ["Plain", "", "'quoted", "a=b"]) expect(neutralise(fine)).toBe(fine);
    expect(unneutralise("'=1+1")).toBe("=1+1");
    expect(unneutralise("'plain")).toBe("'plain");
  });

  it("writes numbers as numbers and text safely, and reads back what was written", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["=cmd|' /C calc'!A0", -5],
        ["line one\nline two, with comma", null],
      ],
    );
    expect(csv).toContain(`'=cmd|' /C calc'!A0,-5`);
    const { rows } = readCsv(csv);
    expect(rows.map((r) => r.cells)).toEqual([
      { a: "=cmd|' /C calc'!A0", b: "-5" },
      { a: "line one\nline two, with comma", b: "" },
    ]);
  });

  it("numbers rows as a spreadsheet does, skipping blank ones", () => {
    const { rows } = readCsv("\uFEFFTitle\nA\n\n,\nB\n");
    expect(rows.map((r) => [r.row, r.cells.title])).toEqual([
      [2, "A"],
      [5, "B"],
    ]);
  });
});
