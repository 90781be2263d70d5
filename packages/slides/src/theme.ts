/**
 * The deck's look: the dashboard's palette (copied from apps/web/src/charts/palette.ts, not
 * imported, so the slides depend on nothing but the domain) and a 16:9 layout in inches.
 */
import type { GoalStatus } from "@convene/domain";

export const colours = {
  accent: "1d4f6e",
  dark: "12344a",
  ink: "1f2933",
  muted: "4a5561",
  grid: "d5dbe1",
  paper: "ffffff",
  tint: "eef3f6",
};

/** Status colours, each at least 3:1 against white; every status also has a word and a shape. */
export const statusColours: Record<GoalStatus, string> = {
  not_started: "6b6f76",
  on_track: "1b7a3d",
  at_risk: "a65400",
  off_track: "b3261e",
  achieved: "1d4f6e",
  dropped: "4a4a4a",
};

/**
 * Arial: every PowerPoint has it, and LibreOffice draws it with Liberation Sans, whose advance
 * widths are Arial's, so the widths the model measures with (font-metrics.ts) hold in both.
 */
export const font = "Arial";

/** 16:9, 13.333 × 7.5 inches; boxes in inches, sizes in points. The model lays every slide out from these. */
export const layout = {
  slide: { w: 13.333, h: 7.5 },
  /** The left edge and width of the content. */
  x: 0.6,
  w: 12.1,
  /** Nothing but the slide number goes below this. */
  bottom: 6.85,
  deckTitle: { y: 1.0, w: 11.7, h: 2.2, pt: 40, minPt: 26, lines: 2 },
  deckSubtitle: { w: 11.7, pt: 26, minPt: 18, lines: 2 },
  deckDate: { w: 11.7, pt: 20, minPt: 16, lines: 2 },
  title: { y: 0.4, pt: 30, minPt: 22, lines: 2 },
  subtitle: { pt: 18, minPt: 14, lines: 2 },
  /** Rows and lists start at least this far down, so one-line headings line slides up alike. */
  contentTop: 1.9,
  statusShape: { x: 0.6, size: 0.28 },
  statusWord: { x: 1.0, w: 1.5, pt: 16, minPt: 12 },
  goalTitle: { x: 2.6, w: 8.6, pt: 18, minPt: 14, lines: 2 },
  goalDetail: { x: 2.6, w: 8.6, pt: 14, minPt: 12, lines: 1 },
  goalProgress: { x: 11.4, w: 1.3, pt: 18 },
  listText: { x: 0.9, w: 11.8, pt: 20, minPt: 16, lines: 2 },
  listDetail: { x: 0.9, w: 11.8, pt: 15, minPt: 12, lines: 1 },
  rowGap: 0.16,
  more: { pt: 15, minPt: 12, lines: 2 },
  figure: { w: 2.85, h: 1.9, gap: 0.23, rowGap: 0.35, valuePt: 44, valueMinPt: 24, wordsPt: 16, wordsMinPt: 12 },
  /** Bar charts: the category names are the model's own text boxes left of the plot. */
  barLabels: { w: 4.6, gap: 0.2, pt: 14, minPt: 11, lines: 3, maxBand: 0.8 },
  names: { pt: 18, minPt: 13, lines: 2, gap: 0.14, columnGap: 0.4 },
  event: { pt: 15, minPt: 11, maxW: 3, gap: 0.2 },
  body: { x: 0.8, y: 2.4, w: 11.7, h: 2.4, pt: 24, minPt: 16 },
  footer: { y: 7.0, h: 0.35, pt: 14 },
} as const;
