import { z } from "zod";
import { isoDateSchema } from "./common.ts";
import { goalStatusSchema } from "./goal-status.ts";
import { datePrecisionSchema } from "./milestone.ts";

/**
 * The AGM report: plain data the API computes for one cycle and one audience, from which the
 * slide deck (PowerPoint and presentation mode) is drawn. A public report is built by querying
 * as an anonymous viewer, so nothing private is ever in it. Sections other issues add (road map,
 * milestones, contributions, meetings) are optional: a slide appears only when its data is here.
 */
export const agmAudiences = ["members", "public"] as const;
export const agmAudienceSchema = z.enum(agmAudiences);
export type AgmAudience = z.infer<typeof agmAudienceSchema>;

const progressSchema = z.number().min(0).max(1).nullable();

export const agmGoalSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  themeName: z.string(),
  status: goalStatusSchema,
  progress: progressSchema,
  leadName: z.string().nullable(),
});
export type AgmGoal = z.infer<typeof agmGoalSchema>;

export const agmReportSchema = z.object({
  audience: agmAudienceSchema,
  groupName: z.string(),
  cycle: z.object({ id: z.number().int(), name: z.string(), workshopDate: isoDateSchema, agmDate: isoDateSchema }),
  /** Every goal of the cycle the audience may see, dropped ones included, ordered by theme then title. */
  goals: z.array(agmGoalSchema),
  figures: z.object({
    /** Mean progress of the goals that count (not dropped), or null when none can say. */
    progress: progressSchema,
    progressUpdates: z.number().int(),
    /** Organisations that lead or support at least one goal of the cycle. */
    organisationsInvolved: z.number().int(),
  }),
  progressByTheme: z.array(z.object({ themeName: z.string(), goals: z.number().int(), progress: progressSchema })),
  progressOverTime: z.array(z.object({ date: isoDateSchema, progress: progressSchema })),
  /** Goals copied into a later cycle, with the cycle they went on in. */
  carriedForward: z.array(agmGoalSchema.extend({ toCycleName: z.string() })),
  /** Open goals not achieved and not yet copied forward: proposed to carry on next cycle. */
  proposed: z.array(agmGoalSchema),
  /** Member organisations (current members, not those that have left), by name. */
  organisations: z.array(z.object({ name: z.string(), shortName: z.string() })),

  // Optional sections, filled by the road map, milestones, contributions and meetings work.
  roadmap: z
    .array(
      z.object({
        title: z.string(),
        workstream: z.string(),
        start: isoDateSchema,
        end: isoDateSchema,
        status: z.string(),
      }),
    )
    .optional(),
  milestones: z
    .array(
      z.object({
        date: isoDateSchema,
        /** How precisely the date is known: the slide shows "June 2018" or "Autumn 2019", not a made-up day. */
        datePrecision: datePrecisionSchema.optional(),
        title: z.string(),
        kind: z.string(),
      }),
    )
    .optional(),
  contributions: z.array(z.object({ organisation: z.string(), count: z.number().int(), hours: z.number().nullable() })).optional(),
  meetings: z
    .array(
      z.object({
        date: isoDateSchema,
        title: z.string(),
        kind: z.string(),
        organisationsAttending: z.number().int(),
        /** False when nobody recorded who came (so the slide does not claim nobody did). */
        attendanceRecorded: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Proposals closed in the cycle with their outcome, counted in organisations ("Decisions taken this year"). */
  decisions: z
    .array(
      z.object({
        closedAt: isoDateSchema,
        question: z.string(),
        outcome: z.string(),
        organisations: z.number().int(),
        quorum: z.number().int(),
        quorumMet: z.boolean(),
      }),
    )
    .optional(),
  /** Statements published in the cycle: named signatories only (never the unnamed), recipients and their replies. */
  statements: z
    .array(
      z.object({
        publishedOn: isoDateSchema,
        title: z.string(),
        kind: z.string(),
        namedSignatories: z.number().int(),
        recipients: z.array(z.object({ name: z.string(), repliedOn: isoDateSchema.nullable(), replySummary: z.string() })),
      }),
    )
    .optional(),
  /**
   * "Since the last AGM": each goal's progress on an earlier date and at the report's date, and the
   * milestones dated in between, from the same comparison the overview shows.
   */
  since: z
    .object({
      since: isoDateSchema,
      /** What the earlier date is: the previous cycle's AGM, or this cycle's workshop when there is none. */
      basis: z.enum(["previous_agm", "workshop", "chosen"]),
      before: progressSchema,
      after: progressSchema,
      goals: z.array(z.object({ title: z.string(), before: progressSchema, after: progressSchema, isNew: z.boolean() })),
      newMilestones: z.array(z.object({ date: isoDateSchema, datePrecision: datePrecisionSchema, title: z.string() })),
    })
    .optional(),
});
export type AgmReport = z.infer<typeof agmReportSchema>;

/** `?cycle=…&audience=…`; without an audience, observers get the public deck and everyone else the members' one. */
const cycleParam = z.coerce.number({ error: "Choose a cycle" }).int().positive({ error: "Choose a cycle" });

/** `cycleId`, as the rest of the API names it; the older `cycle` still works. */
export const agmQuerySchema = z
  .object({ cycleId: cycleParam.optional(), cycle: cycleParam.optional(), audience: agmAudienceSchema.optional() })
  .refine((q) => q.cycleId !== undefined || q.cycle !== undefined, { error: "Choose a cycle", path: ["cycleId"] })
  .transform(({ cycleId, cycle, audience }) => ({ cycle: (cycleId ?? cycle) as number, audience }));
