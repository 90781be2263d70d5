/** How a proposal reads on screen: its closing time in words, its count and what the count says. */
import { daysUntil, type ProposalKind, type ProposalResult, type ProposalState, type Stance, stanceLabels, stances } from "@convene/domain";
import { plural, relativeDays } from "./format.ts";

export function closingWords(p: { state: ProposalState; closesAt: string }, now = new Date()): string {
  if (p.state === "withdrawn") return "Withdrawn";
  if (p.state === "closed") return "Closed";
  const ms = Date.parse(p.closesAt) - now.getTime();
  if (ms <= 0) return "Closing time passed";
  const hours = Math.ceil(ms / 3_600_000);
  if (hours < 24) return `closes in ${plural(hours, "hour")}`;
  return `closes ${relativeDays(daysUntil(p.closesAt, now))}`;
}

/** The stances a kind takes: a sense check cannot be blocked. */
export const stancesFor = (kind: ProposalKind): readonly Stance[] =>
  kind === "sense_check" ? stances.filter((s) => s !== "block") : stances;

export const takesStance = (kind: ProposalKind) => kind === "consent" || kind === "sense_check";

/** "7 of 10 organisations needed": the quorum is counted in organisations, never in people. */
export function quorumWords(t: { organisations: number; quorum: number; quorumMet: boolean }): string {
  const given = `${plural(t.organisations, "organisation")} of ${t.quorum} needed`;
  return t.quorumMet ? `Quorum reached: ${given}` : `Quorum not reached: ${given}`;
}

/** One position in words: "Agree", or the options chosen. */
export function positionWords(kind: ProposalKind, options: readonly string[], p: { stance: Stance | null; choices: readonly number[] }) {
  if (takesStance(kind)) return p.stance ? stanceLabels[p.stance] : "—";
  if (p.choices.length === 0) return kind === "time" ? "None of these times" : "—";
  return p.choices.map((c) => options[c] ?? `Option ${c + 1}`).join(", ");
}

/** What the count says, before the convenor records the outcome in their own words. */
export function resultWords(result: ProposalResult, options: readonly string[]): string {
  switch (result.kind) {
    case "no_quorum":
      return `No quorum: ${plural(result.organisations, "organisation")} gave a position, ${result.quorum} needed.`;
    case "consent_given":
      return "Consent given: no organisation blocked.";
    case "blocked":
      return `Blocked by ${plural(result.blocks, "organisation")}.`;
    case "sense":
      return `${result.agree} agree, ${result.disagree} disagree, ${result.abstain} abstain.`;
    case "leading":
      return result.options.length === 0
        ? "No option was chosen."
        : `Most chosen (${plural(result.count, "organisation")}): ${result.options.map((i) => options[i] ?? `Option ${i + 1}`).join(", ")}.`;
  }
}
