/** Coordinated-action alerts and each organisation's one answer to each. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("alerts")
    .addColumn("id", "integer", t.id)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("situation", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ["emerging_threat", "opportunity"])))
    .addColumn("urgency", "text", (c) => c.notNull().check(inList("urgency", ["routine", "high", "critical"])))
    .addColumn("ask", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(inList("state", ["open", "closed", "withdrawn"])),
    )
    .addColumn("outcome", "text")
    .addColumn("successful", "integer")
    .addColumn("closedAt", "text")
    .addColumn("closedByName", "text")
    .addColumn("raisedById", "text")
    .addColumn("raisedByName", "text", (c) => c.notNull())
    .addColumn("raisedByOrganisationId", "integer", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("alerts_state_idx").on("alerts").columns(["state", "deadline"]).execute();

  await db.schema
    .createTable("alertAnswers")
    .addColumn("id", "integer", t.id)
    .addColumn("alertId", "integer", (c) => c.notNull().references("alerts.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("response", "text", (c) => c.notNull().check(inList("response", ["join", "cannot", "need_info"])))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answeredById", "text")
    .addColumn("answeredByName", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addUniqueConstraint("alertAnswers_one_per_organisation", ["alertId", "organisationId"])
    .execute();
  await db.schema.createIndex("alertAnswers_org_idx").on("alertAnswers").column("organisationId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("alertAnswers").execute();
  await db.schema.dropTable("alerts").execute();
}
