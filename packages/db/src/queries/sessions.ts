/**
 * The signed-in person behind a session token, read straight from Better Auth's own tables in one
 * indexed lookup (session.token is unique). The API's session check uses it on every request
 * instead of Better Auth's getSession, whose framework around the same read cost about 1.3 ms CPU.
 */
import { type CompiledQuery, type Kysely, sql } from "kysely";

/** The settings row of "Require two-factor sign-in of everyone" ("on" or "off"; no row is off). */
export const TWO_FACTOR_FOR_EVERYONE_SETTING = "twoFactorForEveryone";

export interface SessionRow {
  userId: string;
  name: string;
  email: string;
  role: string | null;
  organisationId: number | null;
  banned: boolean;
  /** An authenticator app is set up and confirmed (Better Auth sets the flag only after the first code). */
  hasTotp: boolean;
  hasPasskey: boolean;
  /** The group setting, read in the same lookup so the two-factor rule costs no second query. */
  twoFactorForEveryone: boolean;
  /** When the session ends, unless Better Auth refreshes it first. */
  expiresAt: Date;
  /** The session itself, for the idle and absolute limits (apps/api/src/services/sessions.ts). */
  session: { id: string; token: string; userId: string; createdAt: Date; updatedAt: Date; expiresAt: Date };
}

/** Dates and flags as either engine hands them back (SQLite: text and 0/1; PostgreSQL: timestamp and boolean). */
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string | number));

/** The lookup compiled once per database: building and compiling it cost more than running it. */
const compiledLookups = new WeakMap<Kysely<any>, CompiledQuery<Record<string, unknown>>>();

function sessionLookup(authDb: Kysely<any>, token: string): CompiledQuery<Record<string, unknown>> {
  let compiled = compiledLookups.get(authDb);
  if (!compiled) {
    compiled = authDb
      .selectFrom("session as s")
      .innerJoin("user as u", "u.id", "s.userId")
      .select([
        "u.id",
        "u.name",
        "u.email",
        "u.role",
        "u.organisationId",
        "u.banned",
        "u.twoFactorEnabled",
        // Literals, not parameters: the token must stay the query's one parameter.
        (eb) => eb.exists(eb.selectFrom("passkey as p").select("p.id").whereRef("p.userId", "=", "u.id")).as("hasPasskey"),
        (eb) =>
          eb
            .selectFrom("settings as g")
            .select("g.value")
            .where("g.key", "=", sql.lit(TWO_FACTOR_FOR_EVERYONE_SETTING))
            .as("twoFactorForEveryone"),
        "s.id as sessionId",
        "s.expiresAt",
        "s.createdAt",
        "s.updatedAt",
      ])
      .where("s.token", "=", "")
      .compile();
    compiledLookups.set(authDb, compiled);
  }
  // The token is the query's one parameter.
  return { ...compiled, parameters: [token] };
}

export async function findSessionUser(authDb: Kysely<any>, token: string): Promise<SessionRow | undefined> {
  const row = (await authDb.executeQuery(sessionLookup(authDb, token))).rows[0] as any;
  if (!row) return undefined;
  return {
    userId: String(row.id),
    name: String(row.name),
    email: String(row.email),
    role: row.role ?? null,
    organisationId: row.organisationId === null || row.organisationId === undefined ? null : Number(row.organisationId),
    banned: Boolean(row.banned),
    hasTotp: Boolean(row.twoFactorEnabled),
    hasPasskey: Boolean(row.hasPasskey),
    twoFactorForEveryone: row.twoFactorForEveryone === "on",
    expiresAt: asDate(row.expiresAt),
    session: {
      id: String(row.sessionId),
      token,
      userId: String(row.id),
      createdAt: asDate(row.createdAt),
      updatedAt: asDate(row.updatedAt),
      expiresAt: asDate(row.expiresAt),
    },
  };
}

/**
 * The second factors a person has now: whether an authenticator app is on, how many passkeys,
 * and whether the group requires two-factor of everyone. Asked before a factor is removed.
 */
export async function secondFactorsOf(db: Kysely<any>, userId: string) {
  const row = await db
    .selectFrom("user as u")
    .select([
      "u.twoFactorEnabled",
      (eb) => eb.selectFrom("passkey as p").select(eb.fn.countAll().as("n")).whereRef("p.userId", "=", "u.id").as("passkeys"),
      (eb) =>
        eb.selectFrom("settings as g").select("g.value").where("g.key", "=", TWO_FACTOR_FOR_EVERYONE_SETTING).as("twoFactorForEveryone"),
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  return {
    hasTotp: Boolean(row?.twoFactorEnabled),
    // PostgreSQL's count is a bigint, which node-postgres hands over as text.
    passkeys: Number(row?.passkeys ?? 0),
    requiredOfEveryone: row?.twoFactorForEveryone === "on",
  };
}
