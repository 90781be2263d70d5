/**
 * Better Auth's two-factor plugin (TOTP and backup codes): the user's `twoFactorEnabled` flag
 * and the `twoFactor` table, frozen here from Better Auth 1.7's plugin schema. The secret and
 * the backup codes are stored encrypted by Better Auth with the session-signing secret.
 */
import type { Kysely } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema.alterTable("user").addColumn("twoFactorEnabled", t.bool).execute();
  await db.schema
    .createTable("twoFactor")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("backupCodes", "text", (c) => c.notNull())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("verified", t.bool)
    .addColumn("failedVerificationCount", "integer")
    .addColumn("lockedUntil", t.date)
    .execute();
  await db.schema.createIndex("twoFactor_secret_idx").on("twoFactor").column("secret").execute();
  await db.schema.createIndex("twoFactor_userId_idx").on("twoFactor").column("userId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("twoFactor").execute();
  await db.schema.alterTable("user").dropColumn("twoFactorEnabled").execute();
}
