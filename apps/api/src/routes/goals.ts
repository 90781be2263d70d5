import { copiesOf, getGoal, listGoalChoices, listGoalPage, listProgressUpdates, measureValueHistory } from "@convene/db";
import {
  copyForwardSchema,
  goalInputSchema,
  goalListQuerySchema,
  goalPageQuerySchema,
  goalPatchSchema,
  goalProgressOverTime,
  levelOf,
} from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { cachedJson } from "../answer-cache.ts";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { copyGoalForward, createGoal, setGoalDeleted, updateGoal } from "../services/goals.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const bin = { deleted: z.enum(["true", "false"]).optional() };

export const goals = new Hono<AppBindings>()
  /** One page of the goals table, sorted and filtered in SQL (50 a page unless `limit` says). */
  .get("/", validate("query", goalPageQuerySchema.extend(bin)), async (c) => {
    signedIn(c);
    const { deleted, ...query } = c.req.valid("query");
    const viewer = viewerOf(c);
    const compute = () => listGoalPage(c.var.deps.db, viewer, { ...query, deleted: deleted === "true" });
    if (deleted === "true") {
      convenorOnly(c);
      return c.json(await compute(), 200);
    }
    // Live goals' pages are cached like the overview (answer-cache.ts): every write to a goal,
    // its measures, updates, supporters, theme or lead organisation bumps the answers version.
    // The bin is not: purging it is not such a write.
    return (await cachedJson(c, `goals|${levelOf(viewer)}|${JSON.stringify(query)}`, compute)) as unknown as ReturnType<
      typeof c.json<Awaited<ReturnType<typeof compute>>, 200>
    >;
  })
  /** Every matching goal by name, for pickers. */
  .get("/choices", validate("query", goalListQuerySchema.extend(bin)), async (c) => {
    signedIn(c);
    const { deleted, ...query } = c.req.valid("query");
    if (deleted === "true") convenorOnly(c);
    return c.json({ goals: await listGoalChoices(c.var.deps.db, viewerOf(c), { ...query, deleted: deleted === "true" }) }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const goal = await getGoal(db, viewer, c.req.valid("param").id);
    if (!goal) throw notFound("That goal");
    const [history, updates, copies, copiedFrom] = await Promise.all([
      measureValueHistory(db, viewer, [goal.id]),
      listProgressUpdates(db, viewer, [goal.id]),
      copiesOf(db, viewer, goal.id),
      goal.copiedFromGoalId ? getGoal(db, viewer, goal.copiedFromGoalId) : undefined,
    ]);
    return c.json(
      {
        goal,
        measureHistory: goal.measures.map((m) => ({
          measureId: m.id,
          points: history.filter((v) => v.measureId === m.id).map((v) => ({ date: v.recordedAt, value: v.value })),
        })),
        progressOverTime: goalProgressOverTime(goal.measures, history),
        updates,
        copiedFrom: copiedFrom ? { id: copiedFrom.id, title: copiedFrom.title, cycleName: copiedFrom.cycleName } : null,
        copies,
      },
      200,
    );
  })
  .post("/", validate("json", goalInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json({ goal: await inTransaction(c, (trx) => createGoal(trx, actorOf(user), c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", goalPatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { goal: await inTransaction(c, (trx) => updateGoal(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setGoalDeleted(trx, actorOf(user), id, true));
    return c.json({ deleted: id, restore: `/api/goals/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const goal = await inTransaction(c, async (trx) => {
      await setGoalDeleted(trx, actorOf(user), id, false);
      return getGoal(trx, "convenor", id);
    });
    return c.json({ goal }, 200);
  })
  .post("/:id/copy-forward", validate("param", idParam), validate("json", copyForwardSchema), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const goal = await inTransaction(c, (trx) => copyGoalForward(trx, actorOf(user), id, c.req.valid("json").cycleId));
    return c.json({ goal }, 201);
  });
