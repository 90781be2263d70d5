import { z } from "zod";
import { goalStatuses } from "./choices.ts";

export { goalStatuses } from "./choices.ts";
export const goalStatusSchema = z.enum(goalStatuses, { error: "Choose a status" });
export type GoalStatus = z.infer<typeof goalStatusSchema>;

export const goalStatusLabels: Record<GoalStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  achieved: "Achieved",
  dropped: "Dropped",
};

/** Statuses that ask the convenor's attention on the overview. */
export function needsAttention(status: GoalStatus): boolean {
  return status === "at_risk" || status === "off_track";
}

/** A dropped goal is history, not work: it counts in no progress average. */
export function countsTowardsProgress(status: GoalStatus): boolean {
  return status !== "dropped";
}
