/**
 * Where each thing on a slide goes: positioned, fitted text boxes and shapes, worked out by the
 * model (pure) so the PowerPoint renderer only draws them and tests can check every box. Text is
 * wrapped and stepped down to a floor, never cut; what does not fit moves to the next slide.
 */
import type { GoalStatus } from "@convene/domain";
import { type Face, type FitRule, type Fitted, fit, linesHeight } from "./text-fit.ts";
import { layout } from "./theme.ts";

/** What a text box is, which sets its colour and weight in a renderer. */
export type TextRole =
  | "deck-title"
  | "deck-subtitle"
  | "deck-date"
  | "title"
  | "subtitle"
  | "status"
  | "goal"
  | "detail"
  | "progress"
  | "item"
  | "more"
  | "name"
  | "event-date"
  | "event"
  | "figure-value"
  | "figure-words"
  | "category"
  | "body";

export interface TextBox extends Fitted {
  role: TextRole;
  face: Face;
  x: number;
  y: number;
  w: number;
  align: "left" | "center" | "right";
  /** Set on a goal's status word, for its colour. */
  status?: GoalStatus;
}

export type ShapeBox =
  | { shape: "status"; status: GoalStatus; x: number; y: number; w: number; h: number }
  | { shape: "bar" | "tile" | "dot"; x: number; y: number; w: number; h: number }
  | { shape: "line"; x: number; y: number; w: number; h: 0 };

export interface ChartBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** For bar charts: the plot area inside the chart (its category names are text boxes beside it). */
  plot?: { x: number; y: number; w: number; h: number };
}

export interface Frame {
  texts: TextBox[];
  shapes: ShapeBox[];
  chart?: ChartBox;
}

export function textBox(
  role: TextRole,
  text: string,
  at: { x: number; y: number },
  rule: FitRule,
  align: TextBox["align"] = "left",
): TextBox {
  const face = rule.face ?? "regular";
  const { fitsRule: _, ...fitted } = fit(text, { ...rule, face });
  return { role, face, x: at.x, y: at.y, w: rule.w, align, ...fitted };
}

/** A slide's title and subtitle from the top, and where the content below them may start. */
export function header(title: string, subtitle?: string): { texts: TextBox[]; bottom: number } {
  const t = textBox("title", title, { x: layout.x, y: layout.title.y }, { ...layout.title, w: layout.w, face: "bold" });
  if (!subtitle) return { texts: [t], bottom: t.y + t.h };
  const s = textBox("subtitle", subtitle, { x: layout.x, y: t.y + t.h + 0.08 }, { ...layout.subtitle, w: layout.w });
  return { texts: [t, s], bottom: s.y + s.h };
}

/** Where rows start under a header: a little below it, and never above the usual top. */
export function contentTop(headerBottom: number): number {
  return Math.max(layout.contentTop, headerBottom + 0.3);
}

/** The italic line under a list that counts what it does not show, at the foot of the slide. */
export function moreBox(text: string): TextBox {
  const box = textBox("more", text, { x: layout.x, y: 0 }, { ...layout.more, w: layout.w, face: "italic" });
  return { ...box, y: layout.bottom - box.h };
}

/**
 * Splits items, each `heights[i]` (or `heights(i)`) tall with `gap` between, into pages whose content fits `room`
 * inches, at most `maxPages` of them; the rest are returned as `hidden`. Pages are balanced (8
 * rows make 4 + 4, not 7 + 1) when the balanced split still fits.
 */
export function paginate<T>(
  items: readonly T[],
  heights: readonly number[] | ((i: number) => number),
  room: number,
  gap: number,
  maxPages = Number.POSITIVE_INFINITY,
): { pages: T[][]; hidden: T[] } {
  // Heights may be measured lazily: items past the last page are never measured.
  const height = typeof heights === "function" ? heights : (i: number) => heights[i]!;
  const fits = (from: number, to: number) => {
    let h = 0;
    for (let i = from; i < to; i++) h += height(i) + (i > from ? gap : 0);
    return h <= room + 1e-9;
  };
  // Greedy, always at least one item a page (an item taller than the page is drawn alone).
  const cuts: number[] = [0];
  while (cuts.at(-1)! < items.length && cuts.length - 1 < maxPages) {
    const from = cuts.at(-1)!;
    let to = from + 1;
    while (to < items.length && fits(from, to + 1)) to++;
    cuts.push(to);
  }
  const shown = cuts.at(-1)!;
  const pageCount = cuts.length - 1;
  if (shown === items.length && pageCount > 1) {
    const per = Math.ceil(items.length / pageCount);
    const balanced = Array.from({ length: pageCount }, (_, i) => [i * per, Math.min(items.length, (i + 1) * per)] as const);
    if (balanced.every(([a, b]) => b > a && fits(a, b))) {
      return { pages: balanced.map(([a, b]) => items.slice(a, b)), hidden: [] };
    }
  }
  return {
    pages: cuts.slice(1).map((to, i) => items.slice(cuts[i]!, to)),
    hidden: items.slice(shown),
  };
}

/**
 * Splits `heights` (in order) into at most `columns` columns so the tallest is as short as it can
 * be: the thank-you slides' balanced columns. Returns where each column starts.
 */
export function balanceColumns(heights: readonly number[], columns: number, gap: number): number[] {
  const n = heights.length;
  const span = (a: number, b: number) => heights.slice(a, b).reduce((s, h, i) => s + h + (i ? gap : 0), 0);
  if (columns <= 1 || n <= 1) return [0];
  let best = { tallest: Number.POSITIVE_INFINITY, starts: [0] };
  const search = (starts: number[]) => {
    const ends = [...starts.slice(1), n];
    const tallest = Math.max(...starts.map((s, i) => span(s, ends[i]!)));
    // The last of equal splits: earlier columns are the longer ones, as a reader expects.
    if (tallest <= best.tallest + 1e-9) best = { tallest, starts };
    if (starts.length < columns) for (let next = starts.at(-1)! + 1; next < n; next++) search([...starts, next]);
  };
  search([0]);
  return best.starts;
}

export { linesHeight };
