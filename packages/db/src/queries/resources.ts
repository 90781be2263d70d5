/** The shared library as a viewer may see it: visibility, tag and text search all in SQL. */
import { type ResourceInput, type ResourceListQuery, type Viewer, visibleLevels } from "@convene/domain";
import { type Kysely, sql } from "kysely";
import { containsText, jsonTextArrayHas, jsonTextValues } from "../engine.ts";
import type { Database, Resource } from "../schema.ts";

export interface ResourceFilter extends ResourceListQuery {
  ids?: number[];
  deleted?: boolean;
}

function toResource(row: Resource) {
  return { ...row, tags: JSON.parse(row.tags) as string[] };
}

export async function listResources(db: Kysely<Database>, viewer: Viewer, f: ResourceFilter) {
  let q = db
    .selectFrom("resources as r")
    .selectAll("r")
    .where("r.visibility", "in", visibleLevels(viewer))
    .where("r.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("r.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.tag) {
    const tag = f.tag;
    q = q.where(jsonTextArrayHas(db, "r.tags", tag));
  }
  if (f.q) {
    q = q.where(containsText(db, ["r.title", "r.description", "r.tags"], f.q));
  }
  const rows = await q.orderBy("r.title").orderBy("r.id").execute();
  return rows.map(toResource);
}
export type ResourceRecord = Awaited<ReturnType<typeof listResources>>[number];

export async function getResource(db: Kysely<Database>, viewer: Viewer, id: number, deleted = false) {
  const [r] = await listResources(db, viewer, { ids: [id], deleted });
  return r;
}

/** Every tag on a resource the viewer may see, for the tag filter. */
export async function resourceTags(db: Kysely<Database>, viewer: Viewer): Promise<string[]> {
  const rows = await db
    .selectFrom(
      sql<{
        tag: string;
      }>`(select distinct jv.value as tag from resources r, ${jsonTextValues(db, "r.tags", "jv")} where ${sql.ref("r.deletedAt")} is null and ${sql.ref("r.visibility")} in (${sql.join(visibleLevels(viewer))}))`.as(
        "t",
      ),
    )
    .select("t.tag")
    .orderBy("t.tag")
    .execute();
  return rows.map((r) => r.tag);
}

export async function insertResource(db: Kysely<Database>, input: ResourceInput, by: { id: string | null; name: string }): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("resources")
    .values({ ...input, tags: JSON.stringify(input.tags), createdById: by.id, createdByName: by.name, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
