/**
 * "What's new since your last visit" and "What needs you".
 *
 * - GET /feed: what changed since the person last marked their feed as seen (the last 14 days on
 *   a first visit), as far as they may see it. It does not move the mark by itself, so the feed
 *   does not vanish before it is read.
 * - POST /feed/seen: moves the mark forward to `until` (the `asOf` of the feed that was read, so
 *   nothing that arrived meanwhile is skipped), never backwards and never past now.
 * - GET /feed/needs-you: goals an organisation leads with no update for longer than the cycle's
 *   interval, open alerts it has not answered, and open proposals and statements awaiting its
 *   position or signature. A member sees their own organisation; the
 *   convenor sees every organisation with something outstanding. Observers speak for no
 *   organisation, so they are refused (403) and the dashboard does not ask.
 */
import { getCycle, getLastSeen, listFeed, listNeedsYou } from "@convene/db";
import { dateTimeSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, inTransaction, signedIn, viewerOf } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import { markFeedSeen } from "../services/feed.ts";
import { validate } from "../validate.ts";

/** How far back a first visit looks. */
export const FIRST_VISIT_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

const seenBody = z.object({ until: dateTimeSchema.optional() });
const needsYouQuery = z.object({
  cycleId: z.coerce.number({ error: "must be a number" }).int().positive({ error: "must be a positive whole number" }),
});

export const feed = new Hono<AppBindings>()
  .get("/", async (c) => {
    const user = signedIn(c);
    const { db } = c.var.deps;
    const lastSeenAt = await getLastSeen(db, user.id);
    const asOf = new Date().toISOString();
    const since = lastSeenAt ?? new Date(Date.now() - FIRST_VISIT_DAYS * DAY).toISOString();
    const items = await listFeed(db, viewerOf(c), since, asOf);
    return c.json({ lastSeenAt, since, asOf, firstVisit: lastSeenAt === null, items }, 200);
  })
  .post("/seen", validate("json", seenBody), async (c) => {
    const user = signedIn(c);
    const now = new Date();
    const asked = c.req.valid("json").until;
    const until = asked && Date.parse(asked) < now.getTime() ? new Date(asked) : now;
    const lastSeenAt = await inTransaction(c, (trx) => markFeedSeen(trx, actorOf(user), user.id, until.toISOString()));
    return c.json({ lastSeenAt }, 200);
  })
  .get("/needs-you", validate("query", needsYouQuery), async (c) => {
    const user = signedIn(c);
    if (user.role === "observer") throw forbidden("Observers do not give updates or answer alerts, so nothing here needs them.");
    const { db } = c.var.deps;
    const cycle = await getCycle(db, c.req.valid("query").cycleId);
    if (!cycle) throw notFound("That cycle");
    const now = new Date();
    const staleBefore = new Date(Date.parse(now.toISOString().slice(0, 10)) - cycle.updateIntervalDays * DAY).toISOString().slice(0, 10);
    const scope = user.role === "convenor" ? ("all" as const) : ("organisation" as const);
    const organisationIds = scope === "all" ? null : user.organisationId ? [user.organisationId] : [];
    const all = await listNeedsYou(db, { cycleId: cycle.id, organisationIds, staleBefore, now: now.toISOString() });
    // The convenor sees only the organisations with something outstanding; a member always sees their own.
    const organisations =
      scope === "all"
        ? all.filter((o) => o.staleGoals.length + o.unansweredAlerts.length + o.proposalsAwaiting.length + o.statementsAwaiting.length > 0)
        : all;
    return c.json(
      {
        cycleId: cycle.id,
        cycleClosed: cycle.state === "closed",
        intervalDays: cycle.updateIntervalDays,
        staleBefore,
        scope,
        organisations,
      },
      200,
    );
  });
