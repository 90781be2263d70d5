import type { PageQuery } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { pageOf } from "./paging.ts";

export interface Actor {
  id: string | null;
  name: string;
}

export interface AuditInput {
  actor: Actor;
  action:
    | "create"
    | "update"
    | "delete"
    | "restore"
    | "close"
    | "copy_forward"
    | "invite"
    | "disable"
    | "enable"
    | "reset_link"
    | "setting"
    | "withdraw"
    // "Retry now" on failing deliveries (Admin › Delivery).
    | "retry"
    // Sign-in and sessions (apps/api/src/services/sessions.ts).
    | "sign_in"
    | "sign_in_failed"
    | "sign_out"
    | "session_end"
    | "two_factor"
    // Personal data (apps/api/src/services/personal-data.ts).
    | "erase"
    | "leave"
    | "dormant_warning";
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Every write leaves one of these, in the same transaction as the write itself. */
export async function recordAudit(db: Kysely<Database>, entry: AuditInput): Promise<void> {
  await db
    .insertInto("auditEntries")
    .values({
      at: new Date().toISOString(),
      userId: entry.actor.id,
      userName: entry.actor.name,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditListQuery extends PageQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Older than this entry (the log's own cursor, kept beside offset paging). */
  before?: number | undefined;
}

/** One page of the log, newest first, with the total that matches. */
export async function listAudit(db: Kysely<Database>, q: AuditListQuery) {
  let query = db.selectFrom("auditEntries").selectAll().orderBy("id", "desc");
  if (q.entity) query = query.where("entity", "=", q.entity);
  if (q.entityId) query = query.where("entityId", "=", q.entityId);
  if (q.before) query = query.where("id", "<", q.before);
  const { rows, ...page } = await pageOf(db, query, q);
  return {
    entries: rows.map((r) => ({
      ...r,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    })),
    ...page,
  };
}

/** The kinds of record the log holds, so a filter lists exactly what there is to filter by. */
export async function auditEntities(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom("auditEntries").select("entity").distinct().orderBy("entity").execute();
  return rows.map((r) => r.entity);
}

/**
 * The devices a person has signed in from before, as their sign-in audit entries described them
 * ("Chrome on Android"): the newest 500, enough to know a device seen in the last months.
 */
export async function devicesSignedInFrom(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("auditEntries")
    .select("after")
    .where("userId", "=", userId)
    .where("action", "=", "sign_in")
    .where("entity", "=", "session")
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return rows.flatMap((r) => {
    const device = r.after ? (JSON.parse(r.after) as { device?: unknown }).device : undefined;
    return typeof device === "string" ? [device] : [];
  });
}
