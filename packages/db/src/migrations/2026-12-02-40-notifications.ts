/**
 * The inbox and the outbox. A notification is one row per person told about a record; an outbox
 * row is one delivery still to make (an email, later a webhook). Both are written in the
 * transaction of the change that caused them, so a crash between the change and the delivery
 * loses nothing: the worker finds the row when it next runs.
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", t.id)
    .addColumn("userId", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    // Kinds are checked by the domain schema, not here, so a new kind needs no migration.
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entityId", "integer", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("readAt", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["userId", "createdAt"]).execute();
  await db.schema.createIndex("notifications_entity_idx").on("notifications").columns(["entity", "entityId"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", t.id)
    .addColumn("channel", "text", (c) => c.notNull().check(inList("channel", ["email", "webhook"])))
    .addColumn("notificationId", "integer", (c) => c.references("notifications.id").onDelete("cascade"))
    /** JSON: what to send (for email: address, subject, text, the record's path). */
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("nextAttemptAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("lastError", "text")
    .addColumn("claimedUntil", "text")
    .addColumn("leasedBy", "text")
    .addColumn("sentAt", "text")
    /** Set when a delivery will never be made (email not set up, recipient may no longer see it). */
    .addColumn("cancelledAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["sentAt", "cancelledAt", "nextAttemptAt"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
  await db.schema.dropTable("notifications").execute();
}
