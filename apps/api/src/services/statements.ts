/**
 * Sign-on statements: the convenor drafts and edits the text (each change of text is a new
 * version, and every earlier signature must then be confirmed again), marks who may sign for
 * each organisation, records recipients and replies, and publishes, which records a milestone
 * naming only the named signatories. Every write runs, checks first, in the transaction the
 * route hands it; versioned changes and their audit entries go through the shared versioned edit.
 */

import {
  type Database,
  type Db,
  getStatement,
  insertMilestone,
  listRecipients,
  listSignatures,
  listSigners,
  listTextVersions,
  recordAudit,
  statementForWrite,
  upsertSignature,
} from "@convene/db";
import {
  changesText,
  contributingOrganisations,
  type recipientInputSchema,
  type recipientPatchSchema,
  type SignatureInput,
  type StatementInput,
  type StatementPatch,
  signRefusal,
  type Viewer,
} from "@convene/domain";
import type { Updateable } from "kysely";
import type { z } from "zod";
import { actorOf, type SessionUser } from "../context.ts";
import { ApiError, editConflict, invalid, notFound } from "../errors.ts";
import { milestoneForWrite } from "./milestones.ts";
import { notifyStatementOpened } from "./notifications.ts";
import { recordSay } from "./one-per-organisation.ts";
import { applyEdit } from "./versioned-edit.ts";

type Statement = NonNullable<Awaited<ReturnType<typeof statementForWrite>>>;
type RecipientInput = z.infer<typeof recipientInputSchema>;
type RecipientPatch = z.infer<typeof recipientPatchSchema>;

async function mustExist(db: Db, id: number): Promise<Statement> {
  const s = await statementForWrite(db, id);
  if (!s) throw notFound("That statement");
  return s;
}

/** Like a closed proposal or alert: 409 with a code of its own, apart from a stale version's "conflict". */
const notOpen = () => new ApiError(409, "statement_closed", "This statement is no longer open, so it cannot be changed.");

/** An open statement, read in the write's transaction, or 404 / 409. */
async function openStatement(trx: Db, id: number): Promise<Statement> {
  const before = await mustExist(trx, id);
  if (before.state !== "open") throw notOpen();
  return before;
}

/** The statement changed at `version` through the shared versioned edit (409 on a stale version), audited. */
function edit(
  trx: Db,
  user: SessionUser,
  before: Statement,
  version: number,
  values: Updateable<Database["statements"]>,
  alongside?: (db: Db) => Promise<void>,
) {
  return applyEdit(trx, "That statement", {
    table: "statements",
    id: before.id,
    version,
    values: { ...values, updatedAt: new Date().toISOString() },
    before,
    read: statementForWrite,
    alongside,
    audit: { actor: actorOf(user), entity: "statement" },
  });
}

/** The signing rules (who is marked for which organisation, open, before the deadline), in the write's transaction. */
async function signable(trx: Db, user: SessionUser, id: number, organisationId: number) {
  const statement = await getStatement(trx, user.role, id);
  if (!statement) throw notFound("That statement");
  const marked = await trx.selectFrom("statementSigners").select(["userId", "organisationId"]).where("statementId", "=", id).execute();
  const refusal = signRefusal(statement, marked, { userId: user.id, organisationId }, new Date());
  if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
  return statement;
}

function checkFuture(deadline: string | undefined) {
  if (deadline !== undefined && Date.parse(deadline) <= Date.now()) throw invalid("deadline", "Enter a sign-off deadline in the future");
}

/** The statement page: what `viewer` may see of it, or 404. Unnamed signatures reach members and the convenor only (the query filters them). */
export async function statementPage(db: Db, viewer: Viewer, id: number, userId?: string) {
  const statement = await getStatement(db, viewer, id);
  if (!statement) throw notFound("That statement");
  const groupSees = viewer === "member" || viewer === "convenor";
  const [signatures, versions, recipients, signers] = await Promise.all([
    listSignatures(db, viewer, id),
    listTextVersions(db, id),
    listRecipients(db, id),
    groupSees ? listSigners(db, id) : Promise.resolve([]),
  ]);
  return {
    statement,
    signatures,
    versions,
    recipients,
    // The convenor sees every marked signer; a member sees only the organisations they may sign for.
    signers: viewer === "convenor" ? signers : signers.filter((s) => s.userId === userId),
  };
}

export async function createStatement(trx: Db, user: SessionUser, input: StatementInput) {
  checkFuture(input.deadline);
  const now = new Date().toISOString();
  const { id } = await trx
    .insertInto("statements")
    .values({
      ...input,
      textVersion: 1,
      publishedOn: null,
      milestoneId: null,
      createdById: user.id,
      createdByName: user.name,
      createdAt: now,
      updatedAt: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("statementTextVersions")
    .values({ statementId: id, textVersion: 1, text: input.text, changeNote: "", createdByName: user.name, createdAt: now })
    .execute();
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "statement", entityId: id, after: await mustExist(trx, id) });
  await notifyStatementOpened(trx, {
    id,
    title: input.title,
    deadline: input.deadline,
    visibility: input.visibility,
    createdById: user.id,
  });
  return statementPage(trx, user.role, id, user.id);
}

export async function updateStatement(trx: Db, user: SessionUser, id: number, patch: StatementPatch) {
  const { version, changeNote, ...fields } = patch;
  checkFuture(fields.deadline);
  const before = await openStatement(trx, id);
  const newText = changesText(before, fields) ? fields.text : undefined;
  const textVersion = newText !== undefined ? before.textVersion + 1 : before.textVersion;
  await edit(trx, user, before, version, { ...fields, textVersion }, async (db) => {
    if (newText === undefined) return;
    await db
      .insertInto("statementTextVersions")
      .values({ statementId: id, textVersion, text: newText, changeNote: changeNote ?? "", createdByName: user.name })
      .execute();
  });
  return statementPage(trx, user.role, id, user.id);
}

/** The convenor marks who may sign for one organisation (replacing the earlier list): its members, or the convenor. */
export async function setSigners(trx: Db, user: SessionUser, id: number, organisationId: number, userIds: string[]) {
  await mustExist(trx, id);
  if (!(await trx.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst()))
    throw notFound("That organisation");
  const unique = [...new Set(userIds)];
  const people = unique.length
    ? await trx.selectFrom("user").select(["id", "role", "organisationId"]).where("id", "in", unique).execute()
    : [];
  unique.forEach((userId, i) => {
    const p = people.find((u) => u.id === userId);
    if (!p || (p.role !== "convenor" && !(p.role === "member" && p.organisationId === organisationId)))
      throw invalid(`userIds.${i}`, "Choose someone who belongs to this organisation");
  });
  const before = await trx
    .selectFrom("statementSigners")
    .select("userId")
    .where("statementId", "=", id)
    .where("organisationId", "=", organisationId)
    .execute();
  await trx.deleteFrom("statementSigners").where("statementId", "=", id).where("organisationId", "=", organisationId).execute();
  if (unique.length)
    await trx
      .insertInto("statementSigners")
      .values(unique.map((userId) => ({ statementId: id, organisationId, userId })))
      .execute();
  await recordAudit(trx, {
    actor: actorOf(user),
    action: "update",
    entity: "statement_signers",
    entityId: `${id}:${organisationId}`,
    before: { userIds: before.map((b) => b.userId) },
    after: { userIds: unique },
  });
  return statementPage(trx, user.role, id, user.id);
}

/** Whose signature this is: a member's own organisation unless they name another they are marked for. */
function signingFor(user: SessionUser, organisationId: number | undefined): number {
  const org = organisationId ?? user.organisationId;
  if (!org) throw invalid("organisationId", "Name the organisation you are signing for");
  return org;
}

/** Signs, changes named/unnamed, or confirms again on the current text: one signature per organisation. */
export async function sign(trx: Db, user: SessionUser, id: number, input: SignatureInput) {
  const organisationId = signingFor(user, input.organisationId);
  const statement = await signable(trx, user, id, organisationId);
  if (input.textVersion !== statement.textVersion)
    throw new ApiError(409, "conflict", "The text has changed since you read it. Read the new version, then sign again.", {
      textVersion: statement.textVersion,
    });
  const { created } = await recordSay(trx, user, {
    entity: "statement_signature",
    key: { statementId: id, organisationId },
    earlier: (db) =>
      db
        .selectFrom("statementSignatures")
        .select(["named", "confirmedTextVersion", "signedByName"])
        .where("statementId", "=", id)
        .where("organisationId", "=", organisationId)
        .executeTakeFirst(),
    write: (db) => upsertSignature(db, id, organisationId, input, actorOf(user)),
    view: (r) => ({ named: r.named, confirmedTextVersion: r.confirmedTextVersion }),
  });
  return { created, ...(await statementPage(trx, user.role, id, user.id)) };
}

export async function unsign(trx: Db, user: SessionUser, id: number, organisationIdGiven: number | undefined) {
  const organisationId = signingFor(user, organisationIdGiven);
  await signable(trx, user, id, organisationId);
  const before = await trx
    .selectFrom("statementSignatures")
    .selectAll()
    .where("statementId", "=", id)
    .where("organisationId", "=", organisationId)
    .executeTakeFirst();
  if (!before) throw notFound("That signature");
  await trx.deleteFrom("statementSignatures").where("id", "=", before.id).execute();
  await recordAudit(trx, { actor: actorOf(user), action: "delete", entity: "statement_signature", entityId: before.id, before });
  return statementPage(trx, user.role, id, user.id);
}

export async function addRecipient(trx: Db, user: SessionUser, id: number, input: RecipientInput) {
  await mustExist(trx, id);
  const row = await trx
    .insertInto("statementRecipients")
    .values({ statementId: id, name: input.name, sentOn: input.sentOn, repliedOn: null, replyText: "", replyUrl: null, replySummary: "" })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "statement_recipient", entityId: row.id, after: row });
  return statementPage(trx, user.role, id, user.id);
}

/** The date sent and the reply received (text or link, and a summary). */
export async function updateRecipient(trx: Db, user: SessionUser, id: number, recipientId: number, patch: RecipientPatch) {
  const before = await trx
    .selectFrom("statementRecipients")
    .selectAll()
    .where("id", "=", recipientId)
    .where("statementId", "=", id)
    .executeTakeFirst();
  if (!before) throw notFound("That recipient");
  const after = await trx
    .updateTable("statementRecipients")
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where("id", "=", recipientId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor: actorOf(user), action: "update", entity: "statement_recipient", entityId: recipientId, before, after });
  return statementPage(trx, user.role, id, user.id);
}

/**
 * Publishing closes the statement to signatures and records a milestone (kind open letter or
 * statement) whose contributing organisations are the named signatories confirmed on the final
 * text, never the unnamed ones. The statement's version is checked before the milestone is
 * written, and both are in the route's transaction, so a stale publish leaves no milestone.
 */
export async function publishStatement(trx: Db, user: SessionUser, id: number, version: number, publishedOn: string) {
  const before = await openStatement(trx, id);
  if (before.version !== version) throw editConflict(before);
  const signatures = await trx
    .selectFrom("statementSignatures")
    .select(["organisationId", "named", "confirmedTextVersion"])
    .where("statementId", "=", id)
    .execute();
  const organisationIds = contributingOrganisations(
    signatures.map((s) => ({ ...s, named: s.named === 1 })),
    before.textVersion,
  );
  const milestoneId = await insertMilestone(trx, {
    title: before.title,
    kind: before.kind,
    date: publishedOn,
    datePrecision: "day",
    description: before.text,
    outcome: "",
    evidence: [],
    organisationIds,
    goalIds: [],
    visibility: before.visibility,
    notes: `Published from the statement “${before.title}” (statement ${id}).`,
  });
  const { organisations: _o, goals: _g, fromSeed: _s, ...milestone } = await milestoneForWrite(trx, milestoneId);
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "milestone", entityId: milestoneId, after: milestone });
  await edit(trx, user, before, version, { state: "published", publishedOn, milestoneId });
  return { ...(await statementPage(trx, user.role, id, user.id)), milestone: await milestoneForWrite(trx, milestoneId) };
}
