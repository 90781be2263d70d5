/** GET /api/cycles/:id/compare?since=YYYY-MM-DD: "since the last AGM" for one cycle, as the viewer may see it. */
import { getCycle, listCycles } from "@convene/db";
import { levelOf } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { cachedJson } from "../answer-cache.ts";
import { type AppBindings, signedIn, viewerOf } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { defaultSince, loadComparison } from "../services/compare.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const isoDate = z.iso.date({ error: "must be a date written as YYYY-MM-DD" });
const compareQuery = z.object({ since: isoDate.optional(), asOf: isoDate.optional() });

export const cycleCompare = new Hono<AppBindings>().get(
  "/:id/compare",
  validate("param", idParam),
  validate("query", compareQuery),
  async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const now = query.asOf ?? new Date().toISOString().slice(0, 10);
    if (query.since !== undefined && query.since > now) throw invalid("since", "must be on or before today");
    const viewer = viewerOf(c);
    const compute = async () => {
      const cycle = await getCycle(db, id);
      if (!cycle) throw notFound("That cycle");
      const fallback = defaultSince(cycle, await listCycles(db));
      const since = query.since ?? fallback.date;
      if (since > now) throw invalid("since", "must be on or before today");
      return {
        cycle: { id: cycle.id, name: cycle.name },
        defaultSince: fallback,
        ...(await loadComparison(db, viewer, cycle, since, now)),
      };
    };
    // The same JSON c.json would send, from the cache when nothing changed (answer-cache.ts). The
    // default "since" comes from the cycles, and every cycle write bumps the answers version, so
    // an answer without `since` is cached under "default" and needs no cycle read either.
    return (await cachedJson(c, `compare|${id}|${levelOf(viewer)}|${query.since ?? "default"}|${now}`, compute)) as unknown as ReturnType<
      typeof c.json<Awaited<ReturnType<typeof compute>>, 200>
    >;
  },
);
