/**
 * Better Auth's rate-limit counts, kept in the database so that the sign-in limit counts the
 * attempts made through every API instance, not each process's own (rateLimit.storage
 * "database"). Fields as Better Auth 1.7's `rateLimit` model; `lastRequest` is milliseconds.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rateLimit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("lastRequest", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rateLimit").execute();
}
