/**
 * One organisation's single say on something — a proposal position, a statement signature, an
 * answer to an alert —
 * recorded in the write's transaction: it replaces any earlier one, and the audit entry says
 * whether it is new or a change, and what it was before.
 */
import { type Db, recordAudit } from "@convene/db";
import { actorOf, type SessionUser } from "../context.ts";

export interface OrganisationSay<B extends object, R extends { id: number }> {
  entity: string;
  /** What the say is on and whose it is, as the audit entry names them: { proposalId: 3, organisationId: 5 }. */
  key: Record<string, number>;
  /** The organisation's earlier say, if it has one. */
  earlier: (trx: Db) => Promise<B | undefined>;
  /** Writes the say, replacing the earlier one. */
  write: (trx: Db) => Promise<R>;
  /** What the audit log keeps of the written row. */
  view: (row: R) => object;
}

export async function recordSay<B extends object, R extends { id: number }>(trx: Db, user: SessionUser, say: OrganisationSay<B, R>) {
  const before = await say.earlier(trx);
  const row = await say.write(trx);
  await recordAudit(trx, {
    actor: actorOf(user),
    action: before ? "update" : "create",
    entity: say.entity,
    entityId: row.id,
    before: before ? { ...say.key, ...before } : undefined,
    after: { ...say.key, ...say.view(row) },
  });
  return { row, created: !before, before };
}
