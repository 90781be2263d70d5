import { measureCreateSchema, measurePatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction } from "../context.ts";
import { createMeasure, setMeasureDeleted, updateMeasure } from "../services/measures.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const measures = new Hono<AppBindings>()
  .post("/", validate("json", measureCreateSchema), async (c) => {
    const user = convenorOnly(c);
    const { goalId, ...input } = c.req.valid("json");
    return c.json({ measure: await inTransaction(c, (trx) => createMeasure(trx, actorOf(user), goalId, input)) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", measurePatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { measure: await inTransaction(c, (trx) => updateMeasure(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setMeasureDeleted(trx, actorOf(user), id, true));
    return c.json({ deleted: id }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setMeasureDeleted(trx, actorOf(user), id, false));
    return c.json({ restored: id }, 200);
  });
