/**
 * The inbox: notifications per person, read back only while the person may still see them. The
 * level is checked twice at read time, against the notification's own level (a person whose role
 * narrowed loses what they may no longer see) and against the record it concerns (a record later
 * hidden drops out), so the list, its total and the unread count always agree.
 */
import { type NotificationKind, type NotificationListQuery, type Role, type Visibility, visibleLevels } from "@convene/domain";
import type { ExpressionBuilder, Insertable, Kysely } from "kysely";
import type { Database, NotificationTable, OutboxTable } from "../schema.ts";

/** Everyone who could be told about something, with what the rules in the domain need. */
export async function listPossibleRecipients(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("user as u")
    .leftJoin("organisations as o", "o.id", "u.organisationId")
    .select(["u.id", "u.name", "u.email", "u.role", "u.organisationId", "u.banned", "o.leftOn"])
    .orderBy("u.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: (r.role ?? "observer") as Role,
    organisationId: r.organisationId,
    organisationActive: r.organisationId !== null && r.leftOn === null,
    // Better Auth stores its booleans as 0/1 on SQLite and true/false on PostgreSQL.
    banned: Boolean(r.banned),
  }));
}
export type PossibleRecipient = Awaited<ReturnType<typeof listPossibleRecipients>>[number];

/** Writes notifications (in the caller's transaction) and returns their ids in the same order. */
export async function insertNotifications(db: Kysely<Database>, rows: Insertable<NotificationTable>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids: number[] = [];
  // One statement per row keeps the returned ids in input order on both engines.
  for (const row of rows) {
    const { id } = await db.insertInto("notifications").values(row).returning("id").executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

export async function insertOutbox(db: Kysely<Database>, rows: Insertable<OutboxTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("outbox").values(rows).execute();
}

type N = ExpressionBuilder<Database & { n: NotificationTable }, "n">;

/** True while the record a notification concerns exists and is at a level in `levels`. */
function recordVisible(eb: N, levels: Visibility[]) {
  return eb.or([
    // A notice about the person's own account (unused, two-factor reset): always theirs to see.
    eb("n.entity", "=", "account"),
    eb.and([
      eb("n.entity", "=", "alert"),
      eb.exists(eb.selectFrom("alerts as r").select("r.id").whereRef("r.id", "=", "n.entityId").where("r.visibility", "in", levels)),
    ]),
    eb.and([
      eb("n.entity", "=", "goal"),
      eb.exists(
        eb
          .selectFrom("goals as r")
          .select("r.id")
          .whereRef("r.id", "=", "n.entityId")
          .where("r.visibility", "in", levels)
          .where("r.deletedAt", "is", null),
      ),
    ]),
    eb.and([
      eb("n.entity", "=", "meeting"),
      eb.exists(
        eb
          .selectFrom("meetings as r")
          .select("r.id")
          .whereRef("r.id", "=", "n.entityId")
          .where("r.visibility", "in", levels)
          .where("r.deletedAt", "is", null),
      ),
    ]),
    eb.and([
      eb("n.entity", "=", "proposal"),
      eb.exists(eb.selectFrom("proposals as r").select("r.id").whereRef("r.id", "=", "n.entityId").where("r.visibility", "in", levels)),
    ]),
    eb.and([
      eb("n.entity", "=", "statement"),
      eb.exists(eb.selectFrom("statements as r").select("r.id").whereRef("r.id", "=", "n.entityId").where("r.visibility", "in", levels)),
    ]),
  ]);
}

/** A person's notifications that they may still see. */
function mine(db: Kysely<Database>, person: { id: string; role: Role }) {
  const levels = visibleLevels(person.role);
  return db
    .selectFrom("notifications as n")
    .where("n.userId", "=", person.id)
    .where("n.visibility", "in", levels)
    .where((eb) => recordVisible(eb, levels));
}

export async function listMyNotifications(db: Kysely<Database>, person: { id: string; role: Role }, page: NotificationListQuery) {
  const [notifications, counts] = await Promise.all([
    mine(db, person)
      .select(["n.id", "n.kind", "n.entity", "n.entityId", "n.visibility", "n.title", "n.summary", "n.createdAt", "n.readAt"])
      .orderBy("n.createdAt", "desc")
      .orderBy("n.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    mine(db, person)
      .select((eb) => [
        eb.fn.countAll<number | string>().as("total"),
        eb.fn.count<number | string>("n.id").filterWhere("n.readAt", "is", null).as("unread"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  // PostgreSQL's count is a bigint, which node-postgres hands over as text.
  return { notifications, total: Number(counts.total), unread: Number(counts.unread), limit: page.limit, offset: page.offset };
}
export type NotificationRecord = Awaited<ReturnType<typeof listMyNotifications>>["notifications"][number];

/** Marks one of my visible notifications read (once: the first time stays); undefined when there is none. */
export async function markNotificationRead(db: Kysely<Database>, person: { id: string; role: Role }, id: number, now: string) {
  const row = await mine(db, person).select(["n.id", "n.readAt"]).where("n.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  if (row.readAt === null)
    await db.updateTable("notifications").set({ readAt: now }).where("id", "=", id).where("readAt", "is", null).execute();
  return mine(db, person)
    .select(["n.id", "n.kind", "n.entity", "n.entityId", "n.visibility", "n.title", "n.summary", "n.createdAt", "n.readAt"])
    .where("n.id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Marks every unread notification of mine read; returns how many it marked. */
export async function markAllNotificationsRead(db: Kysely<Database>, person: { id: string; role: Role }, now: string) {
  const result = await db
    .updateTable("notifications")
    .set({ readAt: now })
    .where("userId", "=", person.id)
    .where("readAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Whether the person a notification was written for may still see it now: their account is in
 * use, their role reaches its level and the record's. The delivery worker asks this before
 * sending, so an email never goes to someone who lost sight of the record since.
 */
export async function notificationStillVisible(db: Kysely<Database>, notificationId: number): Promise<boolean> {
  const owner = await db
    .selectFrom("notifications as n")
    .innerJoin("user as u", "u.id", "n.userId")
    .select(["u.id", "u.role", "u.banned"])
    .where("n.id", "=", notificationId)
    .executeTakeFirst();
  if (!owner || owner.banned) return false;
  const visible = await mine(db, { id: owner.id, role: (owner.role ?? "observer") as Role })
    .select("n.id")
    .where("n.id", "=", notificationId)
    .executeTakeFirst();
  return visible !== undefined;
}

/**
 * What goes in a person's digest: their notifications written after `since` and up to `until`,
 * of the kinds they get in a digest, still unread, still visible to them, and not already emailed
 * on their own (an urgent alert went at once).
 */
export async function listDigestNotifications(
  db: Kysely<Database>,
  person: { id: string; role: Role },
  window: { since: string; until: string; kinds: readonly NotificationKind[] },
) {
  if (window.kinds.length === 0) return [];
  return digestRows(db, person)
    .where("n.createdAt", ">", window.since)
    .where("n.createdAt", "<=", window.until)
    .where("n.kind", "in", [...window.kinds])
    .where((eb) => eb.not(eb.exists(eb.selectFrom("outbox as o").select("o.id").whereRef("o.notificationId", "=", "n.id"))))
    .orderBy("n.createdAt", "desc")
    .orderBy("n.id", "desc")
    .execute();
}
export type DigestNotification = Awaited<ReturnType<typeof listDigestNotifications>>[number];

/** A person's unread notifications they may still see, as a digest lists them. */
function digestRows(db: Kysely<Database>, person: { id: string; role: Role }) {
  return mine(db, person)
    .select(["n.id", "n.kind", "n.entity", "n.entityId", "n.title", "n.summary", "n.createdAt"])
    .where("n.readAt", "is", null);
}

/**
 * Of the notifications a digest was made from, those its recipient may still see and has not
 * read, asked again just before the digest is sent: a digest can wait in the outbox (a mail
 * server down, a retry hours later), and a record hidden or a role narrowed meanwhile must not
 * reach the email. None at all for an account disabled or gone since.
 */
export async function digestNotificationsStill(
  db: Kysely<Database>,
  userId: string,
  ids: readonly number[],
): Promise<DigestNotification[]> {
  if (ids.length === 0) return [];
  const owner = await db.selectFrom("user").select(["id", "role", "banned"]).where("id", "=", userId).executeTakeFirst();
  if (!owner || owner.banned) return [];
  return digestRows(db, { id: owner.id, role: (owner.role ?? "observer") as Role })
    .where("n.id", "in", [...ids])
    .orderBy("n.createdAt", "desc")
    .orderBy("n.id", "desc")
    .execute();
}
