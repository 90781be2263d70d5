/** The road map: items on a timeline, their dependencies, and the history of their status and percent complete. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const visibilities = ["public", "members", "convenor"];
const statuses = ["planned", "in_progress", "done", "blocked", "dropped"];

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("roadmapItems")
    .addColumn("id", "integer", t.id)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("workstream", "text", (c) => c.notNull())
    .addColumn("startDate", "text", (c) => c.notNull())
    .addColumn("endDate", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(inList("status", statuses)))
    .addColumn("percentComplete", "integer", (c) => c.notNull().defaultTo(0).check(sql`"percentComplete" between 0 and 100`))
    .addColumn("goalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
    .addColumn("followGoalProgress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", visibilities)))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("roadmapItems_dates", sql`"endDate" >= "startDate"`)
    .execute();
  await db.schema.createIndex("roadmapItems_dates_idx").on("roadmapItems").columns(["deletedAt", "startDate", "endDate"]).execute();

  await db.schema
    .createTable("roadmapDependencies")
    .addColumn("itemId", "integer", (c) => c.notNull().references("roadmapItems.id").onDelete("cascade"))
    .addColumn("dependsOnId", "integer", (c) => c.notNull().references("roadmapItems.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("roadmapDependencies_pk", ["itemId", "dependsOnId"])
    .addCheckConstraint("roadmapDependencies_not_self", sql`"itemId" <> "dependsOnId"`)
    .execute();
  await db.schema.createIndex("roadmapDependencies_on_idx").on("roadmapDependencies").column("dependsOnId").execute();

  await db.schema
    .createTable("roadmapItemEvents")
    .addColumn("id", "integer", t.id)
    .addColumn("itemId", "integer", (c) => c.notNull().references("roadmapItems.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(inList("status", statuses)))
    .addColumn("percentComplete", "integer", (c) => c.notNull())
    .addColumn("userId", "text")
    .execute();
  await db.schema.createIndex("roadmapItemEvents_item_idx").on("roadmapItemEvents").columns(["itemId", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["roadmapItemEvents", "roadmapDependencies", "roadmapItems"]) await db.schema.dropTable(t).execute();
}
