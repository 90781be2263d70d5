/** The shared library of documents and links. Tags are a JSON array of lower-case words. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("resources")
    .addColumn("id", "integer", t.id)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("url", "text")
    .addColumn("tags", "text", (c) =>
      c
        .notNull()
        .defaultTo("[]")
        .check(t.pg ? sql`json_typeof(tags::json) = 'array'` : sql`json_valid(tags) and json_type(tags) = 'array'`),
    )
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility in ('public', 'members', 'convenor')`))
    .addColumn("createdById", "text")
    .addColumn("createdByName", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("resources").execute();
}
