/** The group's collective-advocacy milestones: a timeline anyone signed in may read, as far as they may see it. */
import { getMilestone, listMilestonePage, listMilestones, milestoneYears } from "@convene/db";
import { milestoneInputSchema, milestoneListQuerySchema, milestonePatchSchema, pageQuerySchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { createMilestone, setMilestoneDeleted, updateMilestone } from "../services/milestones.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const listQuery = milestoneListQuerySchema.extend({
  order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional(),
  deleted: z.enum(["true", "false"]).optional(),
});

export const milestones = new Hono<AppBindings>()
  /** One page of the timeline, with every year that has milestones (for the year filter). */
  .get("/", validate("query", listQuery.extend(pageQuerySchema.shape)), async (c) => {
    signedIn(c);
    const { deleted, ...query } = c.req.valid("query");
    if (deleted === "true") convenorOnly(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const [page, years] = await Promise.all([
      listMilestonePage(db, viewer, { ...query, deleted: deleted === "true" }),
      milestoneYears(db, viewer),
    ]);
    return c.json({ ...page, years }, 200);
  })
  /** Every matching milestone, for pickers. */
  .get("/choices", validate("query", listQuery), async (c) => {
    signedIn(c);
    const { deleted, ...query } = c.req.valid("query");
    if (deleted === "true") convenorOnly(c);
    return c.json({ milestones: await listMilestones(c.var.deps.db, viewerOf(c), { ...query, deleted: deleted === "true" }) }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const milestone = await getMilestone(c.var.deps.db, viewerOf(c), c.req.valid("param").id);
    if (!milestone) throw notFound("That milestone");
    return c.json({ milestone }, 200);
  })
  .post("/", validate("json", milestoneInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json({ milestone: await inTransaction(c, (trx) => createMilestone(trx, actorOf(user), c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", milestonePatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { milestone: await inTransaction(c, (trx) => updateMilestone(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setMilestoneDeleted(trx, actorOf(user), id, true));
    return c.json({ deleted: id, restore: `/api/milestones/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const milestone = await inTransaction(c, async (trx) => {
      await setMilestoneDeleted(trx, actorOf(user), id, false);
      return getMilestone(trx, "convenor", id);
    });
    return c.json({ milestone }, 200);
  });
