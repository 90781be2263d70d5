import { describe, expect, it } from "vitest";
import { balanceColumns, paginate } from "./layout.ts";
import { fit, linesHeight, textWidth, wrap } from "./text-fit.ts";

describe("measuring text", () => {
  it("uses the font's own advance widths (Arial's, in 2048ths of an em)", () => {
    // a 1139, i 455, m 1706, W 1933 and the space 569: Arial's published widths.
    expect(textWidth("a", 72)).toBeCloseTo(1139 / 2048, 6);
    expect(textWidth("iimm W", 72)).toBeCloseTo((455 * 2 + 1706 * 2 + 569 + 1933) / 2048, 6);
    expect(textWidth("Accountability", 18, "bold")).toBeGreaterThan(textWidth("Accountability", 18));
    expect(textWidth("mmmm", 12)).toBeGreaterThan(textWidth("iiii", 12) * 3);
  });

  it("counts a character the font lacks as a full em, never as nothing", () => {
    expect(textWidth("维", 72)).toBeCloseTo(1, 6);
    expect(textWidth("e\u0301", 72)).toBeCloseTo(textWidth("e", 72), 6);
  });
});

describe("wrapping and fitting", () => {
  const name = "Commission for International Justice and Accountability";

  it("wraps at spaces and keeps every word whole", () => {
    const { lines, splitWord } = wrap(name, 3, 18);
    expect(lines.length).toBeGreaterThan(1);
    expect(splitWord).toBe(false);
    expect(lines.join(" ")).toBe(name);
    for (const l of lines) expect(textWidth(l, 18)).toBeLessThanOrEqual(3);
  });

  it("holds words joined by no-break spaces together", () => {
    const { lines } = wrap("Atrocity prevention in UK foreign policy (1\u00a0of\u00a03)", 3.2, 18);
    expect(lines.at(-1)).toMatch(/\(1\u00a0of\u00a03\)$/);
  });

  it("splits a word wider than its box between lines rather than cutting it", () => {
    const word = "Antidisestablishmentarianism".repeat(3);
    const { lines, splitWord } = wrap(word, 2, 18);
    expect(splitWord).toBe(true);
    expect(lines.join("")).toBe(word);
  });

  it("steps the size down to fit the lines allowed, and at the floor takes the lines it needs", () => {
    const one = fit(name, { w: 6, pt: 24, minPt: 12, lines: 1 });
    expect(one.pt).toBeLessThan(24);
    expect(one.lines).toEqual([name]);
    expect(one.fitsRule).toBe(true);
    const floor = fit(name, { w: 2, pt: 24, minPt: 20, lines: 1 });
    expect(floor.pt).toBe(20);
    expect(floor.lines.join(" ")).toBe(name);
    expect(floor.fitsRule).toBe(true);
    expect(floor.h).toBeCloseTo(linesHeight(floor.lines.length, 20), 9);
    expect(fit(name, { w: 2, pt: 24, minPt: 20, lines: 1, h: 0.5 }).fitsRule).toBe(false);
  });
});

describe("paginating by height", () => {
  it("fills pages by measured height, then balances them", () => {
    const { pages, hidden } = paginate([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1, 1, 1, 1, 1], 7, 0);
    expect(pages.map((p) => p.length)).toEqual([4, 4]);
    expect(hidden).toEqual([]);
  });

  it("puts fewer tall items on a page, and counts what does not fit the last page allowed", () => {
    const heights = [3, 3, 1, 1, 1, 1, 3, 3];
    const { pages, hidden } = paginate(["a", "b", "c", "d", "e", "f", "g", "h"], heights, 4.5, 0.25, 2);
    expect(pages).toEqual([["a"], ["b", "c"]]);
    expect(hidden).toEqual(["d", "e", "f", "g", "h"]);
  });

  it("balances columns so the tallest is as short as it can be, the longer column first", () => {
    expect(balanceColumns([1, 1, 1, 1, 1], 2, 0)).toEqual([0, 3]);
    expect(balanceColumns([3, 1, 1, 1], 2, 0)).toEqual([0, 1]);
    expect(balanceColumns([1, 1, 1, 1, 1, 1], 3, 0)).toEqual([0, 2, 4]);
    expect(balanceColumns([1], 3, 0)).toEqual([0]);
  });
});
