/**
 * Everything Convene holds about one person, read for an export, and the erasure of their name
 * and address from every place the code writes them. Erasure keeps the group's record whole:
 * an update, an answer or a signature stays, attributed to the organisation, with the person's
 * name replaced and their id gone.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

/** Better Auth's own tables are not in `Database`: they are read here as the catalogue has them. */
const anyDb = (db: Kysely<Database>) => db as unknown as Kysely<any>;

const asIso = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

export async function personalDataOf(db: Kysely<Database>, userId: string) {
  const account = await db
    .selectFrom("user as u")
    .leftJoin("organisations as o", "o.id", "u.organisationId")
    .select([
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.organisationId",
      "o.name as organisationName",
      "u.createdAt",
      "u.updatedAt",
      "u.banned",
      "u.twoFactorEnabled",
      "u.dormantWarnedAt",
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  if (!account) return undefined;
  const sessions = await anyDb(db)
    .selectFrom("session")
    .select(["id", "createdAt", "updatedAt", "expiresAt", "ipAddress", "userAgent"])
    .where("userId", "=", userId)
    .orderBy("createdAt")
    .execute();
  const [
    auditEntries,
    progressUpdates,
    contributions,
    alertAnswers,
    alertsRaised,
    proposalPositions,
    statementSignatures,
    notifications,
    resources,
    calendarLinks,
  ] = await Promise.all([
    db.selectFrom("auditEntries").selectAll().where("userId", "=", userId).orderBy("id").execute(),
    db
      .selectFrom("progressUpdates")
      .select(["id", "goalId", "organisationId", "authorName", "note", "status", "confidence", "visibility", "createdAt", "deletedAt"])
      .where("authorId", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("contributions")
      .select(["id", "organisationId", "kind", "date", "description", "hours", "goalId", "milestoneId", "meetingId", "visibility"])
      .select(["createdByName", "createdAt", "deletedAt"])
      .where("createdById", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("alertAnswers")
      .select(["id", "alertId", "organisationId", "response", "note", "answeredByName", "createdAt", "updatedAt"])
      .where("answeredById", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("alerts")
      .select(["id", "title", "raisedByName", "raisedByOrganisationId", "visibility", "createdAt"])
      .where("raisedById", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("proposalPositions")
      .select(["id", "proposalId", "organisationId", "stance", "choices", "reason", "givenByName", "createdAt", "updatedAt"])
      .where("givenById", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("statementSignatures")
      .select(["id", "statementId", "organisationId", "named", "confirmedTextVersion", "signedByName", "createdAt", "updatedAt"])
      .where("signedById", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("notifications")
      .select(["id", "kind", "entity", "entityId", "title", "summary", "createdAt", "readAt"])
      .where("userId", "=", userId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("resources")
      .select(["id", "title", "createdByName", "createdAt", "deletedAt"])
      .where("createdById", "=", userId)
      .orderBy("id")
      .execute(),
    db.selectFrom("calendarLinks").select(["createdAt"]).where("userId", "=", userId).execute(),
  ]);
  return {
    account: {
      ...account,
      createdAt: String(account.createdAt),
      updatedAt: String(account.updatedAt),
      disabled: Boolean(account.banned),
      twoFactorEnabled: Boolean(account.twoFactorEnabled),
    },
    sessions: sessions.map((s) => ({
      id: String(s.id),
      createdAt: asIso(s.createdAt),
      lastUsedAt: asIso(s.updatedAt),
      expiresAt: asIso(s.expiresAt),
      ipAddress: (s.ipAddress as string | null) ?? null,
      userAgent: (s.userAgent as string | null) ?? null,
    })),
    auditEntries: auditEntries.map((a) => ({ ...a, before: parseJson(a.before), after: parseJson(a.after) })),
    progressUpdates,
    contributions,
    alertAnswers,
    alertsRaised,
    proposalPositions: proposalPositions.map((p) => ({ ...p, choices: parseJson(p.choices) })),
    statementSignatures,
    notifications,
    resources,
    calendarFeed: calendarLinks.length > 0 ? { createdAt: calendarLinks[0]!.createdAt } : null,
  };
}
export type PersonalData = NonNullable<Awaited<ReturnType<typeof personalDataOf>>>;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ErasedPerson {
  id: string;
  name: string;
  email: string;
}

/** Replaces the name and the address wherever they stand in a string; names match whatever their case. */
function scrubText(text: string, person: ErasedPerson, replacement: string): string {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let out = text;
  if (person.email) out = out.replace(new RegExp(literal(person.email), "gi"), "(erased address)");
  if (person.name.trim()) out = out.replace(new RegExp(literal(person.name.trim()), "gi"), replacement);
  return out;
}

function scrubJson(value: unknown, person: ErasedPerson, replacement: string): unknown {
  if (typeof value === "string") return scrubText(value, person, replacement);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, person, replacement));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, person, replacement)]));
  return value;
}

const mentions = (text: string | null, person: ErasedPerson) => {
  if (text === null) return false;
  const lower = text.toLowerCase();
  return (
    (person.email !== "" && lower.includes(person.email.toLowerCase())) ||
    (person.name.trim() !== "" && lower.includes(person.name.trim().toLowerCase()))
  );
};

/**
 * Removes the person from everything that names them, in the transaction it is handed. The
 * account's own rows (sessions, logins, two-factor, inbox, calendar link, invitations) are
 * deleted by the caller through Better Auth; this handles what the group keeps.
 */
export async function eraseTraces(trx: Kysely<Database>, person: ErasedPerson, replacement: string): Promise<void> {
  const { id, name } = person;
  await trx.updateTable("progressUpdates").set({ authorId: null, authorName: replacement }).where("authorId", "=", id).execute();
  await trx.updateTable("contributions").set({ createdById: null, createdByName: replacement }).where("createdById", "=", id).execute();
  await trx.updateTable("alertAnswers").set({ answeredById: null, answeredByName: replacement }).where("answeredById", "=", id).execute();
  await trx.updateTable("alerts").set({ raisedById: null, raisedByName: replacement }).where("raisedById", "=", id).execute();
  await trx.updateTable("resources").set({ createdById: null, createdByName: replacement }).where("createdById", "=", id).execute();
  await trx.updateTable("proposals").set({ createdById: null, createdByName: replacement }).where("createdById", "=", id).execute();
  await trx.updateTable("proposalPositions").set({ givenById: null, givenByName: replacement }).where("givenById", "=", id).execute();
  await trx.updateTable("statements").set({ createdById: null, createdByName: replacement }).where("createdById", "=", id).execute();
  await trx.updateTable("statementSignatures").set({ signedById: null, signedByName: replacement }).where("signedById", "=", id).execute();
  await trx.updateTable("roadmapItemEvents").set({ userId: null }).where("userId", "=", id).execute();
  await trx.deleteFrom("statementSigners").where("userId", "=", id).execute();
  // These keep a name without an id: the name alone is what links them to the person.
  await trx.updateTable("alerts").set({ closedByName: replacement }).where("closedByName", "=", name).execute();
  await trx.updateTable("proposals").set({ closedByName: replacement }).where("closedByName", "=", name).execute();
  await trx.updateTable("statementTextVersions").set({ createdByName: replacement }).where("createdByName", "=", name).execute();
  await trx.updateTable("invitations").set({ createdBy: null }).where("createdBy", "=", id).execute();
  await trx
    .deleteFrom("invitations")
    .where((eb) => eb.or([eb("userId", "=", id), eb("email", "=", person.email)]))
    .execute();

  // The audit log keeps what happened, not who: by them, about them, or naming them in a record's before and after.
  await trx.updateTable("auditEntries").set({ userId: null, userName: replacement }).where("userId", "=", id).execute();
  const pattern = (s: string) => `%${s.toLowerCase()}%`;
  const candidates = await trx
    .selectFrom("auditEntries")
    .select(["id", "userName", "entityId", "before", "after"])
    .where((eb) =>
      eb.or(
        [person.email, name.trim()]
          .filter((s) => s !== "")
          .flatMap((s) =>
            (["userName", "entityId", "before", "after"] as const).map((col) => eb(eb.fn("lower", [eb.ref(col)]), "like", pattern(s))),
          ),
      ),
    )
    .execute();
  for (const entry of candidates) {
    if (![entry.userName, entry.entityId, entry.before, entry.after].some((t) => mentions(t, person))) continue;
    const json = (t: string | null) => (t === null ? null : JSON.stringify(scrubJson(parseJson(t), person, replacement)));
    await trx
      .updateTable("auditEntries")
      .set({
        userName: scrubText(entry.userName, person, replacement),
        entityId: scrubText(entry.entityId, person, replacement),
        before: json(entry.before),
        after: json(entry.after),
      })
      .where("id", "=", entry.id)
      .execute();
  }

  // Deliveries and counters that carry the address: an email still to send, sign-in limit keys, Better Auth's verification rows.
  if (person.email) {
    const address = pattern(person.email);
    await trx
      .deleteFrom("outbox")
      .where((eb) => eb(eb.fn("lower", [eb.ref("payload")]), "like", address))
      .execute();
    await trx
      .deleteFrom("rateLimit")
      .where((eb) => eb(eb.fn("lower", [eb.ref("key")]), "like", address))
      .execute();
    await anyDb(trx)
      .deleteFrom("verification")
      .where((eb) =>
        eb.or([eb(eb.fn("lower", [eb.ref("identifier")]), "like", address), eb(eb.fn("lower", [eb.ref("value")]), "like", address)]),
      )
      .execute();
  }
}

/**
 * Every account with when it was last used: the latest of its creation, its sessions' last use
 * (touched every few minutes while in use) and its own audit entries (sign-ins, writes), which
 * outlive the sessions.
 */
export async function listAccountUse(db: Kysely<Database>) {
  const users = await db
    .selectFrom("user as u")
    .leftJoin("organisations as o", "o.id", "u.organisationId")
    .select(["u.id", "u.name", "u.email", "u.role", "u.organisationId", "o.name as organisationName", "u.banned", "u.createdAt"])
    .select("u.dormantWarnedAt")
    .orderBy("u.name")
    .execute();
  const audit = await db
    .selectFrom("auditEntries")
    .select((eb) => ["userId", eb.fn.max("at").as("lastAt")])
    .where("userId", "is not", null)
    .groupBy("userId")
    .execute();
  const sessions = await anyDb(db).selectFrom("session").select(["userId", "updatedAt"]).execute();
  const latest = new Map<string, string>();
  const see = (userId: string | null, at: unknown) => {
    const iso = asIso(at);
    if (!userId || !iso) return;
    const known = latest.get(userId);
    if (!known || iso > known) latest.set(userId, iso);
  };
  for (const a of audit) see(a.userId, a.lastAt);
  for (const s of sessions) see(String(s.userId), s.updatedAt);
  return users.map((u) => {
    const created = asIso(u.createdAt) ?? "";
    const used = latest.get(u.id);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      organisationId: u.organisationId,
      organisationName: u.organisationName,
      disabled: Boolean(u.banned),
      lastUsedAt: used && used > created ? used : created,
      warnedAt: u.dormantWarnedAt,
    };
  });
}
export type AccountUse = Awaited<ReturnType<typeof listAccountUse>>[number];
