/**
 * What the group decided by proposal and what it said in its letters and statements, as one
 * viewer may see them: for the public page (anonymous) and the AGM deck (its audience's viewer).
 * Visibility is filtered in the queries; only named signatories are ever listed here, so an
 * organisation that supported a statement unnamed is in no public page or deck, even a members' one.
 */
import { type Db, listProposals, listRecipients, listSignatures, listStatements } from "@convene/db";
import type { Viewer } from "@convene/domain";

/** From and to are ISO dates, both included; either may be left out. */
interface Span {
  from?: string;
  to?: string;
}
const within = (date: string | null, span: Span) =>
  date !== null && (!span.from || date.slice(0, 10) >= span.from) && (!span.to || date.slice(0, 10) <= span.to);

/** Closed proposals with a recorded outcome, oldest first, counted in organisations. */
export async function decisionsTaken(db: Db, viewer: Viewer, span: Span = {}) {
  const proposals = await listProposals(db, viewer, { state: "closed" });
  return proposals
    .filter((p) => p.outcome && within(p.closedAt, span))
    .sort((a, b) => (a.closedAt ?? "").localeCompare(b.closedAt ?? "") || a.id - b.id)
    .map((p) => ({
      id: p.id,
      question: p.question,
      kind: p.kind,
      closedAt: p.closedAt!,
      outcome: p.outcome!,
      organisations: p.tally.organisations,
      quorum: p.quorum,
      quorumMet: p.tally.quorumMet,
    }));
}

/** Published statements, oldest first, with their named signatories, recipients and replies. */
export async function lettersAndReplies(db: Db, viewer: Viewer, span: Span = {}) {
  const statements = (await listStatements(db, viewer, { state: "published" }))
    .filter((s) => within(s.publishedOn, span))
    .sort((a, b) => (a.publishedOn ?? "").localeCompare(b.publishedOn ?? "") || a.id - b.id);
  return Promise.all(
    statements.map(async (s) => {
      const [signatures, recipients] = await Promise.all([listSignatures(db, viewer, s.id), listRecipients(db, s.id)]);
      const named = signatures.filter((sig) => sig.named);
      return {
        id: s.id,
        title: s.title,
        kind: s.kind,
        publishedOn: s.publishedOn!,
        text: s.text,
        signatories: named.map((sig) => sig.organisationName),
        recipients: recipients.map((r) => ({
          name: r.name,
          sentOn: r.sentOn,
          repliedOn: r.repliedOn,
          replySummary: r.replySummary,
          replyUrl: r.replyUrl,
        })),
      };
    }),
  );
}
