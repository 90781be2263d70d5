import { z } from "zod";
import { shortText, withoutControlCharacters } from "./common.ts";

/**
 * How a goal is judged: a number moving from a baseline towards a target, or a milestone
 * that is done or not. `weight` says how much it counts in the goal's progress.
 */
export const measureKinds = ["numeric", "milestone"] as const;
export type MeasureKind = (typeof measureKinds)[number];

const finite = (label: string) =>
  z.number({ error: `${label} must be a number` }).refine(Number.isFinite, { error: `${label} must be a number` });
const weight = z
  .number({ error: "Weight must be a number" })
  .min(0, { error: "Weight cannot be negative" })
  .max(100, { error: "Weight must be 100 or less" });

export const numericMeasureInputSchema = z
  .object({
    kind: z.literal("numeric"),
    name: shortText("Name", 200, "Enter a name for the measure"),
    unit: withoutControlCharacters(z.string().trim().max(40, { error: "Unit must be 40 characters or fewer" }), "Unit").default(""),
    baseline: finite("Baseline"),
    target: finite("Target"),
    current: finite("Current value").optional(),
    weight: weight.default(1),
  })
  .refine((m) => m.baseline !== m.target, { error: "Target must differ from the baseline", path: ["target"] });

export const milestoneMeasureInputSchema = z.object({
  kind: z.literal("milestone"),
  name: shortText("Name", 200, "Enter a name for the measure"),
  done: z.boolean().default(false),
  weight: weight.default(1),
});

export const measureInputSchema = z.discriminatedUnion("kind", [numericMeasureInputSchema, milestoneMeasureInputSchema]);
export type MeasureInput = z.infer<typeof measureInputSchema>;

export const measureCreateSchema = z.intersection(z.object({ goalId: z.number().int().positive() }), measureInputSchema);

export const measurePatchSchema = z.object({
  name: shortText("Name", 200, "Enter a name for the measure").optional(),
  unit: withoutControlCharacters(z.string().trim().max(40, { error: "Unit must be 40 characters or fewer" }), "Unit").optional(),
  baseline: finite("Baseline").optional(),
  target: finite("Target").optional(),
  weight: weight.optional(),
  version: z.number().int().positive(),
});

/** The facts progress is computed from; current is the latest value the viewer may see. */
export interface MeasureFacts {
  kind: MeasureKind;
  baseline: number | null;
  target: number | null;
  current: number | null;
  weight: number;
}

/**
 * A measure's unit beside one value: units are written as plurals ("meetings", "submissions",
 * "enquiries"), so a value of exactly 1 takes the singular ("1 meeting", "1 enquiry"). Units that
 * are not plain English plurals ("%", "people", "MPs'", "access") are left as they are.
 */
export function unitFor(value: number, unit: string): string {
  if (value !== 1 || !/^[\p{L} -]*[a-z]s$/u.test(unit) || /(ss|us|is)$/.test(unit)) return unit;
  if (/[^aeiou]ies$/.test(unit)) return `${unit.slice(0, -3)}y`;
  return unit.slice(0, -1);
}
