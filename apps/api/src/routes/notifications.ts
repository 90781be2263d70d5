/**
 * My inbox: what concerns me, newest first, and marking it read. Every read re-checks in the
 * query that I may still see each notification and the record it concerns.
 */
import {
  deliveryStatus,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  recordAudit,
  retryFailingNow,
} from "@convene/db";
import { notificationListQuerySchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn } from "../context.ts";
import { notFound } from "../errors.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const notifications = new Hono<AppBindings>()
  .get("/", validate("query", notificationListQuerySchema), async (c) => {
    const user = signedIn(c);
    return c.json(await listMyNotifications(c.var.deps.db, user, c.req.valid("query")), 200);
  })
  // For the convenor: whether email is on, and what is waiting or failing with its last error.
  .get("/deliveries", async (c) => {
    convenorOnly(c);
    const { db, mailEnabled, delivery } = c.var.deps;
    // This server's own view of its mail server (each instance checks its own at start-up).
    const health = mailEnabled === true ? delivery?.health() : undefined;
    return c.json(
      {
        email: { on: mailEnabled === true, checkedAt: health?.checkedAt ?? null, error: health?.error ?? null },
        ...(await deliveryStatus(db)),
      },
      200,
    );
  })
  // "Retry now": every failing delivery is due at once, and this server's worker runs now.
  .post("/deliveries/retry", async (c) => {
    const user = convenorOnly(c);
    const retried = await inTransaction(c, async (trx) => {
      const n = await retryFailingNow(trx, new Date().toISOString());
      await recordAudit(trx, { actor: actorOf(user), action: "retry", entity: "delivery", entityId: "failing", after: { retried: n } });
      return n;
    });
    c.var.deps.delivery?.wake();
    return c.json({ retried }, 200);
  })
  // Before /:id/read so that "read-all" is never taken for an id.
  .post("/read-all", async (c) => {
    const user = signedIn(c);
    return c.json({ marked: await markAllNotificationsRead(c.var.deps.db, user, new Date().toISOString()) }, 200);
  })
  .post("/:id/read", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const notification = await markNotificationRead(c.var.deps.db, user, c.req.valid("param").id, new Date().toISOString());
    if (!notification) throw notFound("That notification");
    return c.json({ notification }, 200);
  });
