/**
 * What an exported statement says, for one viewer: its final text, the date, the recipients and
 * the organisations that signed it on that text. Only named signatories are listed; how many
 * support it unnamed is told only to viewers who may know that unnamed supporters exist (members
 * and the convenor), and never which they are.
 */
import { type Db, getStatement, listRecipients, listSignatures } from "@convene/db";
import { todayIso, ukDate, type Viewer } from "@convene/domain";
import { notFound } from "../../errors.ts";
import { groupNames } from "../group.ts";
import { type Block, markdownBlocks } from "./markdown-blocks.ts";

export interface StatementLetter {
  groupName: string | null;
  title: string;
  /** "12 December 2019": the day published, or today for a statement still open. */
  date: string;
  /** The sign-off deadline while signatures are still open: the letter is then a draft. */
  draftUntil: string | null;
  recipients: string[];
  blocks: Block[];
  signatories: string[];
  /** How many support it unnamed, or null when the viewer may not be told. */
  unnamedCount: number | null;
  /** A file name without its extension. */
  fileName: string;
}

export async function statementLetter(db: Db, viewer: Viewer, id: number, now = new Date()): Promise<StatementLetter> {
  const statement = await getStatement(db, viewer, id);
  if (!statement) throw notFound("That statement");
  const [signatures, recipients, group] = await Promise.all([listSignatures(db, viewer, id), listRecipients(db, id), groupNames(db)]);
  // A signature given on an earlier text does not sign this one until it is confirmed again.
  const onFinalText = signatures.filter((s) => !s.needsConfirmation);
  const groupSees = viewer === "member" || viewer === "convenor";
  const slug = statement.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return {
    groupName: group.name,
    title: statement.title,
    date: ukDate(statement.publishedOn ?? todayIso(now)),
    draftUntil: statement.state === "open" ? ukDate(statement.deadline) : null,
    recipients: recipients.map((r) => r.name),
    blocks: markdownBlocks(statement.text),
    signatories: onFinalText.filter((s) => s.named).map((s) => s.organisationName),
    unnamedCount: groupSees ? onFinalText.filter((s) => !s.named).length : null,
    fileName: `statement-${statement.id}${slug ? `-${slug}` : ""}`,
  };
}

/** "and 3 organisations who support it without being named", or null when there is nothing to say. */
export function unnamedWords(letter: Pick<StatementLetter, "unnamedCount" | "signatories">): string | null {
  const n = letter.unnamedCount;
  if (!n) return null;
  const who = n === 1 ? "organisation who supports" : "organisations who support";
  return `${letter.signatories.length ? "and " : ""}${n} ${who} it without being named`;
}
