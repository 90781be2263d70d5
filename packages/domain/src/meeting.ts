import { z } from "zod";
import { meetingKinds } from "./choices.ts";
import { calendarDate, dateAndTime, isoDateSchema, longText, optionalUrl, shortText } from "./common.ts";
import { goalStatusSchema } from "./goal-status.ts";
import { visibilitySchema } from "./visibility.ts";

/**
 * The group meets formally at least twice a year (the annual goal-setting workshop and the AGM),
 * ad hoc (say, in response to an emerging threat) and informally (an expert speaker, a social).
 */
export { meetingKinds } from "./choices.ts";
export const meetingKindSchema = z.enum(meetingKinds, { error: "Choose the kind of meeting" });
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingKindLabels: Record<MeetingKind, string> = {
  annual_workshop: "Annual workshop",
  agm: "AGM",
  ad_hoc: "Ad hoc meeting",
  informal: "Informal event",
};

/** A moment in time with its offset, e.g. 2026-06-12T10:00:00Z or 2026-06-12T11:00:00+01:00. */

export const attendanceStatuses = ["attended", "apologies"] as const;
export const attendanceStatusSchema = z.enum(attendanceStatuses, { error: "Choose attended or sent apologies" });
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;
export const attendanceStatusLabels: Record<AttendanceStatus, string> = { attended: "Attended", apologies: "Sent apologies" };

const meetingFields = {
  kind: meetingKindSchema,
  title: shortText("Title", 300),
  startsAt: dateAndTime("date and time the meeting starts"),
  endsAt: dateAndTime("date and time the meeting ends").nullable(),
  place: longText(500, "Place", "single").nullable(),
  onlineUrl: optionalUrl,
  agenda: longText(50_000, "Agenda"),
  minutes: longText(100_000, "Minutes"),
  visibility: visibilitySchema,
  /** The cycle the meeting belongs to; left out, it is the cycle whose dates contain the meeting. */
  cycleId: z.number().int().positive().nullable(),
};

const endsAfterStart = (m: { startsAt?: string | undefined; endsAt?: string | null | undefined }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const endsAfterStartRule = { error: "The meeting must end after it starts", path: ["endsAt"] };

export const meetingInputSchema = z
  .object({
    ...meetingFields,
    endsAt: meetingFields.endsAt.default(null),
    place: meetingFields.place.default(null),
    onlineUrl: meetingFields.onlineUrl.default(null),
    agenda: meetingFields.agenda.default(""),
    minutes: meetingFields.minutes.default(""),
    visibility: meetingFields.visibility.default("members"),
    cycleId: meetingFields.cycleId.optional(),
  })
  .refine(endsAfterStart, endsAfterStartRule);
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const meetingPatchSchema = z
  .object(meetingFields)
  .partial()
  .extend({ version: z.number().int().positive() })
  .refine(endsAfterStart, endsAfterStartRule);
export type MeetingPatch = z.infer<typeof meetingPatchSchema>;

export const meetingListQuerySchema = z.object({
  kind: meetingKindSchema.optional(),
  cycleId: z.coerce.number().int().positive().optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;

/** The whole attendance list of a meeting, replacing what was there. */
export const attendanceInputSchema = z.object({
  version: z.number().int().positive(),
  attendance: z
    .array(z.object({ organisationId: z.number().int().positive(), status: attendanceStatusSchema }))
    .max(500)
    .refine((rows) => new Set(rows.map((r) => r.organisationId)).size === rows.length, { error: "List each organisation only once" }),
});
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

const decisionText = shortText("Decision", 5_000, undefined, "multi");

/** What a decision does to a goal, apart from its words: shared by meeting decisions and proposal outcomes. */
const createGoalEffect = {
  action: z.literal("create_goal"),
  goal: z.object({
    cycleId: z.number().int().positive(),
    title: shortText("Title", 300),
    themeId: z.number().int().positive().nullable().default(null),
    leadOrganisationId: z.number().int().positive().nullable().default(null),
    dueDate: calendarDate("due date").nullable().default(null),
    visibility: visibilitySchema.optional(),
  }),
};
const changeGoalEffect = {
  action: z.literal("change_goal"),
  goalId: z.number().int().positive(),
  goalVersion: z.number().int().positive(),
  status: goalStatusSchema.optional(),
  dueDate: calendarDate("new due date").nullable().optional(),
};
const changesSomething = (d: { status?: unknown; dueDate?: unknown }) => d.status !== undefined || d.dueDate !== undefined;
const changesSomethingRule = { error: "Choose a new status or a new due date", path: ["status"] };

/** A decision as written down, and what it does to the goals: nothing, a new goal, or a change. */
export const decisionInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("none"), text: decisionText }),
  z.object({ ...createGoalEffect, text: decisionText }),
  z.object({ ...changeGoalEffect, text: decisionText }).refine(changesSomething, changesSomethingRule),
]);
/** What a decision does to the goals without its words, for an outcome that carries its own (a proposal's). */
export const decisionEffectSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("none") }),
  z.object(createGoalEffect),
  z.object(changeGoalEffect).refine(changesSomething, changesSomethingRule),
]);
export type DecisionEffect = z.infer<typeof decisionEffectSchema>;
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** Formal meetings a cycle needs: the group meets at least at its workshop and its AGM. */
export function missingFormalMeetings(kinds: readonly MeetingKind[]): ("annual_workshop" | "agm")[] {
  return (["annual_workshop", "agm"] as const).filter((k) => !kinds.includes(k));
}
