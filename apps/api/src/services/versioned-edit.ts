/** The API's side of a versioned edit: a stale version answers 409 with the current record, a vanished one 404. */
import { type Db, editVersioned, type VersionedEdit, type VersionedTable } from "@convene/db";
import { editConflict, notFound } from "../errors.ts";

/** Applies the edit in the caller's transaction and returns the record as it now stands. */
export async function applyEdit<T extends VersionedTable, R>(trx: Db, what: string, edit: VersionedEdit<T, R>): Promise<R> {
  const result = await editVersioned(trx, edit);
  if (result.outcome === "conflict") throw editConflict(result.current);
  if (result.outcome === "missing") throw notFound(what);
  return result.after;
}
