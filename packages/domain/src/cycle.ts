import { z } from "zod";
import { isoDateSchema, shortText } from "./common.ts";

/** A cycle opens at the goal-setting workshop and closes at the AGM. */
export const cycleInputSchema = z
  .object({
    name: shortText("Name", 80),
    workshopDate: isoDateSchema,
    agmDate: isoDateSchema,
    /** How long a goal may go without an update before it is flagged, in days. */
    updateIntervalDays: z.number().int().min(7).max(365).default(42),
  })
  .refine((c) => c.workshopDate <= c.agmDate, {
    error: "The AGM cannot be before the workshop",
    path: ["agmDate"],
  });
export type CycleInput = z.infer<typeof cycleInputSchema>;

export const cyclePatchSchema = z
  .object({
    name: shortText("Name", 80).optional(),
    workshopDate: isoDateSchema.optional(),
    agmDate: isoDateSchema.optional(),
    updateIntervalDays: z.number().int().min(7).max(365).optional(),
    version: z.number().int().positive(),
  })
  .refine((c) => !c.workshopDate || !c.agmDate || c.workshopDate <= c.agmDate, {
    error: "The AGM cannot be before the workshop",
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
