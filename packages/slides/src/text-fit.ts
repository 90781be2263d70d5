/**
 * Measuring and fitting the deck's text with the real advance widths of its font (font-metrics.ts,
 * read from Liberation Sans, which has Arial's metrics): how wide a string is, where it wraps in a
 * box, and the largest size down to a floor at which it fits. Nothing here shortens text.
 */
import { advanceWidths, ranges, unitsPerEm } from "./font-metrics.ts";

export type Face = keyof typeof advanceWidths;

/**
 * Lines are drawn 1.2 em apart: Arial's ascent and descent add up to 1.12 em, and PowerPoint and
 * LibreOffice both set single-spaced lines a little wider than that.
 */
export const lineSpacing = 1.2;

/**
 * Widths are measured against this share of a box, so that a renderer's rounding, or a slightly
 * wider substitute font, still wraps where the model did.
 */
const slack = 0.97;

const tables = new Map<Face, Map<number, number>>();
function table(face: Face): Map<number, number> {
  let t = tables.get(face);
  if (!t) {
    t = new Map();
    for (const [i, [from]] of ranges.entries()) {
      for (const [j, w] of advanceWidths[face][i]!.entries()) if (w >= 0) t.set(from + j, w);
    }
    tables.set(face, t);
  }
  return t;
}

const combining = /\p{M}/u;

/** The advance of one character in font units: a full em for anything the table lacks (CJK is an em wide; most scripts less). */
function advance(t: Map<number, number>, ch: string): number {
  const cp = ch.codePointAt(0)!;
  const w = t.get(cp);
  if (w !== undefined) return w;
  return combining.test(ch) ? 0 : unitsPerEm;
}

/** The width of `text` in inches at `pt` points. */
export function textWidth(text: string, pt: number, face: Face = "regular"): number {
  const t = table(face);
  let units = 0;
  for (const ch of text) units += advance(t, ch);
  return (units / unitsPerEm) * (pt / 72);
}

/** The height in inches of `lines` lines at `pt` points. */
export function linesHeight(lines: number, pt: number): number {
  return (lines * pt * lineSpacing) / 72;
}

export interface Wrapped {
  lines: string[];
  /** A word wider than the box had to be split between lines. */
  splitWord: boolean;
}

/**
 * Wraps `text` into lines no wider than `width` inches at `pt`, breaking at spaces (a no-break
 * space holds "(1 of 3)" together) and after a hyphen or slash; a word wider than the box is split
 * between characters rather than cut.
 */
export function wrap(text: string, width: number, pt: number, face: Face = "regular"): Wrapped {
  const clean = text.replace(/[ \t\r\n]+/g, " ").trim();
  const t = table(face);
  // Widths in font units, summed as the line grows rather than measured again for each piece.
  const room = ((width * slack) / (pt / 72)) * unitsPerEm;
  const units = (s: string) => {
    let u = 0;
    for (const ch of s) u += advance(t, ch);
    return u;
  };
  // Pieces end where a line may break: after a space, a hyphen or a slash.
  const pieces = clean.match(/[^ \-/–]*(?:[ \-/–]+|$)/g)!.filter(Boolean);
  const lines: string[] = [];
  let line = "";
  let lineUnits = 0;
  let splitWord = false;
  for (const piece of pieces) {
    const bare = piece.trimEnd();
    const pieceUnits = units(piece);
    const bareUnits = bare.length === piece.length ? pieceUnits : units(bare);
    if (lineUnits + bareUnits <= room) {
      line += piece;
      lineUnits += pieceUnits;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = piece;
    lineUnits = pieceUnits;
    if (bareUnits > room) {
      // A word that cannot fit on a line of its own: as many characters as fit on each line.
      splitWord = true;
      line = "";
      lineUnits = 0;
      for (const ch of piece) {
        const u = advance(t, ch);
        if (line && ch !== " " && lineUnits + u > room) {
          lines.push(line.trimEnd());
          line = "";
          lineUnits = 0;
        }
        line += ch;
        lineUnits += u;
      }
    }
  }
  if (line.trimEnd() || lines.length === 0) lines.push(line.trimEnd());
  return { lines, splitWord };
}

export interface Fitted {
  /** The full text, never shortened. */
  text: string;
  pt: number;
  /** Where the text wraps at that size, measured. */
  lines: string[];
  /** The height of those lines, in inches. */
  h: number;
}

export interface FitRule {
  /** The box's width in inches. */
  w: number;
  /** The preferred size, and the smallest the text may step down to. */
  pt: number;
  minPt: number;
  face?: Face;
  /** Most lines the text may take above the floor; at the floor it takes as many as it needs. */
  lines: number;
  /** When given, the most height the text may take: a fit over it is not a fit. */
  h?: number;
}

/**
 * The largest size, stepping down a point at a time to `minPt`, at which `text` wraps into at most
 * `rule.lines` lines (and `rule.h` inches) without splitting a word. At the floor it takes as many
 * lines as it needs, so nothing is ever cut; `fitsRule` says whether that still keeps the rule.
 */
export function fit(text: string, rule: FitRule): Fitted & { fitsRule: boolean } {
  const face = rule.face ?? "regular";
  for (let pt = rule.pt; pt >= rule.minPt; pt--) {
    const w = wrap(text, rule.w, pt, face);
    const h = linesHeight(w.lines.length, pt);
    if (!w.splitWord && w.lines.length <= rule.lines && (rule.h === undefined || h <= rule.h + 1e-9))
      return { text, pt, lines: w.lines, h, fitsRule: true };
  }
  const w = wrap(text, rule.w, rule.minPt, face);
  const h = linesHeight(w.lines.length, rule.minPt);
  return { text, pt: rule.minPt, lines: w.lines, h, fitsRule: rule.h === undefined || h <= rule.h + 1e-9 };
}

/** Whether a fitted text's lines are each within `w` at its size (for tests and renderers). */
export function linesFit(f: Pick<Fitted, "lines" | "pt">, w: number, face: Face = "regular"): boolean {
  return f.lines.every((l) => textWidth(l, f.pt, face) <= w * slack + 1e-9);
}
