import { currentCycle, getCycle, listCycles } from "@convene/db";
import { cycleInputSchema, cyclePatchSchema, levelOf } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { cachedJson } from "../answer-cache.ts";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { closeCycle, createCycle, updateCycle } from "../services/cycles.ts";
import { cycleOverview } from "../services/overview.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const todayIso = () => new Date().toISOString().slice(0, 10);
const overviewQuery = z.object({ asOf: z.iso.date({ error: "must be a date written as YYYY-MM-DD" }).optional() });

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
    const { id } = c.req.valid("param");
    const viewer = viewerOf(c);
    const asOf = c.req.valid("query").asOf ?? todayIso();
    const compute = async () => {
      const cycle = await getCycle(db, id);
      if (!cycle) throw notFound("That cycle");
      return cycleOverview(db, viewer, cycle, asOf);
    };
    // The same JSON c.json would send, from the cache when nothing changed (answer-cache.ts); a
    // cycle's every edit bumps the answers version, so a cached answer needs no cycle read.
    return (await cachedJson(c, `overview|${id}|${levelOf(viewer)}|${asOf}`, compute)) as unknown as ReturnType<
      typeof c.json<Awaited<ReturnType<typeof compute>>, 200>
    >;
  })
  .post("/", validate("json", cycleInputSchema), async (c) => {
    const user = convenorOnly(c);
    const cycle = await inTransaction(c, (trx) => createCycle(trx, actorOf(user), c.req.valid("json")));
    return c.json({ cycle }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", cyclePatchSchema), async (c) => {
    const user = convenorOnly(c);
    const cycle = await inTransaction(c, (trx) => updateCycle(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json")));
    return c.json({ cycle }, 200);
  })
  .post("/:id/close", validate("param", idParam), validate("json", z.object({ version: z.number().int().positive() })), async (c) => {
    const user = convenorOnly(c);
    const cycle = await inTransaction(c, (trx) => closeCycle(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json").version));
    return c.json({ cycle }, 200);
  });
