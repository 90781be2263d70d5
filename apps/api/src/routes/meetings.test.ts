import { addDays } from "@convene/domain";
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, closeCycle, json, makeCycle, makeGoal, organisationIds, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie, { workshopDate: "2026-01-10", agmDate: "2026-12-10" });
  return { ...w, cycle };
}

type App = Awaited<ReturnType<typeof setup>>["app"];

async function makeMeeting(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/meetings", {
    cookie,
    body: { kind: "ad_hoc", title: "Emerging threat", startsAt: "2026-06-12T10:00:00Z", visibility: "members", ...fields },
  });
  if (res.status !== 201) throw new Error(`makeMeeting: ${res.status} ${await res.text()}`);
  return (await json(res)).meeting as { id: number; version: number; cycleId: number | null; startsAt: string; title: string };
}

describe("meetings: list and detail", () => {
  it("lists the meetings a viewer may see, with filters", async () => {
    const { app, convenor, member, observer, cycle } = await setup();
    const pub = await makeMeeting(app, convenor.cookie, { visibility: "public", kind: "agm", startsAt: "2026-12-10T14:00:00Z" });
    const members = await makeMeeting(app, convenor.cookie, { visibility: "members", startsAt: "2026-03-01T10:00:00Z" });
    const secret = await makeMeeting(app, convenor.cookie, { visibility: "convenor", startsAt: "2025-03-01T10:00:00Z" });
    const ids = async (cookie: string, q = "") =>
      (await json(await call(app, "GET", `/api/meetings${q}`, { cookie }))).meetings.map((m: { id: number }) => m.id);
    expect(await ids(convenor.cookie)).toEqual([secret.id, members.id, pub.id]);
    expect(await ids(member.cookie)).toEqual([members.id, pub.id]);
    expect(await ids(observer.cookie)).toEqual([pub.id]);
    expect(await ids(convenor.cookie, "?kind=agm")).toEqual([pub.id]);
    expect(await ids(convenor.cookie, `?cycleId=${cycle.id}`)).toEqual([members.id, pub.id]);
    expect(await ids(convenor.cookie, "?from=2026-03-01&to=2026-03-01")).toEqual([members.id]);
    expect(pub.cycleId).toBe(cycle.id);
    expect(secret.cycleId).toBeNull();
  });

  it("pages upcoming meetings soonest first and past ones latest first, with the total", async () => {
    const { app, convenor } = await setup();
    const year = new Date().getUTCFullYear();
    const older = await makeMeeting(app, convenor.cookie, { startsAt: `${year - 2}-03-01T10:00:00Z` });
    const old = await makeMeeting(app, convenor.cookie, { startsAt: `${year - 1}-03-01T10:00:00Z` });
    const later = await makeMeeting(app, convenor.cookie, { startsAt: `${year + 2}-03-01T10:00:00Z` });
    const soon = await makeMeeting(app, convenor.cookie, { startsAt: `${year + 1}-03-01T10:00:00Z` });
    const listed = async (q: string) => json(await call(app, "GET", `/api/meetings?${q}`, { cookie: convenor.cookie }));
    const upcoming = await listed("when=upcoming");
    expect(upcoming).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(upcoming.meetings.map((m: { id: number }) => m.id)).toEqual([soon.id, later.id]);
    const past = await listed("when=past&limit=1&offset=1");
    expect(past).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(past.meetings.map((m: { id: number }) => m.id)).toEqual([older.id]);
    expect((await listed("when=past")).meetings.map((m: { id: number }) => m.id)).toEqual([old.id, older.id]);
    const choices = await json(await call(app, "GET", "/api/meetings/choices", { cookie: convenor.cookie }));
    expect(choices.meetings.map((m: { id: number }) => m.id)).toEqual([older.id, old.id, soon.id, later.id]);
  });

  it("needs sign-in, names bad filters and keeps the bin for the convenor", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/meetings")).status).toBe(401);
    const res = await call(app, "GET", "/api/meetings?kind=party&from=12/01/2026", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect((await badFields(res)).sort()).toEqual(["from", "kind"]);
    expect((await call(app, "GET", "/api/meetings?deleted=true", { cookie: member.cookie })).status).toBe(403);
  });

  it("answers 404 for a hidden meeting", async () => {
    const { app, convenor, member, observer } = await setup();
    const members = await makeMeeting(app, convenor.cookie, { visibility: "members" });
    const secret = await makeMeeting(app, convenor.cookie, { visibility: "convenor" });
    expect((await call(app, "GET", `/api/meetings/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/meetings/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/meetings/${secret.id}/ics`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/meetings/${members.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", `/api/meetings/${members.id}`)).status).toBe(401);
    const bad = await call(app, "GET", "/api/meetings/abc", { cookie: member.cookie });
    expect(await badFields(bad)).toEqual(["id"]);
  });
});

describe("meetings: writing", () => {
  it("creates, edits, deletes and restores a meeting, auditing each", async () => {
    const { app, convenor, member, convene } = await setup();
    const body = {
      kind: "annual_workshop",
      title: "Annual workshop",
      startsAt: "2026-01-10T09:30:00+00:00",
      endsAt: "2026-01-10T16:00:00Z",
    };
    expect((await call(app, "POST", "/api/meetings", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/meetings", { body })).status).toBe(401);
    const m = await makeMeeting(app, convenor.cookie, { ...body, agenda: "1. Goals\n2. *Self-care*" });
    expect(m.startsAt).toBe("2026-01-10T09:30:00.000Z");

    const patched = await call(app, "PATCH", `/api/meetings/${m.id}`, {
      cookie: convenor.cookie,
      body: { version: m.version, minutes: "Agreed the goals." },
    });
    expect(patched.status).toBe(200);
    expect((await json(patched)).meeting).toMatchObject({ minutes: "Agreed the goals.", version: 2 });

    const stale = await call(app, "PATCH", `/api/meetings/${m.id}`, { cookie: convenor.cookie, body: { version: 1, title: "Old" } });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current).toMatchObject({ version: 2, title: "Annual workshop" });

    const del = await call(app, "DELETE", `/api/meetings/${m.id}`, { cookie: convenor.cookie });
    expect(del.status).toBe(200);
    expect((await call(app, "GET", `/api/meetings/${m.id}`, { cookie: convenor.cookie })).status).toBe(404);
    const bin = await json(await call(app, "GET", "/api/meetings?deleted=true", { cookie: convenor.cookie }));
    expect(bin.meetings.map((x: { id: number }) => x.id)).toEqual([m.id]);
    expect((await call(app, "POST", `/api/meetings/${m.id}/restore`, { cookie: member.cookie })).status).toBe(403);
    const restored = await call(app, "POST", `/api/meetings/${m.id}/restore`, { cookie: convenor.cookie });
    expect(restored.status).toBe(200);
    expect((await call(app, "GET", `/api/meetings/${m.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "POST", `/api/meetings/${m.id}/restore`, { cookie: convenor.cookie })).status).toBe(404);

    const actions = (await auditOf(convene, "meeting", m.id)).map((e) => e.action);
    expect(actions).toEqual(["restore", "delete", "update", "create"]);
  });

  it("names the bad field", async () => {
    const { app, convenor } = await setup();
    const post = (body: unknown) => call(app, "POST", "/api/meetings", { cookie: convenor.cookie, body });
    expect(await badFields(await post({ kind: "ad_hoc", title: "", startsAt: "2026-01-01T10:00:00Z" }))).toEqual(["title"]);
    expect(await badFields(await post({ kind: "ad_hoc", title: "x", startsAt: "tomorrow" }))).toEqual(["startsAt"]);
    expect(await badFields(await post({ kind: "party", title: "x", startsAt: "2026-01-01T10:00:00Z" }))).toEqual(["kind"]);
    expect(
      await badFields(await post({ kind: "ad_hoc", title: "x", startsAt: "2026-01-01T10:00:00Z", endsAt: "2026-01-01T09:00:00Z" })),
    ).toEqual(["endsAt"]);
    expect(
      await badFields(await post({ kind: "ad_hoc", title: "x", startsAt: "2026-01-01T10:00:00Z", onlineUrl: "javascript:alert(1)" })),
    ).toEqual(["onlineUrl"]);
    expect(await badFields(await post({ kind: "ad_hoc", title: "x", startsAt: "2026-01-01T10:00:00Z", cycleId: 999 }))).toEqual([
      "cycleId",
    ]);
    const m = await makeMeeting(app, convenor.cookie, { endsAt: "2026-06-12T12:00:00Z" });
    const res = await call(app, "PATCH", `/api/meetings/${m.id}`, {
      cookie: convenor.cookie,
      body: { version: m.version, startsAt: "2026-06-12T13:00:00Z" },
    });
    expect(await badFields(res)).toEqual(["endsAt"]);
  });

  it("records attendance by organisation, versioned and audited", async () => {
    const { app, convenor, member, convene } = await setup();
    const [a, b] = await organisationIds(convene);
    const m = await makeMeeting(app, convenor.cookie);
    const put = (cookie: string, body: unknown) => call(app, "PUT", `/api/meetings/${m.id}/attendance`, { cookie, body });
    const attendance = [
      { organisationId: a, status: "attended" },
      { organisationId: b, status: "apologies" },
    ];
    expect((await put(member.cookie, { version: 1, attendance })).status).toBe(403);
    expect(await badFields(await put(convenor.cookie, { version: 1, attendance: [{ organisationId: a, status: "maybe" }] }))).toEqual([
      "attendance.0.status",
    ]);
    expect(await badFields(await put(convenor.cookie, { version: 1, attendance: [{ organisationId: 9999, status: "attended" }] }))).toEqual(
      ["attendance"],
    );
    const ok = await put(convenor.cookie, { version: 1, attendance });
    expect(ok.status).toBe(200);
    expect((await json(ok)).meeting).toMatchObject({ version: 2, attendedCount: 1 });
    expect((await put(convenor.cookie, { version: 1, attendance: [] })).status).toBe(409);
    const detail = await json(await call(app, "GET", `/api/meetings/${m.id}`, { cookie: member.cookie }));
    expect(detail.attendance.map((x: { organisationId: number; status: string }) => [x.organisationId, x.status]).sort()).toEqual(
      [
        [a, "attended"],
        [b, "apologies"],
      ].sort(),
    );
    const [entry] = await auditOf(convene, "meeting_attendance", m.id);
    expect(entry).toMatchObject({ action: "update", userId: convenor.id });

    const chart = await json(await call(app, "GET", "/api/meetings/attendance", { cookie: member.cookie }));
    expect(chart.rows).toEqual([expect.objectContaining({ organisationId: a, year: "2026", attended: 1 })]);
  });
});

describe("meetings: decisions", () => {
  it("creates a goal through the goal rules and links both ways", async () => {
    const { app, convenor, member, observer, cycle, convene } = await setup();
    const m = await makeMeeting(app, convenor.cookie, { kind: "annual_workshop", title: "Workshop 2026" });
    const res = await call(app, "POST", `/api/meetings/${m.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "create_goal", text: "Put self-care first", goal: { cycleId: cycle.id, title: "Self-care guide" } },
    });
    expect(res.status).toBe(201);
    const { decision } = await json(res);
    expect(decision).toMatchObject({ goalAction: "created", text: "Put self-care first" });
    const goal = await json(await call(app, "GET", `/api/goals/${decision.goalId}`, { cookie: member.cookie }));
    expect(goal.goal).toMatchObject({
      title: "Self-care guide",
      cycleId: cycle.id,
      visibility: "members",
      description: "Put self-care first",
    });
    expect((await auditOf(convene, "goal", decision.goalId))[0]).toMatchObject({ action: "create" });
    expect((await auditOf(convene, "meeting_decision", decision.id))[0]).toMatchObject({ action: "create" });

    const detail = await json(await call(app, "GET", `/api/meetings/${m.id}`, { cookie: member.cookie }));
    expect(detail.decisions).toEqual([expect.objectContaining({ goalId: decision.goalId, goalTitle: "Self-care guide" })]);
    const agreed = await json(await call(app, "GET", `/api/meetings/for-goal/${decision.goalId}`, { cookie: member.cookie }));
    expect(agreed.meetings).toEqual([expect.objectContaining({ id: m.id, title: "Workshop 2026", goalAction: "created" })]);
    // An observer sees neither the members-only meeting nor its goal.
    expect((await json(await call(app, "GET", `/api/meetings/for-goal/${decision.goalId}`, { cookie: observer.cookie }))).meetings).toEqual(
      [],
    );
  });

  it("refuses a goal in a closed cycle with 409 and records nothing", async () => {
    const { app, convenor, convene } = await setup();
    const old = await makeCycle(app, convenor.cookie, { workshopDate: "2024-01-10", agmDate: "2024-12-10" });
    await closeCycle(app, convenor.cookie, old);
    const m = await makeMeeting(app, convenor.cookie);
    const res = await call(app, "POST", `/api/meetings/${m.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "create_goal", text: "Too late", goal: { cycleId: old.id, title: "Late goal" } },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
    const decisions = await convene.db.selectFrom("meetingDecisions").selectAll().execute();
    expect(decisions).toEqual([]);
    const noTheme = await call(app, "POST", `/api/meetings/${m.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "create_goal", text: "x", goal: { cycleId: 99999, title: "x" } },
    });
    expect(noTheme.status).toBe(400);
    expect(await badFields(noTheme)).toEqual(["goal.cycleId"]);
  });

  it("changes a goal through its versioned update", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const m = await makeMeeting(app, convenor.cookie);
    const post = (cookie: string, body: unknown) => call(app, "POST", `/api/meetings/${m.id}/decisions`, { cookie, body });
    expect((await post(member.cookie, { action: "none", text: "x" })).status).toBe(403);
    expect(await badFields(await post(convenor.cookie, { action: "change_goal", text: "x", goalId: goal.id, goalVersion: 1 }))).toEqual([
      "status",
    ]);
    expect(await badFields(await post(convenor.cookie, { action: "none", text: "" }))).toEqual(["text"]);
    const ok = await post(convenor.cookie, {
      action: "change_goal",
      text: "The strategy is at risk",
      goalId: goal.id,
      goalVersion: goal.version,
      status: "at_risk",
      dueDate: "2026-09-30",
    });
    expect(ok.status).toBe(201);
    const after = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }));
    expect(after.goal).toMatchObject({ status: "at_risk", dueDate: "2026-09-30", version: goal.version + 1 });
    const stale = await post(convenor.cookie, {
      action: "change_goal",
      text: "x",
      goalId: goal.id,
      goalVersion: goal.version,
      status: "achieved",
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current).toMatchObject({ status: "at_risk" });
    const missing = await post(convenor.cookie, { action: "change_goal", text: "x", goalId: 99999, goalVersion: 1, status: "achieved" });
    expect(missing.status).toBe(404);
    const plain = await post(convenor.cookie, { action: "none", text: "Thank the speaker" });
    expect(plain.status).toBe(201);
    const { decision } = await json(plain);
    expect((await call(app, "DELETE", `/api/meetings/${m.id}/decisions/${decision.id}`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "DELETE", `/api/meetings/${m.id}/decisions/${decision.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect((await call(app, "DELETE", `/api/meetings/${m.id}/decisions/${decision.id}`, { cookie: convenor.cookie })).status).toBe(404);
    const texts = async () =>
      (await json(await call(app, "GET", `/api/meetings/${m.id}`, { cookie: convenor.cookie }))).decisions.map(
        (d: { text: string }) => d.text,
      );
    expect(await texts()).not.toContain("Thank the speaker");
    // Undo brings it back, once; the member may not.
    const restore = `/api/meetings/${m.id}/decisions/${decision.id}/restore`;
    expect((await call(app, "POST", restore, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", restore, { cookie: convenor.cookie })).status).toBe(200);
    expect((await call(app, "POST", restore, { cookie: convenor.cookie })).status).toBe(404);
    expect(await texts()).toContain("Thank the speaker");
  });

  it("answers 404 for decisions on a meeting that does not exist", async () => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/meetings/9999/decisions", { cookie: convenor.cookie, body: { action: "none", text: "x" } });
    expect(res.status).toBe(404);
  });
});

describe("GET /api/meetings/next", () => {
  it("gives the next visible meeting, and warns only the convenor of missing formal meetings", async () => {
    const { app, convenor, member, observer } = await setup();
    const year = new Date().getUTCFullYear();
    const cycle = await makeCycle(app, convenor.cookie, { workshopDate: `${year - 1}-01-01`, agmDate: `${year + 1}-12-31` });
    const soon = addDays(new Date(), 3).toISOString();
    const later = addDays(new Date(), 30).toISOString();
    await makeMeeting(app, convenor.cookie, { title: "Members soon", startsAt: soon, visibility: "members", cycleId: cycle.id });
    await makeMeeting(app, convenor.cookie, { title: "Public AGM", kind: "agm", startsAt: later, visibility: "public", cycleId: cycle.id });
    const next = async (cookie: string) => json(await call(app, "GET", `/api/meetings/next?cycleId=${cycle.id}`, { cookie }));
    expect((await next(member.cookie)).next.title).toBe("Members soon");
    expect((await next(member.cookie)).warning).toBeNull();
    expect((await next(observer.cookie)).next.title).toBe("Public AGM");
    expect((await next(convenor.cookie)).warning).toMatchObject({ missing: ["annual_workshop"] });
    expect((await call(app, "GET", "/api/meetings/next")).status).toBe(401);
    expect(await badFields(await call(app, "GET", "/api/meetings/next?cycleId=x", { cookie: member.cookie }))).toEqual(["cycleId"]);
  });
});

describe("calendar feeds", () => {
  it("serves exactly the meetings the link's owner may see, parses, and stops on revoke", async () => {
    const { app, convenor, member, observer, convene } = await setup();
    await makeMeeting(app, convenor.cookie, { title: "Public talk", kind: "informal", visibility: "public", place: "London" });
    await makeMeeting(app, convenor.cookie, { title: "Members only", visibility: "members" });
    await makeMeeting(app, convenor.cookie, { title: "Convenor only", visibility: "convenor" });

    expect((await call(app, "POST", "/api/meetings/calendar-link")).status).toBe(401);
    const feedOf = async (cookie: string) => {
      const made = await call(app, "POST", "/api/meetings/calendar-link", { cookie });
      expect(made.status).toBe(201);
      const { url } = await json(made);
      const path = new URL(url).pathname;
      const res = await call(app, "GET", path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
      const text = await res.text();
      const cal = new ICAL.Component(ICAL.parse(text));
      return { path, text, cal, summaries: cal.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("summary")) };
    };

    const obs = await feedOf(observer.cookie);
    expect(obs.summaries).toEqual(["Public talk"]);
    expect(obs.cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(obs.cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(String(obs.cal.getFirstPropertyValue("prodid"))).toContain("Convene");
    expect(obs.cal.getFirstPropertyValue("x-wr-calname")).toMatch(/meetings$/);
    const event = obs.cal.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("uid")).toMatch(/^meeting-\d+@localhost:8787$/);
    expect(event.getFirstPropertyValue("location")).toBe("London");
    expect(String(event.getFirstPropertyValue("url"))).toMatch(/\/meetings\/\d+$/);
    expect(event.hasProperty("dtstamp")).toBe(true);
    expect(obs.text).toMatch(/DTSTART:20260612T100000Z/);
    expect(obs.text).toMatch(/DTEND:20260612T110000Z/);

    expect((await feedOf(member.cookie)).summaries).toEqual(["Public talk", "Members only"]);
    expect((await feedOf(convenor.cookie)).summaries).toHaveLength(3);

    // A new link revokes the old one.
    const first = await feedOf(member.cookie);
    const second = await feedOf(member.cookie);
    expect((await call(app, "GET", first.path)).status).toBe(404);
    expect((await call(app, "GET", second.path)).status).toBe(200);
    const status = await json(await call(app, "GET", "/api/meetings/calendar-link", { cookie: member.cookie }));
    expect(status.link.createdAt).toBeTruthy();
    expect(JSON.stringify(status)).not.toContain(second.path.split("/").pop()!.replace(".ics", ""));
    expect((await call(app, "DELETE", "/api/meetings/calendar-link", { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", second.path)).status).toBe(404);
    expect((await call(app, "GET", "/api/meetings/calendar/not-a-real-token-at-all.ics")).status).toBe(404);
    // Only a hash is stored, and the audit never holds the token.
    const stored = await convene.db.selectFrom("calendarLinks").select("tokenHash").execute();
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    const entries = await auditOf(convene, "calendar_link", member.id);
    expect(entries.map((e) => e.action)).toContain("reset_link");
    expect(JSON.stringify(entries)).not.toContain(first.path.split("/").pop()!.replace(".ics", ""));
  });

  it("offers a single meeting as an .ics file that parses", async () => {
    const { app, convenor, member } = await setup();
    const m = await makeMeeting(app, convenor.cookie, {
      title: "AGM 2026",
      kind: "agm",
      startsAt: "2026-12-10T14:00:00+01:00",
      endsAt: "2026-12-10T16:00:00+01:00",
      onlineUrl: "https://meet.example.org/agm",
    });
    const res = await call(app, "GET", `/api/meetings/${m.id}/ics`, { cookie: member.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(res.headers.get("content-disposition")).toContain(`meeting-${m.id}.ics`);
    const text = await res.text();
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const e = new ICAL.Event(events[0]!);
    expect(e.summary).toBe("AGM 2026");
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-12-10T13:00:00.000Z");
    expect(e.endDate.toJSDate().toISOString()).toBe("2026-12-10T15:00:00.000Z");
    expect(e.location).toBe("https://meet.example.org/agm");
    expect((await call(app, "GET", `/api/meetings/${m.id}/ics`)).status).toBe(401);
  });
});
