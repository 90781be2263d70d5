/**
 * Sign-on statements as a viewer may see them, filtered by visibility in SQL. Unnamed signatures
 * (an organisation supporting a statement without being listed) are filtered out in SQL for
 * observers and anonymous viewers: no function here returns them to anyone but members and the
 * convenor.
 */
import { needsConfirmation, type StatementState, type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/** Whether a viewer may know which organisations support a statement unnamed. */
const seesUnnamed = (viewer: Viewer) => viewer === "member" || viewer === "convenor";

export interface StatementFilter {
  state?: StatementState | undefined;
  ids?: number[];
}

export async function listStatements(db: Kysely<Database>, viewer: Viewer, filter: StatementFilter) {
  let q = db.selectFrom("statements").selectAll().where("visibility", "in", visibleLevels(viewer));
  if (filter.state) q = q.where("state", "=", filter.state);
  if (filter.ids) q = q.where("id", "in", filter.ids.length ? filter.ids : [-1]);
  const rows = await q.orderBy("deadline").orderBy("id").execute();
  const ids = rows.map((r) => r.id);
  let sigs = db
    .selectFrom("statementSignatures")
    .select(["statementId", "named", "confirmedTextVersion"])
    .where("statementId", "in", ids.length ? ids : [-1]);
  if (!seesUnnamed(viewer)) sigs = sigs.where("named", "=", 1);
  const signatures = await sigs.execute();
  return rows.map((r) => {
    const mine = signatures.filter((s) => s.statementId === r.id);
    const confirmed = mine.filter((s) => !needsConfirmation(s, r.textVersion));
    return {
      ...r,
      signatures: {
        named: mine.filter((s) => s.named === 1).length,
        // Observers and the public are never told that unnamed supporters exist.
        unnamed: seesUnnamed(viewer) ? mine.filter((s) => s.named === 0).length : 0,
        awaitingConfirmation: mine.length - confirmed.length,
      },
    };
  });
}
export type StatementSummary = Awaited<ReturnType<typeof listStatements>>[number];

export async function getStatement(db: Kysely<Database>, viewer: Viewer, id: number) {
  const [statement] = await listStatements(db, viewer, { ids: [id] });
  return statement;
}

/** A statement by id whatever its visibility, for services that have already checked the viewer. */
export async function statementForWrite(db: Kysely<Database>, id: number) {
  return db.selectFrom("statements").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The signatures on a statement as `viewer` may see them: observers and anonymous viewers get
 * only the organisations listed publicly. The caller has checked the viewer may see the statement.
 */
export async function listSignatures(db: Kysely<Database>, viewer: Viewer, statementId: number) {
  let q = db
    .selectFrom("statementSignatures as s")
    .innerJoin("statements as st", "st.id", "s.statementId")
    .innerJoin("organisations as o", "o.id", "s.organisationId")
    .select([
      "s.id",
      "s.statementId",
      "s.organisationId",
      "o.name as organisationName",
      "o.shortName as organisationShortName",
      "s.named",
      "s.confirmedTextVersion",
      "st.textVersion as currentTextVersion",
      "s.signedByName",
      "s.createdAt",
      "s.updatedAt",
    ])
    .where("s.statementId", "=", statementId);
  if (!seesUnnamed(viewer)) q = q.where("s.named", "=", 1);
  const rows = await q.orderBy("o.name").execute();
  return rows.map(({ currentTextVersion, ...r }) => ({
    ...r,
    named: r.named === 1,
    needsConfirmation: needsConfirmation(r, currentTextVersion),
    // Who signed is for the group; the public sees the organisation only.
    signedByName: seesUnnamed(viewer) ? r.signedByName : null,
  }));
}
export type SignatureRecord = Awaited<ReturnType<typeof listSignatures>>[number];

export async function listTextVersions(db: Kysely<Database>, statementId: number) {
  return db
    .selectFrom("statementTextVersions")
    .select(["textVersion", "text", "changeNote", "createdByName", "createdAt"])
    .where("statementId", "=", statementId)
    .orderBy("textVersion")
    .execute();
}

/** Who may sign for each organisation. Members and the convenor only: the caller checks. */
export async function listSigners(db: Kysely<Database>, statementId: number) {
  return db
    .selectFrom("statementSigners as ss")
    .innerJoin("organisations as o", "o.id", "ss.organisationId")
    .leftJoin("user as u", "u.id", "ss.userId")
    .select(["ss.organisationId", "o.name as organisationName", "ss.userId", "u.name as userName"])
    .where("ss.statementId", "=", statementId)
    .orderBy("o.name")
    .orderBy("u.name")
    .execute();
}

export async function listRecipients(db: Kysely<Database>, statementId: number) {
  return db
    .selectFrom("statementRecipients")
    .select(["id", "name", "sentOn", "repliedOn", "replyText", "replyUrl", "replySummary", "updatedAt"])
    .where("statementId", "=", statementId)
    .orderBy("id")
    .execute();
}

/** Gives or renews an organisation's signature on the current text (one row per statement and organisation). */
export async function upsertSignature(
  db: Kysely<Database>,
  statementId: number,
  organisationId: number,
  signature: { named: boolean; textVersion: number },
  by: { id: string | null; name: string },
) {
  const now = new Date().toISOString();
  const fields = {
    named: signature.named ? 1 : 0,
    confirmedTextVersion: signature.textVersion,
    signedById: by.id,
    signedByName: by.name,
    updatedAt: now,
  };
  return db
    .insertInto("statementSignatures")
    .values({ statementId, organisationId, ...fields, createdAt: now })
    .onConflict((oc) => oc.columns(["statementId", "organisationId"]).doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
}
