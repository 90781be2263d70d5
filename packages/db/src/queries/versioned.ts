/** Optimistic concurrency: an edit names the version it read; a stale one changes nothing. */
import type { Kysely, Updateable } from "kysely";
import type { Database } from "../schema.ts";
import { type Actor, type AuditInput, recordAudit } from "./audit.ts";
import { afterRecordChanged } from "./stored-progress.ts";

export type VersionedTable =
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
  | "contributions"
  | "proposals"
  | "statements"
  | "webhooks";

/**
 * Applies `values` to row `id` of `table` only if its version is still `version`, bumping it.
 * Returns "updated", "conflict" (someone saved first) or "missing".
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  id: number,
  version: number,
  values: Updateable<Database[T]>,
): Promise<"updated" | "conflict" | "missing"> {
  // Kysely cannot type a dynamic table name; `values` is typed against the table above instead.
  const anyDb = db as unknown as Kysely<any>;
  const name: string = table;
  const result = await anyDb
    .updateTable(name)
    .set((eb) => ({ ...(values as Record<string, unknown>), version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return "updated";
  const exists = await anyDb.selectFrom(name).select("id").where("id", "=", id).executeTakeFirst();
  return exists ? "conflict" : "missing";
}

export interface VersionedEdit<T extends VersionedTable, R> {
  table: T;
  id: number;
  /** The version the edit was based on. */
  version: number;
  values: Updateable<Database[T]>;
  /** The record as read (in the same transaction) for the edit's checks: the audit's "before". */
  before: R;
  /** Reads the record as it now stands: the audit's "after", or the current record on a conflict. */
  read: (db: Kysely<Database>, id: number) => Promise<R | undefined>;
  /**
   * The record after the edit when the caller can tell without reading it again (a goal PATCH
   * changes none of the derived figures); `read` is then used only on a conflict.
   */
  after?: ((before: R, version: number) => R) | undefined;
  /** Writes that belong to the same edit (a goal's supporters), run after the row's own update. */
  alongside?: ((db: Kysely<Database>) => Promise<void>) | undefined;
  audit: {
    actor: Actor;
    /** The name the audit log uses, e.g. "goal". */
    entity: string;
    action?: AuditInput["action"];
    /** What the log keeps of a record; the whole record unless given. */
    view?: ((record: R) => unknown) | undefined;
  };
}

export type VersionedEditOutcome<R> =
  | { outcome: "updated"; after: R }
  | { outcome: "conflict"; current: R | undefined }
  | { outcome: "missing" };

/**
 * One edit of a versioned record: checks the version, updates the row and bumps its version,
 * runs the writes that go with it and records the audit entry with before and after. Run it in
 * the transaction of the whole write, so a later failure takes all of it back.
 */
export async function editVersioned<T extends VersionedTable, R>(
  db: Kysely<Database>,
  edit: VersionedEdit<T, R>,
): Promise<VersionedEditOutcome<R>> {
  const outcome = await updateVersioned(db, edit.table, edit.id, edit.version, edit.values);
  if (outcome === "missing") return { outcome };
  if (outcome === "conflict") return { outcome, current: await edit.read(db, edit.id) };
  await edit.alongside?.(db);
  await afterRecordChanged(db, edit.table, edit.id, Object.keys(edit.values));
  const after = edit.after ? edit.after(edit.before, edit.version + 1) : await edit.read(db, edit.id);
  if (after === undefined) return { outcome: "missing" };
  const view = edit.audit.view ?? ((r: R) => r);
  await recordAudit(db, {
    actor: edit.audit.actor,
    action: edit.audit.action ?? "update",
    entity: edit.audit.entity,
    entityId: edit.id,
    before: view(edit.before),
    after: view(after),
  });
  return { outcome: "updated", after };
}
