/**
 * The group's own channels, and reminders that are written once. A webhook is a URL the convenor
 * configured, told about chosen kinds of event up to a chosen visibility; its deliveries go
 * through the outbox like email. `dedupeKey` (on notifications and outbox rows) names one
 * person+subject+kind+period (or hook+subject+kind+period): a unique index on it means two
 * scheduled scans, on one server or two, write a reminder once.
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "integer", t.id)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull().check(inList("format", ["plain", "slack", "teams", "matrix"])))
    /** JSON: the event kinds the hook is told about. */
    .addColumn("events", "text", (c) => c.notNull().defaultTo("[]"))
    /** The widest level it may be told about: a public hook never hears of a members-only record. */
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("lastError", "text")
    .addColumn("lastErrorAt", "text")
    .addColumn("lastDeliveredAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.alterTable("notifications").addColumn("dedupeKey", "text").execute();
  // Both engines let a unique index hold many NULLs: only keyed rows are held to one.
  await db.schema.createIndex("notifications_dedupe_idx").on("notifications").column("dedupeKey").unique().execute();
  await db.schema.alterTable("outbox").addColumn("dedupeKey", "text").execute();
  await db.schema.createIndex("outbox_dedupe_idx").on("outbox").column("dedupeKey").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("outbox_dedupe_idx").execute();
  await db.schema.alterTable("outbox").dropColumn("dedupeKey").execute();
  await db.schema.dropIndex("notifications_dedupe_idx").execute();
  await db.schema.alterTable("notifications").dropColumn("dedupeKey").execute();
  await db.schema.dropTable("webhooks").execute();
}
