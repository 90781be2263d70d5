import { auditEntities, listAudit } from "@convene/db";
import { pageQuerySchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, convenorOnly } from "../context.ts";
import { validate } from "../validate.ts";

const auditQuery = pageQuerySchema.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(60).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export const audit = new Hono<AppBindings>().get("/", validate("query", auditQuery), async (c) => {
  convenorOnly(c);
  const { db } = c.var.deps;
  return c.json({ ...(await listAudit(db, c.req.valid("query"))), entities: await auditEntities(db) }, 200);
});
