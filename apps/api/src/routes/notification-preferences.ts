/**
 * My notification preferences (each person their own), and the group's rest periods, which the
 * convenor declares and everyone may see (the preferences page says when the group is resting).
 */
import { listRestPeriods, readPreferences } from "@convene/db";
import { notificationPreferencesInputSchema, restPeriodInputSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn } from "../context.ts";
import { declareRestPeriod, endRestPeriodNow, saveMyPreferences } from "../services/notification-preferences.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const notificationPreferences = new Hono<AppBindings>()
  .get("/", async (c) => {
    const user = signedIn(c);
    const { db, mailEnabled } = c.var.deps;
    const [stored, rests] = await Promise.all([readPreferences(db, user.id), listRestPeriods(db, c.var.deps.clock().toISOString())]);
    return c.json({ ...stored, email: { on: mailEnabled === true }, restPeriods: rests.current }, 200);
  })
  .put("/", validate("json", notificationPreferencesInputSchema), async (c) => {
    const user = signedIn(c);
    const saved = await inTransaction(c, (trx) => saveMyPreferences(trx, user, c.req.valid("json")));
    return c.json(saved, 200);
  });

export const restPeriods = new Hono<AppBindings>()
  .get("/", async (c) => {
    signedIn(c);
    const { db, clock, mailEnabled } = c.var.deps;
    return c.json({ ...(await listRestPeriods(db, clock().toISOString())), email: { on: mailEnabled === true } }, 200);
  })
  .post("/", validate("json", restPeriodInputSchema), async (c) => {
    const user = convenorOnly(c);
    const restPeriod = await inTransaction(c, (trx) => declareRestPeriod(trx, actorOf(user), c.req.valid("json")));
    return c.json({ restPeriod }, 201);
  })
  .post("/:id/end", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const restPeriod = await inTransaction(c, (trx) => endRestPeriodNow(trx, actorOf(user), id, c.var.deps.clock()));
    return c.json({ restPeriod }, 200);
  });
