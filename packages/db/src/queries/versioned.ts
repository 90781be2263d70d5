/** Optimistic concurrency: an edit names the version it read; a stale one changes nothing. */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

type VersionedTable =
  | "organisations"
  | "cycles"
  | "themes"
  | "goals"
  | "measures"
  | "roadmapItems"
  | "milestones"
  | "meetings"
  | "alerts"
  | "resources"
  | "contributions";

/**
 * Applies `values` to row `id` of `table` only if its version is still `version`, bumping it.
 * Returns "updated", "conflict" (someone saved first) or "missing".
 */
export async function updateVersioned(
  db: Kysely<Database>,
  table: VersionedTable,
  id: number,
  version: number,
  values: Record<string, unknown>,
): Promise<"updated" | "conflict" | "missing"> {
  // Kysely cannot type a dynamic table name; the callers' values are typed at their own call sites.
  const anyDb = db as unknown as Kysely<any>;
  const result = await anyDb
    .updateTable(table)
    .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return "updated";
  const exists = await anyDb.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
  return exists ? "conflict" : "missing";
}
