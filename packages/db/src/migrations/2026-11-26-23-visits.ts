/**
 * "What's new since your last visit": one row per person, the moment up to which they marked
 * their feed as seen. Also links a successfully closed alert to the milestone recorded from it.
 */
import type { Kysely } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("userVisits")
    .addColumn("userId", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("lastSeenAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema
    .alterTable("alerts")
    .addColumn("milestoneId", "integer", (c) => c.references("milestones.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("alerts").dropColumn("milestoneId").execute();
  await db.schema.dropTable("userVisits").execute();
}
