/**
 * What the scheduled reminder scan needs to know: alerts, proposals and statements closing soon
 * with the organisations still to answer, and meetings in the coming week. Deadlines may carry an
 * offset, so the window is checked as instants in code after a generous text prefilter.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

const within = (iso: string, now: Date, aheadMs: number) => {
  const t = Date.parse(iso);
  return t > now.getTime() && t <= now.getTime() + aheadMs;
};

/** Organisations still in the group. */
export async function activeOrganisations(db: Kysely<Database>) {
  return db.selectFrom("organisations").select(["id", "name"]).where("leftOn", "is", null).orderBy("id").execute();
}

export async function alertsClosingSoon(db: Kysely<Database>, now: Date, aheadMs: number) {
  const open = (
    await db.selectFrom("alerts").select(["id", "title", "deadline", "visibility"]).where("state", "=", "open").execute()
  ).filter((a) => within(a.deadline, now, aheadMs));
  const answers = open.length
    ? await db
        .selectFrom("alertAnswers")
        .select(["alertId", "organisationId"])
        .where(
          "alertId",
          "in",
          open.map((a) => a.id),
        )
        .execute()
    : [];
  return open.map((a) => ({ ...a, answeredBy: new Set(answers.filter((x) => x.alertId === a.id).map((x) => x.organisationId)) }));
}

export async function proposalsClosingSoon(db: Kysely<Database>, now: Date, aheadMs: number) {
  const open = (
    await db.selectFrom("proposals").select(["id", "question", "closesAt", "visibility"]).where("state", "=", "open").execute()
  ).filter((p) => within(p.closesAt, now, aheadMs));
  const positions = open.length
    ? await db
        .selectFrom("proposalPositions")
        .select(["proposalId", "organisationId"])
        .where(
          "proposalId",
          "in",
          open.map((p) => p.id),
        )
        .execute()
    : [];
  return open.map((p) => ({ ...p, answeredBy: new Set(positions.filter((x) => x.proposalId === p.id).map((x) => x.organisationId)) }));
}

/**
 * Open statements closing within `aheadMs`, with who may sign for each organisation and which
 * organisations have answered: signed, and confirmed on the current text (one that signed an
 * earlier text has not answered what it would now put its name to).
 */
export async function statementsClosingSoon(db: Kysely<Database>, now: Date, aheadMs: number) {
  const open = (
    await db.selectFrom("statements").select(["id", "title", "deadline", "visibility", "textVersion"]).where("state", "=", "open").execute()
  ).filter((s) => within(s.deadline, now, aheadMs));
  if (open.length === 0) return [];
  const ids = open.map((s) => s.id);
  const [signed, signers] = await Promise.all([
    db
      .selectFrom("statementSignatures")
      .select(["statementId", "organisationId", "confirmedTextVersion"])
      .where("statementId", "in", ids)
      .execute(),
    db.selectFrom("statementSigners").select(["statementId", "organisationId", "userId"]).where("statementId", "in", ids).execute(),
  ]);
  return open.map((s) => {
    const mine = signed.filter((x) => x.statementId === s.id);
    return {
      ...s,
      answeredBy: new Set(mine.filter((x) => x.confirmedTextVersion >= s.textVersion).map((x) => x.organisationId)),
      toConfirm: new Set(mine.filter((x) => x.confirmedTextVersion < s.textVersion).map((x) => x.organisationId)),
      signers: signers.filter((x) => x.statementId === s.id),
    };
  });
}

export async function meetingsSoon(db: Kysely<Database>, now: Date, aheadMs: number) {
  return (
    await db.selectFrom("meetings").select(["id", "title", "startsAt", "place", "visibility"]).where("deletedAt", "is", null).execute()
  ).filter((m) => within(m.startsAt, now, aheadMs));
}

/** Cycles still running: their goals can be waiting for an update. */
export async function openCycles(db: Kysely<Database>) {
  return db.selectFrom("cycles").select(["id", "updateIntervalDays"]).where("closedAt", "is", null).execute();
}

export async function goalVisibilities(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return new Map<number, Database["goals"]["visibility"]>();
  const rows = await db.selectFrom("goals").select(["id", "visibility"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.visibility]));
}

/**
 * Writes a keyed notification unless one with its key exists; returns its id, or undefined when
 * another scan (here or on another server) wrote it first.
 */
export async function insertNotificationOnce(
  db: Kysely<Database>,
  row: {
    userId: string;
    kind: Database["notifications"]["kind"];
    entity: Database["notifications"]["entity"];
    entityId: number;
    visibility: Database["notifications"]["visibility"];
    title: string;
    summary: string;
    dedupeKey: string;
  },
): Promise<number | undefined> {
  const inserted = await db
    .insertInto("notifications")
    .values(row)
    .onConflict((oc) => oc.column("dedupeKey").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id;
}
