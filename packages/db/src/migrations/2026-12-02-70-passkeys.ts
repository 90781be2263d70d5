/**
 * Better Auth's passkey plugin (WebAuthn): one row per registered credential, frozen here from
 * @better-auth/passkey 1.7's schema. `counter` is the authenticator's signature counter, which
 * the plugin checks to notice a cloned credential.
 */
import type { Kysely } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("passkey")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text")
    .addColumn("publicKey", "text", (c) => c.notNull())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("credentialID", "text", (c) => c.notNull())
    .addColumn("counter", "integer", (c) => c.notNull())
    .addColumn("deviceType", "text", (c) => c.notNull())
    .addColumn("backedUp", t.bool, (c) => c.notNull())
    .addColumn("transports", "text")
    .addColumn("createdAt", t.date)
    .addColumn("aaguid", "text")
    .execute();
  await db.schema.createIndex("passkey_userId_idx").on("passkey").column("userId").execute();
  await db.schema.createIndex("passkey_credentialID_idx").on("passkey").column("credentialID").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("passkey").execute();
}
