import type { ContributionKind } from "@convene/domain";

/**
 * One fixed colour per kind of contribution, the same on every chart. Each is at least 3:1
 * against white (see kind-colours.test.ts); in greyscale the kinds are told apart by their fixed
 * stacking order, the legend and the table twin every chart has.
 */
export const kindColours: Record<ContributionKind, string> = {
  led: "#1d4f6e",
  co_led: "#4a7fa8",
  signed: "#1b7a3d",
  drafted: "#6a3d9a",
  researched: "#a65400",
  convened: "#b3261e",
  spoke: "#00707a",
  hosted: "#7a5c00",
  attended: "#6b6f76",
  funded: "#99335f",
  in_kind: "#3d3d3d",
};

/** WCAG contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const v = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}
