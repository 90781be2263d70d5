import { z } from "zod";
import { longText } from "./common.ts";
import { goalStatusSchema } from "./goal-status.ts";
import { visibilitySchema } from "./visibility.ts";

/** A dated note with new measure values and/or a status, posted for one organisation. */
export const progressUpdateInputSchema = z
  .object({
    goalId: z.number().int().positive(),
    /** Which organisation the update speaks for; members may only use their own. */
    organisationId: z.number().int().positive().nullable().default(null),
    note: longText(10_000, "Note").default(""),
    status: goalStatusSchema.nullable().default(null),
    confidence: z
      .number()
      .int()
      .min(0, { error: "Confidence is from 0 to 10" })
      .max(10, { error: "Confidence is from 0 to 10" })
      .nullable()
      .default(null),
    values: z
      .array(
        z.object({
          measureId: z.number().int().positive(),
          value: z
            .number({ error: "Enter the new value as a number" })
            .refine(Number.isFinite, { error: "Enter the new value as a number" }),
        }),
      )
      .max(100)
      .default([])
      .refine((vs) => new Set(vs.map((v) => v.measureId)).size === vs.length, { error: "Give each measure only one new value" }),
    visibility: visibilitySchema.default("members"),
  })
  .refine((u) => u.note.length > 0 || u.status !== null || u.values.length > 0, {
    error: "Write a note, choose a status or enter at least one new value",
    path: ["note"],
  });
export type ProgressUpdateInput = z.infer<typeof progressUpdateInputSchema>;
