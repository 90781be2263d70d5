import type { GoalStatus } from "@convene/domain";

/** Status colours: each at least 3:1 against white, and told apart in greyscale by the bar labels. */
export const statusColours: Record<GoalStatus, string> = {
  not_started: "#6b6f76",
  on_track: "#1b7a3d",
  at_risk: "#a65400",
  off_track: "#b3261e",
  achieved: "#1d4f6e",
  dropped: "#4a4a4a",
};

export const ink = "#1f2933";
export const accent = "#1d4f6e";
export const grid = "#d5dbe1";
