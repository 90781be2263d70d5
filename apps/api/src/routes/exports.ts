/**
 * Exports: the AGM slide deck as PowerPoint, and the same report as JSON for the dashboard's
 * preview and presentation mode. Convenor and members choose the audience; observers only ever
 * get the public deck.
 */
import { getCycle } from "@convene/db";
import { type AgmAudience, agmQuerySchema } from "@convene/domain";
import { buildAgmDeck, deckSlides } from "@convene/slides";
import { Hono } from "hono";
import { type AppBindings, type SessionUser, signedIn } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import { buildAgmReport } from "../services/agm-report.ts";
import { validate } from "../validate.ts";

function audienceFor(user: SessionUser, asked: AgmAudience | undefined): AgmAudience {
  if (user.role === "observer") {
    if (asked === "members") throw forbidden("Observers can export the public deck only.");
    return "public";
  }
  return asked ?? "members";
}

export const exportsRoute = new Hono<AppBindings>()
  .get("/agm", validate("query", agmQuerySchema), async (c) => {
    const user = signedIn(c);
    const { cycle: cycleId, audience: asked } = c.req.valid("query");
    const audience = audienceFor(user, asked);
    const cycle = await getCycle(c.var.deps.db, cycleId);
    if (!cycle) throw notFound("That cycle");
    const report = await buildAgmReport(c.var.deps.db, cycle, audience);
    const slides = deckSlides(report).map((s) => ({ id: s.id, kind: s.kind, title: s.title }));
    return c.json({ report, slides }, 200);
  })
  .get("/agm.pptx", validate("query", agmQuerySchema), async (c) => {
    const user = signedIn(c);
    const { cycle: cycleId, audience: asked } = c.req.valid("query");
    const audience = audienceFor(user, asked);
    const cycle = await getCycle(c.var.deps.db, cycleId);
    if (!cycle) throw notFound("That cycle");
    const deck = await buildAgmDeck(await buildAgmReport(c.var.deps.db, cycle, audience));
    const name = `agm-${cycle.id}-${audience}.pptx`;
    return c.body(deck as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    });
  });
