/**
 * Soft delete: a deleted record leaves every list, count and chart but stays restorable. Marking
 * it and recording who did it happen in the transaction the caller runs the write in.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { type Actor, recordAudit } from "./audit.ts";
import { afterRecordChanged } from "./stored-progress.ts";

type SoftDeletable = "goals" | "measures" | "roadmapItems" | "milestones" | "meetings" | "resources" | "contributions" | "webhooks";

export interface SoftDelete {
  table: SoftDeletable;
  /** The name the audit log uses, e.g. "goal". */
  entity: string;
  id: number;
  deleted: boolean;
  /** The record's deletedAt before this change, for the audit entry. */
  previous: string | null;
  actor: Actor;
}

/** Marks the record and writes the audit entry; run it inside the write's transaction. */
export async function markDeleted(db: Kysely<Database>, d: SoftDelete): Promise<void> {
  const deletedAt = d.deleted ? new Date().toISOString() : null;
  // Kysely cannot type a dynamic table name; every soft-deletable table has deletedAt and version.
  const anyDb = db as unknown as Kysely<any>;
  await anyDb
    .updateTable(d.table)
    .set((eb) => ({ deletedAt, version: eb("version", "+", 1) }))
    .where("id", "=", d.id)
    .execute();
  await afterRecordChanged(db, d.table, d.id);
  await recordAudit(db, {
    actor: d.actor,
    action: d.deleted ? "delete" : "restore",
    entity: d.entity,
    entityId: d.id,
    before: { deletedAt: d.previous },
    after: { deletedAt },
  });
}
