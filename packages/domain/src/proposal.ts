/**
 * Proposals: a question put to the group between meetings. Each member organisation gives one
 * position (any of its members may give or change it until the proposal closes); the quorum is
 * counted in organisations, never in people.
 */
import { z } from "zod";
import { dateTimeSchema, longText, shortText } from "./common.ts";
import { decisionEffectSchema } from "./meeting.ts";
import { visibilitySchema } from "./visibility.ts";

export const proposalKinds = ["consent", "sense_check", "choice", "time"] as const;
export const proposalKindSchema = z.enum(proposalKinds, { error: "Choose the kind of proposal" });
export type ProposalKind = z.infer<typeof proposalKindSchema>;
export const proposalKindLabels: Record<ProposalKind, string> = {
  consent: "Consent",
  sense_check: "Sense check",
  choice: "Choose one or more options",
  time: "Find a time",
};

export const proposalStates = ["open", "closed", "withdrawn"] as const;
export type ProposalState = (typeof proposalStates)[number];

/** The answers a consent or sense-check proposal takes; a block needs a reason. */
export const stances = ["agree", "abstain", "disagree", "block"] as const;
export const stanceSchema = z.enum(stances, { error: "Choose agree, abstain, disagree or block" });
export type Stance = z.infer<typeof stanceSchema>;
export const stanceLabels: Record<Stance, string> = { agree: "Agree", abstain: "Abstain", disagree: "Disagree", block: "Block" };

const optionsSchema = z
  .array(shortText("An option", 200, "Enter each option"), { error: "Enter the options" })
  .max(50, { error: "Give 50 options or fewer" })
  .refine((o) => new Set(o).size === o.length, { error: "Give each option only once" });

const proposalFields = {
  question: shortText("The question", 300, "Enter the question"),
  description: longText(20_000).default(""),
  kind: proposalKindSchema,
  /** For choice: the options; for time: the proposed slots, as labels (e.g. "Tue 8 Dec, 10:00"). */
  options: optionsSchema.default([]),
  closesAt: dateTimeSchema,
  quorum: z
    .number({ error: "Enter the quorum as a number of organisations" })
    .int({ error: "Enter the quorum as a whole number of organisations" })
    .min(0, { error: "The quorum cannot be negative" })
    .max(1000, { error: "Enter a quorum of 1000 organisations or fewer" }),
  visibility: visibilitySchema.default("members"),
  alertId: z.number().int().positive().nullable().default(null),
  meetingId: z.number().int().positive().nullable().default(null),
  goalId: z.number().int().positive().nullable().default(null),
};

function checkOptions(p: { kind?: ProposalKind | undefined; options?: string[] | undefined }, ctx: z.RefinementCtx) {
  if ((p.kind === "choice" || p.kind === "time") && (p.options?.length ?? 0) < 2) {
    ctx.addIssue({
      code: "custom",
      path: ["options"],
      message: p.kind === "time" ? "Propose at least two times" : "Give at least two options",
    });
  }
}

export const proposalInputSchema = z.object(proposalFields).superRefine(checkOptions);
export type ProposalInput = z.infer<typeof proposalInputSchema>;

export const proposalPatchSchema = z
  .object({
    question: proposalFields.question,
    description: longText(20_000),
    options: optionsSchema,
    quorum: proposalFields.quorum,
    visibility: visibilitySchema,
  })
  .partial()
  .extend({ version: z.number({ error: "Say which version you edited" }).int().positive() });
export type ProposalPatch = z.infer<typeof proposalPatchSchema>;

const version = z.number({ error: "Say which version you edited" }).int().positive();
export const proposalCloseSchema = z.object({ version, outcome: longText(5_000).default("") });
export const proposalExtendSchema = z.object({ version, closesAt: dateTimeSchema });
export const proposalWithdrawSchema = z.object({ version, reason: longText(2_000).default("") });
/** The outcome in words and, like a meeting's decision, what it does to a goal (nothing unless given). */
export const proposalOutcomeSchema = z.object({
  version,
  outcome: shortText("The outcome", 5_000, "Enter the outcome", "multi"),
  decision: decisionEffectSchema.default({ action: "none" }),
});
export type ProposalOutcome = z.infer<typeof proposalOutcomeSchema>;

export const positionInputSchema = z
  .object({
    /** Members give their own organisation's position (may be left out); the convenor names one. */
    organisationId: z.number().int().positive().optional(),
    stance: stanceSchema.optional(),
    /** For choice and time: the indexes of the options chosen. */
    choices: z.array(z.number().int().min(0)).max(50).default([]),
    reason: longText(5_000).default(""),
  })
  .superRefine((p, ctx) => {
    if (p.stance === "block" && p.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason for blocking" });
  });
export type PositionInput = z.infer<typeof positionInputSchema>;

export type PositionRefusal = { code: "proposal_closed" | "proposal_withdrawn"; message: string };

/** Whether a position may still be given or changed: open and before the closing time. */
export function positionRefusal(p: { state: ProposalState; closesAt: string }, now: Date): PositionRefusal | null {
  if (p.state === "withdrawn") return { code: "proposal_withdrawn", message: "This proposal was withdrawn, so it takes no positions." };
  if (p.state === "closed" || Date.parse(p.closesAt) <= now.getTime())
    return { code: "proposal_closed", message: "This proposal has closed, so positions can no longer be given or changed." };
  return null;
}

/**
 * Whether a position fits the proposal's kind: consent and sense check take a stance; choice takes
 * one or more options; time takes the slots an organisation can make (possibly none). Returns the
 * field to blame and a message, or null.
 */
export function positionProblem(kind: ProposalKind, optionCount: number, p: Pick<PositionInput, "stance" | "choices">) {
  if (kind === "consent" || kind === "sense_check") {
    if (!p.stance) return { field: "stance", message: "Choose agree, abstain, disagree or block" };
    if (kind === "sense_check" && p.stance === "block") return { field: "stance", message: "A sense check cannot be blocked" };
    if (p.choices.length) return { field: "choices", message: "This proposal does not take options" };
    return null;
  }
  if (p.stance) return { field: "stance", message: "This proposal takes options, not agree or disagree" };
  if (p.choices.some((c) => c >= optionCount)) return { field: "choices", message: "Choose from the options given" };
  if (new Set(p.choices).size !== p.choices.length) return { field: "choices", message: "Choose each option only once" };
  if (kind === "choice" && p.choices.length === 0) return { field: "choices", message: "Choose at least one option" };
  return null;
}

export interface PositionLike {
  stance: Stance | null;
  choices: readonly number[];
}

export interface ProposalTally {
  /** Organisations that have given a position (abstentions count towards the quorum). */
  organisations: number;
  quorum: number;
  quorumMet: boolean;
  stances: Record<Stance, number>;
  /** For choice and time: organisations choosing each option, by index. */
  options: number[];
}

/** Counts positions, one per organisation, against a quorum counted in organisations. */
export function tallyPositions(positions: readonly PositionLike[], quorum: number, optionCount: number): ProposalTally {
  const t: ProposalTally = {
    organisations: positions.length,
    quorum,
    quorumMet: quorumMet(positions.length, quorum),
    stances: { agree: 0, abstain: 0, disagree: 0, block: 0 },
    options: Array.from({ length: optionCount }, () => 0),
  };
  for (const p of positions) {
    if (p.stance) t.stances[p.stance] += 1;
    for (const c of p.choices) if (c < optionCount) t.options[c] = (t.options[c] ?? 0) + 1;
  }
  return t;
}

export function quorumMet(organisationsResponding: number, quorum: number): boolean {
  return organisationsResponding >= quorum;
}

/** What the count says, before the convenor records the outcome in words. */
const n = z.number().int();

/** What a proposal's count says; the API's answer schema is this one too. */
export const proposalResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("no_quorum"), organisations: n, quorum: n }),
  z.object({ kind: z.literal("consent_given") }),
  z.object({ kind: z.literal("blocked"), blocks: n }),
  z.object({ kind: z.literal("sense"), agree: n, disagree: n, abstain: n }),
  /** The options (by index) with the most organisations, and that count. */
  z.object({ kind: z.literal("leading"), options: z.array(n), count: n }),
]);
export type ProposalResult = z.infer<typeof proposalResultSchema>;

export function proposalResult(kind: ProposalKind, tally: ProposalTally): ProposalResult {
  if (!tally.quorumMet) return { kind: "no_quorum", organisations: tally.organisations, quorum: tally.quorum };
  if (kind === "consent") return tally.stances.block > 0 ? { kind: "blocked", blocks: tally.stances.block } : { kind: "consent_given" };
  if (kind === "sense_check")
    return { kind: "sense", agree: tally.stances.agree, disagree: tally.stances.disagree, abstain: tally.stances.abstain };
  const count = Math.max(0, ...tally.options);
  return { kind: "leading", count, options: count === 0 ? [] : tally.options.flatMap((n, i) => (n === count ? [i] : [])) };
}

export const proposalListQuerySchema = z.object({ state: z.enum(proposalStates).optional() });
