/**
 * Answer links: a token's hash tied to one person, one alert and the organisation they answer
 * for. Made by the delivery worker as it sends an alert email (so the token itself is only ever
 * in the email, never in the database), spent by the first answer recorded through any of them.
 */
import type { Role } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export async function insertAnswerLink(
  db: Kysely<Database>,
  link: { tokenHash: string; userId: string; alertId: number; organisationId: number },
): Promise<void> {
  await db.insertInto("alertAnswerLinks").values(link).execute();
}

/** The link a token's hash names, with its person as they are now; undefined for no such link. */
export async function findAnswerLink(db: Kysely<Database>, tokenHash: string) {
  const row = await db
    .selectFrom("alertAnswerLinks as l")
    .innerJoin("user as u", "u.id", "l.userId")
    .innerJoin("organisations as o", "o.id", "l.organisationId")
    .select([
      "l.id",
      "l.alertId",
      "l.organisationId",
      "l.usedAt",
      "o.name as organisationName",
      "o.leftOn as organisationLeftOn",
      "u.id as userId",
      "u.name as userName",
      "u.email as userEmail",
      "u.role as userRole",
      "u.organisationId as userOrganisationId",
      "u.banned as userBanned",
    ])
    .where("l.tokenHash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    alertId: row.alertId,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    organisationActive: row.organisationLeftOn === null,
    usedAt: row.usedAt,
    person: {
      id: row.userId,
      name: row.userName,
      email: row.userEmail,
      role: (row.userRole ?? "observer") as Role,
      organisationId: row.userOrganisationId,
      // Better Auth stores its booleans as 0/1 on SQLite and true/false on PostgreSQL.
      banned: Boolean(row.userBanned),
    },
  };
}
export type AnswerLink = NonNullable<Awaited<ReturnType<typeof findAnswerLink>>>;

/**
 * Spends this link, and every other link of the same person for the same alert (a resent email
 * carries fresh ones). False when the link was already spent: the caller records nothing. The
 * `usedAt is null` condition makes two answers racing on one link record one, on either engine.
 */
export async function spendAnswerLink(db: Kysely<Database>, link: { id: number; alertId: number; userId: string }, now: string) {
  const spent = await db
    .updateTable("alertAnswerLinks")
    .set({ usedAt: now })
    .where("id", "=", link.id)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) return false;
  await db
    .updateTable("alertAnswerLinks")
    .set({ usedAt: now })
    .where("alertId", "=", link.alertId)
    .where("userId", "=", link.userId)
    .where("usedAt", "is", null)
    .execute();
  return true;
}
