/**
 * How each person wants to be told (notification_preferences), the digests already made (one per
 * person per period, guarded by a unique key so two instances never make the same one), the
 * group's rest periods, and whether an outbox email is an urgent alert (which quiet hours and rest
 * periods treat differently).
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("notification_preferences")
    .addColumn("userId", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    /** JSON: { kind: "instant" | "digest" | "off" }; a kind missing here takes the default. */
    .addColumn("kinds", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("digestFrequency", "text", (c) => c.notNull().defaultTo("weekly").check(sql`"digestFrequency" in ('daily', 'weekly')`))
    .addColumn("timeZone", "text", (c) => c.notNull().defaultTo("Europe/London"))
    .addColumn("quietFrom", "text")
    .addColumn("quietTo", "text")
    /** JSON: weekday numbers, 0 for Sunday. */
    .addColumn("daysOff", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("urgentBreaksQuiet", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable("digests")
    .addColumn("id", "integer", t.id)
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    /** "daily:2026-12-02" or "weekly:2026-11-30" (the Monday), in the person's time zone. */
    .addColumn("period", "text", (c) => c.notNull())
    /** The digest holds notifications written after coveredFrom and up to coveredUntil. */
    .addColumn("coveredFrom", "text", (c) => c.notNull())
    .addColumn("coveredUntil", "text", (c) => c.notNull())
    .addColumn("itemCount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint("digests_user_period_key", ["userId", "period"])
    .execute();
  await db.schema.createIndex("digests_user_idx").on("digests").columns(["userId", "coveredUntil"]).execute();

  await db.schema
    .createTable("rest_periods")
    .addColumn("id", "integer", t.id)
    .addColumn("startsAt", "text", (c) => c.notNull())
    .addColumn("endsAt", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("createdById", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .alterTable("outbox")
    .addColumn("urgent", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Until now only urgent alerts were emailed one by one.
  await db.updateTable("outbox").set({ urgent: 1 }).where("notificationId", "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("urgent").execute();
  await db.schema.dropTable("rest_periods").execute();
  await db.schema.dropTable("digests").execute();
  await db.schema.dropTable("notification_preferences").execute();
}
