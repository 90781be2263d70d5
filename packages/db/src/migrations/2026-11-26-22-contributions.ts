/** What each organisation did towards a goal, a milestone or a meeting. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

const kinds = ["led", "co_led", "signed", "drafted", "researched", "convened", "spoke", "hosted", "attended", "funded", "in_kind"];

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("contributions")
    .addColumn("id", "integer", t.id)
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", kinds)))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("hours", t.real, (c) => c.check(sql`hours is null or hours >= 0`))
    .addColumn("goalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
    .addColumn("milestoneId", "integer", (c) => c.references("milestones.id").onDelete("set null"))
    .addColumn("meetingId", "integer", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("createdById", "text")
    .addColumn("createdByName", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("contributions_date_idx").on("contributions").columns(["deletedAt", "date"]).execute();
  await db.schema.createIndex("contributions_org_idx").on("contributions").column("organisationId").execute();
  await db.schema.createIndex("contributions_goal_idx").on("contributions").column("goalId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("contributions").execute();
}
