/**
 * Standing goals: what the group's record says it is still working for, with no cycle of its
 * own (the seed must not invent a cycle's dates). The dashboard shows each one as open and lets
 * the convenor add it to a cycle with one click; until then nothing is written.
 */
import { standingGoals as seedStandingGoals } from "@convene/db";
import { canSee } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { adoptStandingGoal, goalInCycle } from "../services/standing-goals.ts";
import { validate } from "../validate.ts";

const cycleQuery = z.object({ cycleId: z.coerce.number().int().positive().optional() });
const keyParam = z.object({ key: z.string().min(1).max(100) });
const adoptBody = z.object({ cycleId: z.number({ error: "choose a cycle" }).int().positive() });

export const standingGoals = new Hono<AppBindings>()
  .get("/", validate("query", cycleQuery), async (c) => {
    signedIn(c);
    const viewer = viewerOf(c);
    const { cycleId } = c.req.valid("query");
    const out = [];
    for (const g of seedStandingGoals.filter((s) => canSee(viewer, s.visibility))) {
      const existing = cycleId ? await goalInCycle(c.var.deps.db, cycleId, g.title) : undefined;
      out.push({ ...g, goalId: existing && canSee(viewer, existing.visibility) ? existing.id : null });
    }
    return c.json({ standingGoals: out }, 200);
  })
  .post("/:key/adopt", validate("param", keyParam), validate("json", adoptBody), async (c) => {
    const user = convenorOnly(c);
    const goal = await inTransaction(c, (trx) =>
      adoptStandingGoal(trx, actorOf(user), c.req.valid("param").key, c.req.valid("json").cycleId),
    );
    return c.json({ goal }, 201);
  });
