import { currentCycle, getCycle, insertCycle, listCycles, recordAudit, updateVersioned } from "@convene/db";
import { cycleInputSchema, cyclePatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, signedIn, viewerOf } from "../context.ts";
import { ApiError, editConflict, invalid, notFound } from "../errors.ts";
import { cycleOverview } from "../services/overview.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const overviewQuery = z.object({ asOf: z.iso.date({ error: "must be a date written as YYYY-MM-DD" }).optional() });

const cycleNameTaken = (name: string) =>
  new ApiError(409, "conflict", `There is already a cycle called ${name}.`, { fields: [{ field: "name", message: "is taken" }] });

export const cycles = new Hono<AppBindings>()
  .get("/", async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    return c.json({ cycles: await listCycles(db), currentCycleId: (await currentCycle(db))?.id ?? null }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const cycle = await getCycle(c.var.deps.db, c.req.valid("param").id);
    if (!cycle) throw notFound("That cycle");
    return c.json({ cycle }, 200);
  })
  .get("/:id/overview", validate("param", idParam), validate("query", overviewQuery), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const cycle = await getCycle(db, c.req.valid("param").id);
    if (!cycle) throw notFound("That cycle");
    return c.json(await cycleOverview(db, viewerOf(c), cycle, c.req.valid("query").asOf), 200);
  })
  .post("/", validate("json", cycleInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const input = c.req.valid("json");
    if (await db.selectFrom("cycles").select("id").where("name", "=", input.name).executeTakeFirst()) throw cycleNameTaken(input.name);
    const cycle = await db.transaction().execute(async (trx) => {
      const cycle = await insertCycle(trx, input);
      await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "cycle", entityId: cycle.id, after: cycle });
      return cycle;
    });
    return c.json({ cycle }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", cyclePatchSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const { version, ...fields } = c.req.valid("json");
    const before = await getCycle(db, id);
    if (!before) throw notFound("That cycle");
    if (before.closedAt) throw new ApiError(409, "cycle_closed", `The ${before.name} cycle is closed; its dates are history.`);
    if ((fields.workshopDate ?? before.workshopDate) > (fields.agmDate ?? before.agmDate))
      throw invalid("agmDate", "The AGM cannot be before the workshop");
    if (
      fields.name &&
      fields.name !== before.name &&
      (await db.selectFrom("cycles").select("id").where("name", "=", fields.name).executeTakeFirst())
    ) {
      throw cycleNameTaken(fields.name);
    }
    const cycle = await db.transaction().execute(async (trx) => {
      const outcome = await updateVersioned(trx, "cycles", id, version, fields);
      if (outcome === "conflict") throw editConflict(await getCycle(trx, id));
      const after = await getCycle(trx, id);
      await recordAudit(trx, { actor: actorOf(user), action: "update", entity: "cycle", entityId: id, before, after });
      return after;
    });
    return c.json({ cycle }, 200);
  })
  .post("/:id/close", validate("param", idParam), validate("json", z.object({ version: z.number().int().positive() })), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const before = await getCycle(db, id);
    if (!before) throw notFound("That cycle");
    if (before.closedAt) throw new ApiError(409, "cycle_closed", `The ${before.name} cycle is already closed.`);
    const cycle = await db.transaction().execute(async (trx) => {
      const outcome = await updateVersioned(trx, "cycles", id, c.req.valid("json").version, { closedAt: new Date().toISOString() });
      if (outcome === "conflict") throw editConflict(await getCycle(trx, id));
      const after = await getCycle(trx, id);
      await recordAudit(trx, { actor: actorOf(user), action: "close", entity: "cycle", entityId: id, before, after });
      return after;
    });
    return c.json({ cycle }, 200);
  });
