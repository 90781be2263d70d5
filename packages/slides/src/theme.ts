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

export const font = "Liberation Sans";

/** 16:9, 13.333 × 7.5 inches. Boxes give x, y, w, h in inches and a font size in points. */
export const layout = {
  slide: { w: 13.333, h: 7.5 },
  /** The group's name may take two lines. */
  deckTitle: { x: 0.8, y: 1.3, w: 11.7, h: 1.9, pt: 40, lines: 2 },
  deckSubtitle: { x: 0.8, y: 3.4, w: 11.7, h: 0.7, pt: 26 },
  deckDate: { x: 0.8, y: 4.2, w: 11.7, h: 0.6, pt: 20 },
  title: { x: 0.6, y: 0.35, w: 12.1, h: 0.8, pt: 30 },
  subtitle: { x: 0.6, y: 1.15, w: 12.1, h: 0.5, pt: 18 },
  rowsTop: 1.9,
  rowHeight: 0.66,
  statusShape: { x: 0.6, size: 0.28 },
  statusWord: { x: 1.0, w: 1.55, pt: 16 },
  goalTitle: { x: 2.6, w: 8.7, pt: 18 },
  goalDetail: { x: 2.6, w: 8.7, pt: 14 },
  goalProgress: { x: 11.4, w: 1.3, pt: 18 },
  listText: { x: 0.9, w: 11.8, pt: 20 },
  listDetail: { x: 0.9, w: 11.8, pt: 15 },
  more: { x: 0.6, y: 6.55, w: 12.1, h: 0.45, pt: 15 },
  chart: { x: 0.6, y: 1.8, w: 12.1, h: 5.1 },
  chartCategory: { w: 3.2, pt: 14 },
  figure: { w: 2.85, h: 1.9, valuePt: 44, wordsPt: 16 },
  name: { w: 5.8, pt: 17 },
  nameRows: 11,
  event: { w: 1.85, pt: 14, lines: 4 },
  body: { x: 0.8, y: 2.4, w: 11.7, h: 2.4, pt: 24 },
  footer: { y: 7.0, h: 0.35, pt: 14 },
} as const;
