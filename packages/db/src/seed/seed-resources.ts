/**
 * Loads the shared resources named in the group's own description. Idempotent: a resource whose
 * title is already there (even if the convenor has since deleted it) is left alone.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import seed from "./resources.json" with { type: "json" };

export async function seedResources(db: Kysely<Database>): Promise<number> {
  let added = 0;
  for (const r of seed.resources) {
    const existing = await db.selectFrom("resources").select("id").where("title", "=", r.title).executeTakeFirst();
    if (existing) continue;
    await db
      .insertInto("resources")
      .values({
        title: r.title,
        description: r.description,
        url: r.url,
        tags: JSON.stringify(r.tags),
        visibility: r.visibility as "public",
        createdById: null,
        createdByName: "Convene seed",
      })
      .execute();
    added += 1;
  }
  return added;
}
