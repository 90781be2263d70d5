import { getGoal, listProgressUpdates } from "@convene/db";
import { progressUpdateInputSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { postProgressUpdate, setUpdateDeleted } from "../services/progress-updates.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const updates = new Hono<AppBindings>()
  .get("/", validate("query", z.object({ goalId: z.coerce.number().int().positive() })), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const { goalId } = c.req.valid("query");
    // A goal the viewer may not see answers 404 here too, not an empty list that confirms it exists.
    if (!(await getGoal(db, viewer, goalId))) throw notFound("That goal");
    return c.json({ updates: await listProgressUpdates(db, viewer, [goalId]) }, 200);
  })
  .post("/", validate("json", progressUpdateInputSchema), async (c) => {
    const user = signedIn(c);
    return c.json(await inTransaction(c, (trx) => postProgressUpdate(trx, user, c.req.valid("json"))), 201);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setUpdateDeleted(trx, user, id, true));
    return c.json({ deleted: id }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setUpdateDeleted(trx, user, id, false));
    return c.json({ restored: id }, 200);
  });
