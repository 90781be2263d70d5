import { z } from "zod";
import { calendarDate, shortText } from "./common.ts";

const interval = "A goal may go without an update for between 7 and 365 whole days";

/** A cycle opens at the goal-setting workshop and closes at the AGM. */
export const cycleInputSchema = z
  .object({
    name: shortText("Name", 80, "Enter a name for the cycle"),
    workshopDate: calendarDate("workshop date"),
    agmDate: calendarDate("AGM date"),
    /** How long a goal may go without an update before it is flagged, in days. */
    updateIntervalDays: z
      .number({ error: "Enter how many days a goal may go without an update" })
      .int({ error: interval })
      .min(7, { error: interval })
      .max(365, { error: interval })
      .default(42),
  })
  .refine((c) => c.workshopDate <= c.agmDate, {
    error: "The AGM must be on or after the workshop",
    path: ["agmDate"],
  });
export type CycleInput = z.infer<typeof cycleInputSchema>;

export const cyclePatchSchema = z
  .object({
    name: shortText("Name", 80, "Enter a name for the cycle").optional(),
    workshopDate: calendarDate("workshop date").optional(),
    agmDate: calendarDate("AGM date").optional(),
    updateIntervalDays: z
      .number({ error: "Enter how many days a goal may go without an update" })
      .int({ error: interval })
      .min(7, { error: interval })
      .max(365, { error: interval })
      .optional(),
    version: z.number().int().positive(),
  })
  .refine((c) => !c.workshopDate || !c.agmDate || c.workshopDate <= c.agmDate, {
    error: "The AGM must be on or after the workshop",
    path: ["agmDate"],
  });

export const cycleStates = ["open", "closed"] as const;
export type CycleState = (typeof cycleStates)[number];

/** A sensible name for a cycle running from its workshop to its AGM: "2026–27". */
export function defaultCycleName(workshopDate: string, agmDate: string): string {
  const a = workshopDate.slice(0, 4);
  const b = agmDate.slice(0, 4);
  return a === b ? a : `${a}–${b.slice(2)}`;
}

/**
 * A cycle named in a sentence: "2026–27 cycle", but a name that already says it ("Demo cycle
 * (sample data)") stays as it is, so no sentence says "cycle" twice.
 */
export function cycleWords(name: string): string {
  return /\bcycle\b/i.test(name) ? name : `${name} cycle`;
}
