import { getResource, listResources, resourceTags } from "@convene/db";
import { resourceInputSchema, resourceListQuerySchema, resourcePatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { addResource, editResource, setResourceDeleted } from "../services/resources.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const resources = new Hono<AppBindings>()
  .get("/", validate("query", resourceListQuerySchema), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const [list, tags] = await Promise.all([listResources(db, viewer, c.req.valid("query")), resourceTags(db, viewer)]);
    return c.json({ resources: list, tags }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const resource = await getResource(c.var.deps.db, viewerOf(c), c.req.valid("param").id);
    if (!resource) throw notFound("That resource");
    return c.json({ resource }, 200);
  })
  .post("/", validate("json", resourceInputSchema), async (c) => {
    const user = signedIn(c);
    return c.json({ resource: await inTransaction(c, (trx) => addResource(trx, user, c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", resourcePatchSchema), async (c) => {
    const user = signedIn(c);
    return c.json(
      { resource: await inTransaction(c, (trx) => editResource(trx, user, c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setResourceDeleted(trx, user, id, true));
    return c.json({ deleted: id, restore: `/api/resources/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const resource = await inTransaction(c, async (trx) => {
      await setResourceDeleted(trx, user, id, false);
      return getResource(trx, "convenor", id);
    });
    return c.json({ resource: resource }, 200);
  });
