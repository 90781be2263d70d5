/**
 * The group's webhooks: the convenor adds, edits, disables and deletes them (audited, in the
 * transaction handed in); events are queued for every hook that may hear them in the transaction
 * of the change that caused them. The secret is made here when none is given, returned once by
 * `addWebhook`, and never again.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { type Db, getWebhook, insertOutbox, insertWebhook, listActiveWebhooks, markDeleted, recordAudit } from "@convene/db";
import { hooksFor, type WebhookInput, type WebhookPatch } from "@convene/domain";
import { actorOf, type SessionUser } from "../context.ts";
import { notFound } from "../errors.ts";
import type { WebhookEvent, WebhookPayload } from "./delivery/webhook-message.ts";
import { applyEdit } from "./versioned-edit.ts";

export async function addWebhook(trx: Db, user: SessionUser, input: WebhookInput) {
  const secret = input.secret ?? randomBytes(32).toString("hex");
  const id = await insertWebhook(trx, { ...input, secret });
  const created = (await getWebhook(trx, id))!;
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "webhook", entityId: id, after: created });
  return { webhook: created, secret };
}

export async function editWebhook(trx: Db, user: SessionUser, id: number, patch: WebhookPatch) {
  const before = await getWebhook(trx, id);
  if (!before || before.deletedAt !== null) throw notFound("That webhook");
  const { version, events, enabled, ...fields } = patch;
  return applyEdit(trx, "That webhook", {
    table: "webhooks",
    id,
    version,
    values: {
      ...fields,
      ...(events ? { events: JSON.stringify(events) } : {}),
      ...(enabled === undefined ? {} : { enabled: enabled ? 1 : 0 }),
      updatedAt: new Date().toISOString(),
    },
    before,
    read: (db, hookId) => getWebhook(db, hookId),
    // The secret is written but never read back, so the audit's before/after never hold it.
    audit: { actor: actorOf(user), entity: "webhook" },
  });
}

export async function setWebhookDeleted(trx: Db, user: SessionUser, id: number, deleted: boolean) {
  const row = await trx.selectFrom("webhooks").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That webhook" : "That deleted webhook");
  await markDeleted(trx, { table: "webhooks", entity: "webhook", id, deleted, previous: row.deletedAt, actor: actorOf(user) });
}

/**
 * Queues one delivery per hook that may hear the event. `dedupeKey` (for scheduled reminders)
 * makes a second scan's rows collide with the first's, so a hook hears of it once.
 */
export async function queueWebhookEvent(trx: Db, event: Omit<WebhookEvent, "id" | "occurredAt">, dedupeKey?: string) {
  if (event.kind === "test") return;
  const hooks = hooksFor(await listActiveWebhooks(trx), { kind: event.kind, visibility: event.visibility });
  if (hooks.length === 0) return;
  const occurredAt = new Date().toISOString();
  const rows = hooks.map((h) => {
    const payload: WebhookPayload = { webhookId: h.id, event: { ...event, id: randomUUID(), occurredAt } };
    return { channel: "webhook" as const, payload: JSON.stringify(payload), dedupeKey: dedupeKey ? `${dedupeKey}:hook:${h.id}` : null };
  });
  if (dedupeKey) {
    for (const row of rows)
      await trx
        .insertInto("outbox")
        .values(row)
        .onConflict((oc) => oc.column("dedupeKey").doNothing())
        .execute();
  } else await insertOutbox(trx, rows);
}
