/**
 * My inbox: what concerns me, newest first, and marking it read. Every read re-checks in the
 * query that I may still see each notification and the record it concerns.
 */
import { deliveryStatus, listMyNotifications, markAllNotificationsRead, markNotificationRead } from "@convene/db";
import { notificationListQuerySchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, convenorOnly, signedIn } from "../context.ts";
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
    const { db, mailEnabled } = c.var.deps;
    return c.json({ email: { on: mailEnabled === true }, ...(await deliveryStatus(db)) }, 200);
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
