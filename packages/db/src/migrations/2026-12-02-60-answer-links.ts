/**
 * Answer links: the single-use links in an alert email that record one organisation's answer
 * without a password. Only a hash of each token is kept, so a copy of the database cannot answer
 * for anyone. A link belongs to one person, one alert and the organisation they answered for.
 */
import type { Kysely } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("alertAnswerLinks")
    .addColumn("id", "integer", t.id)
    /** SHA-256 of the token, hex. */
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("alertId", "integer", (c) => c.notNull().references("alerts.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    /** Set when any link of this person for this alert records an answer: all of them are spent then. */
    .addColumn("usedAt", "text")
    .execute();
  await db.schema.createIndex("alert_answer_links_person_idx").on("alertAnswerLinks").columns(["alertId", "userId"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("alertAnswerLinks").execute();
}
