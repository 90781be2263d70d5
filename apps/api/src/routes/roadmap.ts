import { getRoadmapItem, listRoadmapEvents, listRoadmapItems } from "@convene/db";
import {
  roadmapItemInputSchema,
  roadmapItemPatchSchema,
  roadmapListQuerySchema,
  roadmapProgressOverTime,
  roadmapProgressQuerySchema,
  roadmapSampleStep,
  sampleDates,
} from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { createRoadmapItem, setRoadmapItemDeleted, updateRoadmapItem } from "../services/roadmap.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const roadmap = new Hono<AppBindings>()
  .get("/", validate("query", roadmapListQuerySchema), async (c) => {
    signedIn(c);
    const { deleted, from, to } = c.req.valid("query");
    if (deleted === "true") convenorOnly(c);
    return c.json({ items: await listRoadmapItems(c.var.deps.db, viewerOf(c), { from, to, deleted: deleted === "true" }) }, 200);
  })
  .get("/progress", validate("query", roadmapProgressQuerySchema), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const items = await listRoadmapItems(db, viewer);
    const today = new Date().toISOString().slice(0, 10);
    const earliest = items.reduce<string | null>((min, i) => (min === null || i.startDate < min ? i.startDate : min), null);
    const from = c.req.valid("query").from ?? (earliest && earliest < today ? earliest : today);
    const to = c.req.valid("query").to ?? [from, today].sort()[1]!; // the later of the two
    const events = await listRoadmapEvents(
      db,
      viewer,
      items.map((i) => i.id),
    );
    const points = items.length ? roadmapProgressOverTime(items, events, sampleDates(from, to, roadmapSampleStep(from, to))) : [];
    return c.json({ from, to, items: items.filter((i) => i.status !== "dropped").length, points }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const item = await getRoadmapItem(db, viewer, c.req.valid("param").id);
    if (!item) throw notFound("That road map item");
    const history = await listRoadmapEvents(db, viewer, [item.id]);
    return c.json({ item, history }, 200);
  })
  .post("/", validate("json", roadmapItemInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json({ item: await inTransaction(c, (trx) => createRoadmapItem(trx, actorOf(user), c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", roadmapItemPatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { item: await inTransaction(c, (trx) => updateRoadmapItem(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setRoadmapItemDeleted(trx, actorOf(user), id, true));
    return c.json({ deleted: id, restore: `/api/roadmap/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const item = await inTransaction(c, async (trx) => {
      await setRoadmapItemDeleted(trx, actorOf(user), id, false);
      return getRoadmapItem(trx, "convenor", id);
    });
    return c.json({ item: item }, 200);
  });
