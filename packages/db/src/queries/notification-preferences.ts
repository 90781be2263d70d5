/**
 * Each person's notification preferences (defaults until they save their own), the group's rest
 * periods, and the digests already made. A digest is claimed by inserting its (person, period)
 * row: the unique key lets exactly one instance win, on either engine, so nobody gets two.
 */
import {
  type DeliveryMode,
  defaultPreferences,
  type NotificationKind,
  type NotificationPreferences,
  notificationKinds,
  notificationPreferencesSchema,
  type Role,
} from "@convene/domain";
import type { Kysely, Selectable } from "kysely";
import type { Database, NotificationPreferencesTable } from "../schema.ts";

export interface StoredPreferences {
  preferences: NotificationPreferences;
  /** 0 until the person first saves their own. */
  version: number;
}

function fromRow(row: Selectable<NotificationPreferencesTable> | undefined): StoredPreferences {
  const defaults = defaultPreferences();
  if (!row) return { preferences: defaults, version: 0 };
  const kinds = JSON.parse(row.kinds) as Partial<Record<NotificationKind, DeliveryMode>>;
  const candidate = {
    // A kind added after the person saved takes the default.
    kinds: Object.fromEntries(notificationKinds.map((k) => [k, kinds[k] ?? defaults.kinds[k]])),
    digestFrequency: row.digestFrequency,
    timeZone: row.timeZone,
    quietFrom: row.quietFrom,
    quietTo: row.quietTo,
    daysOff: JSON.parse(row.daysOff) as number[],
    urgentBreaksQuiet: row.urgentBreaksQuiet === 1,
  };
  // A time zone this runtime no longer knows must not stop delivery: fall back to the defaults' zone.
  const parsed = notificationPreferencesSchema.safeParse(candidate);
  return {
    preferences: parsed.success ? parsed.data : { ...candidate, timeZone: defaults.timeZone },
    version: row.version,
  } as StoredPreferences;
}

export async function readPreferences(db: Kysely<Database>, userId: string): Promise<StoredPreferences> {
  return fromRow(await db.selectFrom("notification_preferences").selectAll().where("userId", "=", userId).executeTakeFirst());
}

/** Preferences of several people at once (defaults for those who never saved any). */
export async function preferencesOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
  const rows =
    userIds.length === 0
      ? []
      : await db
          .selectFrom("notification_preferences")
          .selectAll()
          .where("userId", "in", [...userIds])
          .execute();
  const byId = new Map(rows.map((r) => [r.userId, r]));
  return new Map(userIds.map((id) => [id, fromRow(byId.get(id)).preferences]));
}

const toRow = (p: NotificationPreferences) => ({
  kinds: JSON.stringify(p.kinds),
  digestFrequency: p.digestFrequency,
  timeZone: p.timeZone,
  quietFrom: p.quietFrom,
  quietTo: p.quietTo,
  daysOff: JSON.stringify([...p.daysOff].sort()),
  urgentBreaksQuiet: p.urgentBreaksQuiet ? 1 : 0,
});

/**
 * Saves a person's preferences if `version` is still the stored one (0: none stored yet).
 * Returns the new version, or undefined when someone (the same person in another tab) saved first.
 */
export async function savePreferences(
  db: Kysely<Database>,
  userId: string,
  preferences: NotificationPreferences,
  version: number,
  now: string,
): Promise<number | undefined> {
  if (version === 0) {
    const inserted = await db
      .insertInto("notification_preferences")
      .values({ userId, ...toRow(preferences), version: 1, updatedAt: now })
      .onConflict((oc) => oc.column("userId").doNothing())
      .returning("version")
      .executeTakeFirst();
    return inserted?.version;
  }
  const updated = await db
    .updateTable("notification_preferences")
    .set({ ...toRow(preferences), version: version + 1, updatedAt: now })
    .where("userId", "=", userId)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return updated?.version;
}

/** Everyone who could get a digest: accounts in use, with their preferences. */
export async function digestCandidates(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("user as u")
    .leftJoin("notification_preferences as p", "p.userId", "u.id")
    .select(["u.id", "u.name", "u.email", "u.role", "u.banned"])
    .selectAll("p")
    .orderBy("u.id")
    .execute();
  return rows
    .filter((r) => !r.banned)
    .map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: (r.role ?? "observer") as Role,
      preferences: fromRow(r.userId === null ? undefined : (r as Selectable<NotificationPreferencesTable>)).preferences,
    }));
}
export type DigestCandidate = Awaited<ReturnType<typeof digestCandidates>>[number];

/** Where the person's last digest stopped, if they had one. */
export async function lastDigestEnd(db: Kysely<Database>, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("digests")
    .select((eb) => eb.fn.max("coveredUntil").as("until"))
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

export async function digestMade(db: Kysely<Database>, userId: string, period: string): Promise<boolean> {
  const row = await db.selectFrom("digests").select("id").where("userId", "=", userId).where("period", "=", period).executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims the person's digest for `period`: true for the one caller whose row went in, false for
 * every other (another instance made it first). Run it in the transaction that writes the email.
 */
export async function claimDigest(
  db: Kysely<Database>,
  digest: { userId: string; period: string; coveredFrom: string; coveredUntil: string; itemCount: number },
): Promise<boolean> {
  const row = await db
    .insertInto("digests")
    .values(digest)
    .onConflict((oc) => oc.columns(["userId", "period"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Rest periods ----------------------------------------------------------------------------

const restColumns = ["id", "startsAt", "endsAt", "reason", "createdAt"] as const;

/** Rest periods that have not ended by `now`, soonest first, then the latest past ones. */
export async function listRestPeriods(db: Kysely<Database>, now: string) {
  const [current, past] = await Promise.all([
    db.selectFrom("rest_periods").select(restColumns).where("endsAt", ">", now).orderBy("startsAt").orderBy("id").execute(),
    db.selectFrom("rest_periods").select(restColumns).where("endsAt", "<=", now).orderBy("endsAt", "desc").limit(5).execute(),
  ]);
  return { current, past };
}
export type RestPeriodRecord = Awaited<ReturnType<typeof listRestPeriods>>["current"][number];

/** The rest periods that still matter for a send at or after `now`. */
export async function restPeriodsFrom(db: Kysely<Database>, now: string) {
  return db.selectFrom("rest_periods").select(["startsAt", "endsAt"]).where("endsAt", ">", now).execute();
}

export async function insertRestPeriod(
  db: Kysely<Database>,
  r: { startsAt: string; endsAt: string; reason: string; createdById: string | null },
) {
  return db.insertInto("rest_periods").values(r).returning(restColumns).executeTakeFirstOrThrow();
}

export async function findRestPeriod(db: Kysely<Database>, id: number) {
  return db.selectFrom("rest_periods").select(restColumns).where("id", "=", id).executeTakeFirst();
}

/** Ends a rest period now (or, if it had not begun, makes it end as it starts: it never holds anything). */
export async function endRestPeriod(db: Kysely<Database>, id: number, endsAt: string) {
  return db.updateTable("rest_periods").set({ endsAt }).where("id", "=", id).returning(restColumns).executeTakeFirst();
}
