/**
 * Sign-on statements: a Markdown text with versions, signed per organisation by the people the
 * convenor has marked as able to sign for it, listed publicly or supporting unnamed; recipients
 * and their replies. Published, a statement becomes a milestone naming only the named signatories.
 */
import { z } from "zod";
import { dateTimeSchema, isoDateSchema, longText, optionalUrl, shortText } from "./common.ts";
import { visibilitySchema } from "./visibility.ts";

export const statementKinds = ["open_letter", "statement"] as const;
export const statementKindSchema = z.enum(statementKinds, { error: "Choose open letter or statement" });
export type StatementKind = z.infer<typeof statementKindSchema>;

export const statementStates = ["open", "published", "withdrawn"] as const;
export type StatementState = (typeof statementStates)[number];

const version = z.number({ error: "Say which version you edited" }).int().positive();

export const statementInputSchema = z.object({
  title: shortText("Title", 300, "Enter the title"),
  kind: statementKindSchema.default("open_letter"),
  text: shortText("The text", 100_000, "Enter the text of the statement", "multi"),
  deadline: dateTimeSchema,
  visibility: visibilitySchema.default("members"),
});
export type StatementInput = z.infer<typeof statementInputSchema>;

export const statementPatchSchema = z
  .object({
    title: shortText("Title", 300, "Enter the title"),
    kind: statementKindSchema,
    text: shortText("The text", 100_000, "Enter the text of the statement", "multi"),
    /** Why the text changed, shown to the signatories asked to confirm again. */
    changeNote: longText(2_000),
    deadline: dateTimeSchema,
    visibility: visibilitySchema,
  })
  .partial()
  .extend({ version });
export type StatementPatch = z.infer<typeof statementPatchSchema>;

export const signersInputSchema = z.object({
  userIds: z.array(z.string().min(1), { error: "List the people who may sign" }).max(100),
});

export const signatureInputSchema = z.object({
  /** Members sign for their own organisation (may be left out). */
  organisationId: z.number().int().positive().optional(),
  named: z.boolean({ error: "Choose whether your organisation is listed publicly or supports it unnamed" }),
  /** The text version being signed: signing an older text than the current one is refused. */
  textVersion: z.number({ error: "Say which version of the text you are signing" }).int().positive(),
});
export type SignatureInput = z.infer<typeof signatureInputSchema>;

export const recipientInputSchema = z.object({
  name: shortText("The recipient", 300, "Enter who it is sent to"),
  sentOn: isoDateSchema.nullable().default(null),
});
export const recipientPatchSchema = z
  .object({
    name: shortText("The recipient", 300, "Enter who it is sent to"),
    sentOn: isoDateSchema.nullable(),
    repliedOn: isoDateSchema.nullable(),
    replyText: longText(20_000),
    replyUrl: optionalUrl,
    replySummary: longText(2_000),
  })
  .partial();

export const publishSchema = z.object({ version, publishedOn: isoDateSchema });

export type SignRefusal = { status: 403 | 409; code: "forbidden" | "statement_closed" | "deadline_passed"; message: string };

/**
 * Who may sign for an organisation: only someone the convenor has marked for it, and only while
 * the statement is open and before its deadline.
 */
export function signRefusal(
  statement: { state: StatementState; deadline: string },
  mayFor: readonly { userId: string; organisationId: number }[],
  signer: { userId: string; organisationId: number },
  now: Date,
): SignRefusal | null {
  if (!mayFor.some((m) => m.userId === signer.userId && m.organisationId === signer.organisationId))
    return { status: 403, code: "forbidden", message: "You have not been marked as someone who may sign for this organisation." };
  if (statement.state !== "open")
    return { status: 409, code: "statement_closed", message: "This statement is no longer open for signatures." };
  if (Date.parse(statement.deadline) <= now.getTime())
    return { status: 409, code: "deadline_passed", message: "The sign-off deadline has passed." };
  return null;
}

/**
 * A new text version after the first signature asks every signatory to confirm again: a signature
 * counts as confirmed only for the text version it was given on.
 */
export function needsConfirmation(signature: { confirmedTextVersion: number }, currentTextVersion: number): boolean {
  return signature.confirmedTextVersion < currentTextVersion;
}

/** Whether a patch changes the text itself (titles and deadlines do not ask anyone to confirm again). */
export function changesText(current: { text: string }, patch: { text?: string | undefined }): boolean {
  return patch.text !== undefined && patch.text !== current.text;
}

/** The organisations a published statement's milestone names: named signatories only, confirmed on the final text. */
export function contributingOrganisations(
  signatures: readonly { organisationId: number; named: boolean; confirmedTextVersion: number }[],
  finalTextVersion: number,
): number[] {
  return signatures.filter((s) => s.named && !needsConfirmation(s, finalTextVersion)).map((s) => s.organisationId);
}
