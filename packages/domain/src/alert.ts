/**
 * Coordinated-action alerts ("sounding the alarm"): an emerging threat or an opportunity, with an
 * ask and a deadline. Each organisation answers once and may change its answer until the deadline.
 */
import { z } from "zod";
import { alertStates } from "./choices.ts";
import { dateAndTime, shortText, withoutControlCharacters } from "./common.ts";
import { visibilitySchema } from "./visibility.ts";

export const alertKinds = ["emerging_threat", "opportunity"] as const;
export const alertKindSchema = z.enum(alertKinds, { error: "Choose whether this is an emerging threat or an opportunity" });
export type AlertKind = z.infer<typeof alertKindSchema>;
export const alertKindLabels: Record<AlertKind, string> = { emerging_threat: "Emerging threat", opportunity: "Opportunity" };

/** From least to most pressing. Shown as a word and a shape, never colour alone. */
export const alertUrgencies = ["routine", "high", "critical"] as const;
export const alertUrgencySchema = z.enum(alertUrgencies, { error: "Choose how urgent this is" });
export type AlertUrgency = z.infer<typeof alertUrgencySchema>;
export const alertUrgencyLabels: Record<AlertUrgency, string> = { routine: "Routine", high: "High", critical: "Critical" };

export { alertStates } from "./choices.ts";
export const alertStateSchema = z.enum(alertStates);
export type AlertState = z.infer<typeof alertStateSchema>;
export const alertStateLabels: Record<AlertState, string> = { open: "Open", closed: "Closed", withdrawn: "Withdrawn" };

export const alertResponses = ["join", "cannot", "need_info"] as const;
export const alertResponseSchema = z.enum(alertResponses, { error: "Choose your organisation's answer" });
export type AlertResponse = z.infer<typeof alertResponseSchema>;
export const alertResponseLabels: Record<AlertResponse, string> = {
  join: "Joining",
  cannot: "Can't join",
  need_info: "Need more information",
};

/** A moment in time with its offset, e.g. 2026-12-01T17:00:00.000Z (the form sends UTC). */

const alertFields = {
  title: shortText("Title", 200),
  situation: shortText("Situation or country", 200, "Enter the situation or country"),
  kind: alertKindSchema,
  urgency: alertUrgencySchema,
  ask: shortText("The ask", 5_000, "Enter what the group is asked to do", "multi"),
  deadline: dateAndTime("deadline"),
  visibility: visibilitySchema,
  /** What the group is asked to act on, if anything: an open proposal or statement, never both ("Sign by Friday"). */
  proposalId: z.number({ error: "Choose the proposal from the list" }).int().positive().nullable(),
  statementId: z.number({ error: "Choose the statement from the list" }).int().positive().nullable(),
};

const carriesOne = (a: { proposalId?: number | null | undefined; statementId?: number | null | undefined }, ctx: z.RefinementCtx) => {
  if (a.proposalId && a.statementId)
    ctx.addIssue({ code: "custom", path: ["statementId"], message: "An alert can carry a proposal or a statement, not both" });
};

export const alertInputSchema = z
  .object({
    ...alertFields,
    kind: alertFields.kind.default("emerging_threat"),
    urgency: alertFields.urgency.default("high"),
    visibility: alertFields.visibility.default("members"),
    proposalId: alertFields.proposalId.default(null),
    statementId: alertFields.statementId.default(null),
  })
  .superRefine(carriesOne);
export type AlertInput = z.infer<typeof alertInputSchema>;

export const alertPatchSchema = z.object(alertFields).partial().extend({ version: z.number().int().positive() }).superRefine(carriesOne);
export type AlertPatch = z.infer<typeof alertPatchSchema>;

export const alertCloseSchema = z.object({
  version: z.number().int().positive(),
  outcome: shortText("Outcome", 5_000, "Enter the outcome", "multi"),
  successful: z.boolean({ error: "Say whether the outcome was successful" }),
});
export type AlertClose = z.infer<typeof alertCloseSchema>;

export const alertWithdrawSchema = z.object({
  version: z.number().int().positive(),
  reason: withoutControlCharacters(
    z.string().trim().max(2_000, { error: "This must be 2,000 characters or fewer" }),
    "The reason",
    "multi",
  ).default(""),
});

export const alertAnswerSchema = z.object({
  /** Members answer for their own organisation (may be left out); the convenor names one. */
  organisationId: z.number().int().positive().optional(),
  response: alertResponseSchema,
  note: withoutControlCharacters(
    z.string().trim().max(2_000, { error: "This must be 2,000 characters or fewer" }),
    "The note",
    "multi",
  ).default(""),
});
export type AlertAnswerInput = z.infer<typeof alertAnswerSchema>;

export const alertListQuerySchema = z.object({ state: alertStateSchema.optional() });

export type AnswerRefusal = { code: "alert_closed" | "alert_withdrawn" | "deadline_passed"; message: string };

/** Whether an organisation may still answer (or change its answer): open and before the deadline. */
export function answerRefusal(alert: { state: AlertState; deadline: string }, now: Date): AnswerRefusal | null {
  if (alert.state === "closed")
    return { code: "alert_closed", message: "This alert has been closed, so answers can no longer be given or changed." };
  if (alert.state === "withdrawn") return { code: "alert_withdrawn", message: "This alert was withdrawn, so it takes no answers." };
  if (Date.parse(alert.deadline) <= now.getTime())
    return { code: "deadline_passed", message: "The deadline for this alert has passed, so answers can no longer be given or changed." };
  return null;
}

export type AnswerTally = Record<AlertResponse, number> & { total: number };

export function tallyAnswers(answers: readonly { response: AlertResponse }[]): AnswerTally {
  const tally: AnswerTally = { join: 0, cannot: 0, need_info: 0, total: 0 };
  for (const a of answers) {
    tally[a.response] += 1;
    tally.total += 1;
  }
  return tally;
}

/** Open alerts first, most pressing deadline first; then the rest, newest deadline first. */
export function compareAlerts(a: { state: AlertState; deadline: string }, b: { state: AlertState; deadline: string }): number {
  const aOpen = a.state === "open" ? 0 : 1;
  const bOpen = b.state === "open" ? 0 : 1;
  if (aOpen !== bOpen) return aOpen - bOpen;
  return aOpen === 0 ? a.deadline.localeCompare(b.deadline) : b.deadline.localeCompare(a.deadline);
}

/** What an alert carries, as the people who may see it are shown it: null when nothing, or nothing they may see. */
export type AlertCarries = {
  kind: "proposal" | "statement";
  id: number;
  title: string;
  /** When the proposal closes or the statement's sign-off ends. */
  deadline: string;
  state: string;
} | null;

/** The call to act that an alert carrying something makes, in words: "Sign by 5 December 2026". */
export function carriesAsk(c: NonNullable<AlertCarries>): string {
  return c.kind === "statement" ? `Sign “${c.title}”` : `Give your organisation's position on “${c.title}”`;
}
