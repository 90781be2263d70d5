/**
 * Meetings: the annual workshop, the AGM, ad hoc and informal meetings, with attendance,
 * decisions (which may create or change goals) and calendar feeds. Hidden meetings answer 404.
 */
import { attendanceByYear, getCycle, listMeetingPage, listMeetings, meetingDetail, meetingsForGoal, proposalsForGoal } from "@convene/db";
import {
  attendanceInputSchema,
  decisionInputSchema,
  meetingInputSchema,
  meetingListQuerySchema,
  meetingPatchSchema,
  missingFormalMeetings,
  pageQuerySchema,
} from "@convene/domain";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { calendarLinkOf, feedFor, feedViewer, makeCalendarLink, meetingsCalendar, revokeCalendarLink } from "../services/calendar.ts";
import { groupNames } from "../services/group.ts";
import { addDecision, createMeeting, setAttendance, setDecisionDeleted, setMeetingDeleted, updateMeeting } from "../services/meetings.ts";
import { validate } from "../validate.ts";
import { idParam, pathId } from "./params.ts";

const positiveId = pathId;

/** The dashboard's own address, for links inside calendar files. */
function baseOf(c: Context<AppBindings>): string {
  return (c.var.deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, "");
}

async function groupName(c: Context<AppBindings>): Promise<string> {
  const group = await groupNames(c.var.deps.db);
  return `${group.shortName ?? group.name ?? "Convene"} meetings`;
}

const calendarHeaders = (filename?: string) => ({
  "content-type": "text/calendar; charset=utf-8",
  "cache-control": "private, no-cache",
  ...(filename ? { "content-disposition": `attachment; filename="${filename}"` } : {}),
});

export const meetings = new Hono<AppBindings>()
  /** One page of meetings: `when=upcoming` soonest first, `when=past` latest first, else oldest first. */
  .get(
    "/",
    validate(
      "query",
      meetingListQuerySchema.extend({
        deleted: z.enum(["true", "false"]).optional(),
        when: z.enum(["upcoming", "past"], { error: "Choose upcoming or past" }).optional(),
        ...pageQuerySchema.shape,
      }),
    ),
    async (c) => {
      signedIn(c);
      const { deleted, ...query } = c.req.valid("query");
      if (deleted === "true") convenorOnly(c);
      return c.json(await listMeetingPage(c.var.deps.db, viewerOf(c), { ...query, deleted: deleted === "true" }), 200);
    },
  )
  /** Every matching meeting, oldest first, for pickers. */
  .get("/choices", validate("query", meetingListQuerySchema.extend({ deleted: z.enum(["true", "false"]).optional() })), async (c) => {
    signedIn(c);
    const { deleted, ...query } = c.req.valid("query");
    if (deleted === "true") convenorOnly(c);
    return c.json({ meetings: await listMeetings(c.var.deps.db, viewerOf(c), { ...query, deleted: deleted === "true" }) }, 200);
  })
  .get("/next", validate("query", z.object({ cycleId: positiveId.optional() })), async (c) => {
    const user = signedIn(c);
    const { db } = c.var.deps;
    const viewer = viewerOf(c);
    const now = new Date().toISOString();
    const upcoming = await listMeetings(db, viewer, { from: now.slice(0, 10) });
    const next = upcoming.find((m) => (m.endsAt ?? m.startsAt) >= now) ?? null;
    // The group meets formally at least twice a year; the convenor is told when a cycle lacks either meeting.
    let warning: { cycleId: number; cycleName: string; missing: ("annual_workshop" | "agm")[] } | null = null;
    const { cycleId } = c.req.valid("query");
    if (user.role === "convenor" && cycleId) {
      const cycle = await getCycle(db, cycleId);
      if (!cycle) throw notFound("That cycle");
      const kinds = (await listMeetings(db, "convenor", { cycleId })).map((m) => m.kind);
      const missing = missingFormalMeetings(kinds);
      if (missing.length && cycle.state === "open") warning = { cycleId, cycleName: cycle.name, missing };
    }
    return c.json({ next, warning }, 200);
  })
  .get("/attendance", async (c) => {
    signedIn(c);
    return c.json(await attendanceByYear(c.var.deps.db, viewerOf(c)), 200);
  })
  .get("/for-goal/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const { id } = c.req.valid("param");
    const [meetings, proposals] = await Promise.all([
      meetingsForGoal(c.var.deps.db, viewerOf(c), id),
      proposalsForGoal(c.var.deps.db, viewerOf(c), id),
    ]);
    return c.json({ meetings, proposals }, 200);
  })
  .get("/calendar-link", async (c) => {
    const user = signedIn(c);
    return c.json({ link: (await calendarLinkOf(c.var.deps.db, user.id)) ?? null }, 200);
  })
  .post("/calendar-link", async (c) => {
    const user = signedIn(c);
    const { token, createdAt } = await inTransaction(c, (trx) => makeCalendarLink(trx, { ...actorOf(user), id: user.id }));
    const url = `${baseOf(c)}/api/meetings/calendar/${token}.ics`;
    return c.json({ url, webcalUrl: url.replace(/^https?:/, "webcal:"), createdAt }, 201);
  })
  .delete("/calendar-link", async (c) => {
    const user = signedIn(c);
    const revoked = await inTransaction(c, (trx) => revokeCalendarLink(trx, { ...actorOf(user), id: user.id }));
    if (!revoked) throw notFound("Your calendar link");
    return c.json({ revoked: true }, 200);
  })
  // The feed itself: no session, the secret token is the key. Unknown and revoked tokens answer 404.
  .get("/calendar/:file{[A-Za-z0-9_-]{16,100}\\.ics}", async (c) => {
    const token = c.req.param("file").replace(/\.ics$/, "");
    const role = await feedViewer(c.var.deps.db, token);
    if (!role) throw notFound("That calendar link");
    const text = await feedFor(c.var.deps.db, role, { base: baseOf(c), calendarName: await groupName(c) });
    return c.body(text, 200, calendarHeaders());
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const detail = await meetingDetail(c.var.deps.db, viewerOf(c), c.req.valid("param").id);
    if (!detail) throw notFound("That meeting");
    return c.json(detail, 200);
  })
  .get("/:id/ics", validate("param", idParam), async (c) => {
    signedIn(c);
    const detail = await meetingDetail(c.var.deps.db, viewerOf(c), c.req.valid("param").id);
    if (!detail) throw notFound("That meeting");
    const text = meetingsCalendar([detail.meeting], { base: baseOf(c), calendarName: detail.meeting.title });
    return c.body(text, 200, calendarHeaders(`meeting-${detail.meeting.id}.ics`));
  })
  .post("/", validate("json", meetingInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json({ meeting: await inTransaction(c, (trx) => createMeeting(trx, actorOf(user), c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", meetingPatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { meeting: await inTransaction(c, (trx) => updateMeeting(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => setMeetingDeleted(trx, actorOf(user), id, true));
    return c.json({ deleted: id, restore: `/api/meetings/${id}/restore` }, 200);
  })
  .post("/:id/restore", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const detail = await inTransaction(c, async (trx) => {
      await setMeetingDeleted(trx, actorOf(user), id, false);
      return meetingDetail(trx, "convenor", id);
    });
    return c.json({ meeting: detail?.meeting ?? null }, 200);
  })
  .put("/:id/attendance", validate("param", idParam), validate("json", attendanceInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { meeting: await inTransaction(c, (trx) => setAttendance(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .post("/:id/decisions", validate("param", idParam), validate("json", decisionInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { decision: await inTransaction(c, (trx) => addDecision(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json"))) },
      201,
    );
  })
  .delete("/:id/decisions/:decisionId", validate("param", idParam.extend({ decisionId: positiveId })), async (c) => {
    const user = convenorOnly(c);
    const { id, decisionId } = c.req.valid("param");
    await inTransaction(c, (trx) => setDecisionDeleted(trx, actorOf(user), id, decisionId, true));
    return c.json({ deleted: decisionId, restore: `/api/meetings/${id}/decisions/${decisionId}/restore` }, 200);
  })
  .post("/:id/decisions/:decisionId/restore", validate("param", idParam.extend({ decisionId: positiveId })), async (c) => {
    const user = convenorOnly(c);
    const { id, decisionId } = c.req.valid("param");
    await inTransaction(c, (trx) => setDecisionDeleted(trx, actorOf(user), id, decisionId, false));
    return c.json({ restored: decisionId }, 200);
  });
