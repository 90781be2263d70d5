/**
 * Contributions: the list (filtered, sorted, with its chart figures), its CSV, one record, and
 * logging, editing, deleting and restoring. The participation view is the convenor's alone.
 */
import { getContribution, getCycle, participation } from "@convene/db";
import { contributionCharts, contributionInputSchema, contributionListQuerySchema, contributionPatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import {
  addContribution,
  contributionsCsv,
  editContribution,
  findContributions,
  setContributionDeleted,
} from "../services/contributions.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const participationQuery = z.object({ cycleId: z.coerce.number({ error: "choose a cycle" }).int().positive() });

export const contributions = new Hono<AppBindings>()
  .get("/", validate("query", contributionListQuerySchema), async (c) => {
    signedIn(c);
    const list = await findContributions(c.var.deps.db, viewerOf(c), c.req.valid("query"));
    return c.json({ contributions: list, charts: contributionCharts(list) }, 200);
  })
  .get("/export.csv", validate("query", contributionListQuerySchema), async (c) => {
    signedIn(c);
    const list = await findContributions(c.var.deps.db, viewerOf(c), c.req.valid("query"));
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="contributions.csv"`);
    c.header("cache-control", "no-store");
    // A byte-order mark tells Excel the file is UTF-8.
    return c.body(`\uFEFF${contributionsCsv(list)}`, 200);
  })
  .get("/participation", validate("query", participationQuery), async (c) => {
    convenorOnly(c);
    const { db } = c.var.deps;
    const cycle = await getCycle(db, c.req.valid("query").cycleId);
    if (!cycle) throw notFound("That cycle");
    const p = await participation(db, { cycleId: cycle.id, from: cycle.workshopDate, to: cycle.agmDate });
    return c.json({ cycle: { id: cycle.id, name: cycle.name, workshopDate: cycle.workshopDate, agmDate: cycle.agmDate }, ...p }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const contribution = await getContribution(c.var.deps.db, viewerOf(c), c.req.valid("param").id);
    if (!contribution) throw notFound("That contribution");
    return c.json({ contribution }, 200);
  })
  .post("/", validate("json", contributionInputSchema), async (c) => {
    const user = signedIn(c);
    return c.json({ contribution: await inTransaction(c, (trx) => addContribution(trx, user, c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", contributionPatchSchema), async (c) => {
    const user = signedIn(c);
    const contribution = await inTransaction(c, (trx) => editContribution(trx, user, c.req.valid("param").id, c.req.valid("json")));
    if (!contribution) throw notFound("That contribution");
    return c.json({ contribution }, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setContributionDeleted(trx, user, id, true));
    return c.json({ deleted: id, restore: `/api/contributions/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const { id } = c.req.valid("param");
    const contribution = await inTransaction(c, async (trx) => {
      await setContributionDeleted(trx, user, id, false);
      return getContribution(trx, user.role, id);
    });
    if (!contribution) throw notFound("That contribution");
    return c.json({ contribution }, 200);
  });
