/** How a sign-on statement reads on screen: its kind, its state and its signatures in words. */
import type { StatementKind, StatementState } from "@convene/domain";
import { plural } from "./format.ts";

// Kept beside the screens until the domain carries its own labels for statements.
export const statementKindLabels: Record<StatementKind, string> = { open_letter: "Open letter", statement: "Statement" };
export const statementStateLabels: Record<StatementState, string> = {
  open: "Open for signatures",
  published: "Published",
  withdrawn: "Withdrawn",
};

/** "3 organisations signed (1 unnamed), 1 to confirm again". Observers are told 0 unnamed by the server. */
export function signatureWords(s: { named: number; unnamed: number; awaitingConfirmation: number }): string {
  const total = s.named + s.unnamed;
  if (total === 0) return "No signatures yet";
  const unnamed = s.unnamed ? ` (${s.unnamed} unnamed)` : "";
  const confirm = s.awaitingConfirmation ? `, ${s.awaitingConfirmation} to confirm the changed text` : "";
  return `${plural(total, "organisation")} signed${unnamed}${confirm}`;
}
