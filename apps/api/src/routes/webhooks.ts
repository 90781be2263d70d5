/**
 * CONVENOR ONLY: the group's webhooks. A hook's secret is answered once, when it is made (or
 * replaced), and never read back; a test event is sent at once and its outcome answered.
 */
import { randomUUID } from "node:crypto";
import { getWebhook, listWebhooks, recordWebhookOutcome, webhookForDelivery } from "@convene/db";
import { webhookInputSchema, webhookPatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, convenorOnly, inTransaction } from "../context.ts";
import { notFound } from "../errors.ts";
import { httpWebhookSender } from "../services/delivery/webhook-message.ts";
import { addWebhook, editWebhook, setWebhookDeleted } from "../services/webhooks.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const webhooks = new Hono<AppBindings>()
  .get("/", async (c) => {
    convenorOnly(c);
    return c.json({ webhooks: await listWebhooks(c.var.deps.db) }, 200);
  })
  .post("/", validate("json", webhookInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { webhook, secret } = await inTransaction(c, (trx) => addWebhook(trx, user, c.req.valid("json")));
    return c.json({ webhook, secret }, 201);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    convenorOnly(c);
    const webhook = await getWebhook(c.var.deps.db, c.req.valid("param").id);
    if (!webhook || webhook.deletedAt !== null) throw notFound("That webhook");
    return c.json({ webhook }, 200);
  })
  .patch("/:id", validate("param", idParam), validate("json", webhookPatchSchema), async (c) => {
    const user = convenorOnly(c);
    const webhook = await inTransaction(c, (trx) => editWebhook(trx, user, c.req.valid("param").id, c.req.valid("json")));
    return c.json({ webhook }, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setWebhookDeleted(trx, user, id, true));
    return c.json({ deleted: id, restore: `/api/webhooks/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const webhook = await inTransaction(c, async (trx) => {
      await setWebhookDeleted(trx, user, id, false);
      return getWebhook(trx, id);
    });
    return c.json({ webhook }, 200);
  })
  // Sent now, not through the outbox: the convenor is waiting to see whether the hook works.
  .post("/:id/test", validate("param", idParam), async (c) => {
    convenorOnly(c);
    const { db, publicUrl, clock } = c.var.deps;
    const { id } = c.req.valid("param");
    const hook = await webhookForDelivery(db, id);
    if (!hook || (await getWebhook(db, id))?.deletedAt !== null) throw notFound("That webhook");
    const now = clock();
    const base = publicUrl ?? new URL(c.req.url).origin;
    let error: string | null = null;
    try {
      await httpWebhookSender(base).send(
        hook,
        {
          id: randomUUID(),
          kind: "test",
          entity: null,
          entityId: null,
          visibility: "public",
          title: "Test event from Convene",
          summary: "If you can read this, the hook works.",
          path: "/admin/webhooks",
          occurredAt: now.toISOString(),
        },
        now,
      );
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    await recordWebhookOutcome(db, id, { at: now.toISOString(), error });
    return c.json({ ok: error === null, error, webhook: await getWebhook(db, id) }, 200);
  });
