import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, organisationIds, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  const cycle = await makeCycle(w.app, w.convenor.cookie, { workshopDate: "2026-01-10", agmDate: "2026-12-10" });
  // A member of a second organisation.
  const other = await person(w.convene, "member", orgs[1]);
  return { ...w, orgs, cycle, other };
}

type App = Awaited<ReturnType<typeof setup>>["app"];
interface Contribution {
  id: number;
  version: number;
  organisationId: number;
  kind: string;
  goalId: number | null;
  goalTitle: string | null;
  milestoneId: number | null;
  milestoneTitle: string | null;
  meetingId: number | null;
  meetingTitle: string | null;
  visibility: string;
  hours: number | null;
}

async function log(app: App, cookie: string, fields: Record<string, unknown> & { organisationId: number }) {
  const res = await call(app, "POST", "/api/contributions", {
    cookie,
    body: { kind: "drafted", date: "2026-03-04", description: "Drafted the joint briefing", ...fields },
  });
  if (res.status !== 201) throw new Error(`log: ${res.status} ${await res.text()}`);
  return (await json(res)).contribution as Contribution;
}

const listOf = async (app: App, cookie: string, query = "") =>
  (await json(await call(app, "GET", `/api/contributions${query}`, { cookie }))) as {
    contributions: Contribution[];
    charts: { byOrganisation: { organisationId: number; counts: Record<string, number> }[]; byMonth: unknown[]; byGoal: unknown[] };
  };
const ids = async (app: App, cookie: string, query = "") => (await listOf(app, cookie, query)).contributions.map((c) => c.id);

describe("POST /api/contributions", () => {
  it("lets a member log for their own organisation (audited), not for another (403)", async () => {
    const { app, member, orgs, convene: c } = await setup();
    const mine = await log(app, member.cookie, { organisationId: orgs[0]!, hours: 3.5 });
    expect(mine).toMatchObject({ organisationId: orgs[0], kind: "drafted", hours: 3.5, visibility: "members", version: 1 });
    expect((await auditOf(c, "contribution", mine.id))[0]).toMatchObject({ action: "create", userId: member.id });
    const theirs = await call(app, "POST", "/api/contributions", {
      cookie: member.cookie,
      body: { organisationId: orgs[1], kind: "led", date: "2026-03-04", description: "Not ours" },
    });
    expect(theirs.status).toBe(403);
  });

  it("lets the convenor log for any organisation; refuses observers (403) and strangers (401)", async () => {
    const { app, convenor, observer, orgs } = await setup();
    expect((await log(app, convenor.cookie, { organisationId: orgs[3]! })).organisationId).toBe(orgs[3]);
    const body = { organisationId: orgs[0], kind: "led", date: "2026-03-04", description: "x" };
    expect((await call(app, "POST", "/api/contributions", { cookie: observer.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/contributions", { body })).status).toBe(401);
  });

  it("names bad fields (400)", async () => {
    const { app, member, orgs } = await setup();
    const bad = await call(app, "POST", "/api/contributions", {
      cookie: member.cookie,
      body: { organisationId: orgs[0], kind: "sang", date: "2026-02-30", description: "", hours: -2 },
    });
    expect(bad.status).toBe(400);
    expect((await badFields(bad)).sort()).toEqual(["date", "description", "hours", "kind"]);
    const secret = await call(app, "POST", "/api/contributions", {
      cookie: member.cookie,
      body: { organisationId: orgs[0], kind: "led", date: "2026-03-04", description: "x", visibility: "convenor" },
    });
    expect(await badFields(secret)).toEqual(["visibility"]);
    const noOrg = await call(app, "POST", "/api/contributions", {
      cookie: member.cookie,
      body: { kind: "led", date: "2026-03-04", description: "x" },
    });
    expect(await badFields(noOrg)).toEqual(["organisationId"]);
  });

  it("links a goal the person may see; a hidden or missing one is the same 400, leaking nothing", async () => {
    const { app, convenor, member, orgs, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Atrocity prevention strategy" });
    const hidden = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Secret funder talks", visibility: "convenor" });
    const ok = await log(app, member.cookie, { organisationId: orgs[0]!, goalId: goal.id });
    expect(ok).toMatchObject({ goalId: goal.id, goalTitle: "Atrocity prevention strategy" });
    const post = (goalId: number) =>
      call(app, "POST", "/api/contributions", {
        cookie: member.cookie,
        body: { organisationId: orgs[0], kind: "led", date: "2026-03-04", description: "x", goalId },
      });
    const [toHidden, toMissing] = [await post(hidden.id), await post(99_999)];
    expect(toHidden.status).toBe(400);
    const [hiddenBody, missingBody] = [await json(toHidden), await json(toMissing)];
    expect(hiddenBody.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["goalId"]);
    expect(hiddenBody.error.message).toBe(missingBody.error.message);
    expect(hiddenBody.error.message).not.toContain("Secret");
    const bad = await call(app, "POST", "/api/contributions", {
      cookie: member.cookie,
      body: { organisationId: orgs[0], kind: "led", date: "2026-03-04", description: "x", milestoneId: 99_999, meetingId: 99_999 },
    });
    expect(await badFields(bad)).toEqual(["milestoneId"]);
  });
});

describe("GET /api/contributions", () => {
  it("shows each viewer only what they may see, hiding linked titles they may not see", async () => {
    const { app, convenor, member, observer, orgs, cycle } = await setup();
    const secretGoal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Secret funder talks", visibility: "convenor" });
    const pub = await log(app, convenor.cookie, { organisationId: orgs[0]!, visibility: "public", goalId: secretGoal.id });
    const members = await log(app, member.cookie, { organisationId: orgs[0]! });
    const secret = await log(app, convenor.cookie, { organisationId: orgs[2]!, visibility: "convenor", description: "Quiet call" });
    expect((await ids(app, convenor.cookie)).sort()).toEqual([pub.id, members.id, secret.id].sort());
    expect((await ids(app, member.cookie)).sort()).toEqual([pub.id, members.id].sort());
    expect(await ids(app, observer.cookie)).toEqual([pub.id]);
    const seen = (await listOf(app, observer.cookie)).contributions[0]!;
    expect(seen).toMatchObject({ goalId: null, goalTitle: null });
    expect(JSON.stringify(await listOf(app, member.cookie))).not.toContain("Secret funder talks");
    expect((await call(app, "GET", `/api/contributions/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/contributions/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/contributions/${members.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", "/api/contributions")).status).toBe(401);
  });

  it("filters by organisation, kind, cycle and goal, sorts, and charts what is listed", async () => {
    const { app, convenor, orgs, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const a = await log(app, convenor.cookie, { organisationId: orgs[0]!, kind: "led", date: "2026-02-01", goalId: goal.id, hours: 5 });
    const b = await log(app, convenor.cookie, { organisationId: orgs[1]!, kind: "signed", date: "2026-04-01", hours: 1 });
    const before = await log(app, convenor.cookie, { organisationId: orgs[1]!, kind: "signed", date: "2025-06-01" });
    expect(await ids(app, convenor.cookie)).toEqual([b.id, a.id, before.id]);
    expect(await ids(app, convenor.cookie, `?organisationId=${orgs[1]}`)).toEqual([b.id, before.id]);
    expect(await ids(app, convenor.cookie, "?kind=led")).toEqual([a.id]);
    expect(await ids(app, convenor.cookie, `?cycleId=${cycle.id}`)).toEqual([b.id, a.id]);
    expect(await ids(app, convenor.cookie, `?goalId=${goal.id}`)).toEqual([a.id]);
    expect(await ids(app, convenor.cookie, "?sort=hours.desc")).toEqual([a.id, b.id, before.id]);
    expect(await ids(app, convenor.cookie, "?sort=date.asc")).toEqual([before.id, a.id, b.id]);
    const { charts } = await listOf(app, convenor.cookie, `?cycleId=${cycle.id}`);
    expect(charts.byOrganisation.map((o) => [o.organisationId, o.counts.led, o.counts.signed]).sort()).toEqual(
      [
        [orgs[0], 1, 0],
        [orgs[1], 0, 1],
      ].sort(),
    );
    expect(charts.byMonth).toEqual([
      { month: "2026-02", count: 1 },
      { month: "2026-03", count: 0 },
      { month: "2026-04", count: 1 },
    ]);
    expect(charts.byGoal).toEqual([{ goalId: goal.id, title: "A goal", count: 1 }]);
    expect(await badFields(await call(app, "GET", "/api/contributions?kind=sang", { cookie: convenor.cookie }))).toEqual(["kind"]);
    expect((await call(app, "GET", "/api/contributions?cycleId=999", { cookie: convenor.cookie })).status).toBe(404);
  });
});

describe("GET /api/contributions/export.csv", () => {
  it("downloads the list as filtered, formula-neutralised, with only what the viewer may see", async () => {
    const { app, convenor, member, orgs } = await setup();
    await log(app, member.cookie, { organisationId: orgs[0]!, description: '=HYPERLINK("http://evil")', kind: "led" });
    await log(app, member.cookie, { organisationId: orgs[0]!, description: "Spoke at the APPG", kind: "spoke" });
    await log(app, convenor.cookie, { organisationId: orgs[2]!, visibility: "convenor", description: "Quiet call" });
    const res = await call(app, "GET", "/api/contributions/export.csv?kind=led", { cookie: member.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text).toContain("Date,Organisation,Kind,Description,Hours,Goal,Milestone,Meeting,Visible to,Logged by");
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).not.toContain("Spoke at the APPG");
    expect(text).not.toContain("Quiet call");
    const all = await (await call(app, "GET", "/api/contributions/export.csv", { cookie: member.cookie })).text();
    expect(all).toContain("Spoke at the APPG");
    expect(all).not.toContain("Quiet call");
    expect((await call(app, "GET", "/api/contributions/export.csv")).status).toBe(401);
  });
});

describe("PATCH, DELETE and restore", () => {
  it("lets whoever logged it or the convenor edit; 409 on a stale version with the current record; audited", async () => {
    const { app, convenor, member, other, orgs, convene: c } = await setup();
    const mine = await log(app, member.cookie, { organisationId: orgs[0]! });
    const patch = (cookie: string, body: unknown) => call(app, "PATCH", `/api/contributions/${mine.id}`, { cookie, body });
    const ok = await patch(member.cookie, { version: 1, hours: 2, kind: "researched" });
    expect(ok.status).toBe(200);
    expect((await json(ok)).contribution).toMatchObject({ version: 2, hours: 2, kind: "researched" });
    const stale = await patch(convenor.cookie, { version: 1, hours: 9 });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current).toMatchObject({ version: 2, hours: 2 });
    expect((await patch(other.cookie, { version: 2, hours: 1 })).status).toBe(403);
    expect((await patch(member.cookie, { version: 2, organisationId: orgs[1] })).status).toBe(403);
    expect(await badFields(await patch(member.cookie, { version: 2, hours: -1 }))).toEqual(["hours"]);
    expect((await patch(convenor.cookie, { version: 2, description: "Drafted and sent" })).status).toBe(200);
    const [latest] = await auditOf(c, "contribution", mine.id);
    expect(latest).toMatchObject({ action: "update", userId: convenor.id });
    expect((await call(app, "PATCH", "/api/contributions/99999", { cookie: convenor.cookie, body: { version: 1 } })).status).toBe(404);
  });

  it("soft-deletes and restores for the logger or the convenor, audited; hidden ones are 404", async () => {
    const { app, convenor, member, other, observer, orgs, convene: c } = await setup();
    const mine = await log(app, member.cookie, { organisationId: orgs[0]! });
    const secret = await log(app, convenor.cookie, { organisationId: orgs[0]!, visibility: "convenor" });
    expect((await call(app, "DELETE", `/api/contributions/${mine.id}`, { cookie: other.cookie })).status).toBe(403);
    expect((await call(app, "DELETE", `/api/contributions/${mine.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", `/api/contributions/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", `/api/contributions/${mine.id}`)).status).toBe(401);
    const del = await call(app, "DELETE", `/api/contributions/${mine.id}`, { cookie: member.cookie });
    expect(del.status).toBe(200);
    expect(await ids(app, member.cookie)).toEqual([]);
    expect((await call(app, "DELETE", `/api/contributions/${mine.id}`, { cookie: member.cookie })).status).toBe(404);
    const restored = await call(app, "POST", `/api/contributions/${mine.id}/restore`, { cookie: member.cookie });
    expect(restored.status).toBe(200);
    expect((await json(restored)).contribution).toMatchObject({ id: mine.id });
    expect(await ids(app, member.cookie)).toEqual([mine.id]);
    expect((await auditOf(c, "contribution", mine.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
    expect((await call(app, "POST", `/api/contributions/${mine.id}/restore`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", `/api/contributions/${mine.id}`, { cookie: convenor.cookie })).status).toBe(200);
  });
});

describe("GET /api/contributions/participation", () => {
  it("tells the convenor who has contributed, attended or answered an alert this cycle, and who has done none", async () => {
    const { app, convenor, member, other, observer, orgs, cycle, convene: c } = await setup();
    const convenorOrg = await c.db.selectFrom("organisations").select("id").where("isConvenor", "=", 1).executeTakeFirst();
    const [, b, third, fourth, fifth] = orgs as [number, number, number, number, number];
    await log(app, other.cookie, { organisationId: b, date: "2026-05-01" });
    await log(app, convenor.cookie, { organisationId: fifth, date: "2025-05-01" }); // before the workshop: does not count
    const meeting = await call(app, "POST", "/api/meetings", {
      cookie: convenor.cookie,
      body: { kind: "ad_hoc", title: "Emerging threat", startsAt: "2026-06-12T10:00:00Z", visibility: "convenor" },
    });
    const m = (await json(meeting)).meeting;
    await call(app, "PUT", `/api/meetings/${m.id}/attendance`, {
      cookie: convenor.cookie,
      body: { version: m.version, attendance: [{ organisationId: third, status: "attended" }] },
    });
    // Alert answers are dated now, so this cycle must contain today.
    const now = new Date();
    const span = await makeCycle(app, convenor.cookie, {
      workshopDate: addDays(now, -30).toISOString().slice(0, 10),
      agmDate: addDays(now, 300).toISOString().slice(0, 10),
    });
    const alert = await call(app, "POST", "/api/alerts", {
      cookie: convenor.cookie,
      body: {
        title: "Mass arrests",
        situation: "Country X",
        kind: "emerging_threat",
        urgency: "high",
        ask: "Sign",
        deadline: addDays(now, 3).toISOString(),
        visibility: "convenor",
      },
    });
    const alertId = (await json(alert)).alert.id;
    await call(app, "PUT", `/api/alerts/${alertId}/answer`, {
      cookie: convenor.cookie,
      body: { organisationId: fourth, response: "join" },
    });

    const res = await call(app, "GET", `/api/contributions/participation?cycleId=${cycle.id}`, { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const body = await json(res);
    const row = (id: number) => body.organisations.find((o: { organisationId: number }) => o.organisationId === id);
    expect(row(b)).toMatchObject({ contributions: 1, meetingsAttended: 0 });
    expect(row(third)).toMatchObject({ contributions: 0, meetingsAttended: 1 });
    expect(row(fifth)).toMatchObject({ contributions: 0, meetingsAttended: 0, alertsAnswered: 0 });
    const quiet = body.quiet.map((o: { organisationId: number }) => o.organisationId);
    expect(quiet).toContain(fifth);
    expect(quiet).not.toContain(b);
    expect(quiet).not.toContain(third);
    expect(quiet).not.toContain(convenorOrg?.id);
    const current = await json(await call(app, "GET", `/api/contributions/participation?cycleId=${span.id}`, { cookie: convenor.cookie }));
    expect(current.organisations.find((o: { organisationId: number }) => o.organisationId === fourth).alertsAnswered).toBe(1);

    for (const cookie of [member.cookie, other.cookie, observer.cookie]) {
      expect((await call(app, "GET", `/api/contributions/participation?cycleId=${cycle.id}`, { cookie })).status).toBe(403);
    }
    expect((await call(app, "GET", `/api/contributions/participation?cycleId=${cycle.id}`)).status).toBe(401);
    expect(await badFields(await call(app, "GET", "/api/contributions/participation", { cookie: convenor.cookie }))).toEqual(["cycleId"]);
    expect((await call(app, "GET", "/api/contributions/participation?cycleId=999", { cookie: convenor.cookie })).status).toBe(404);
  });

  it("never lets the participation view or convenor-only contributions reach a member or observer through any route", async () => {
    const { app, convenor, member, observer, orgs, cycle } = await setup();
    const secretGoal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Secret funder talks", visibility: "convenor" });
    const secret = await log(app, convenor.cookie, {
      organisationId: orgs[0]!,
      visibility: "convenor",
      description: "Confidential check-in call",
      goalId: secretGoal.id,
    });
    await log(app, convenor.cookie, { organisationId: orgs[0]!, visibility: "members", description: "Open work", goalId: secretGoal.id });
    const paths = [
      "/api/contributions",
      `/api/contributions?cycleId=${cycle.id}`,
      `/api/contributions?organisationId=${orgs[0]}`,
      `/api/contributions?goalId=${secretGoal.id}`,
      "/api/contributions/export.csv",
      `/api/contributions/export.csv?organisationId=${orgs[0]}`,
      `/api/contributions/${secret.id}`,
      `/api/organisations/${orgs[0]}`,
      `/api/cycles/${cycle.id}/overview`,
      `/api/contributions/participation?cycleId=${cycle.id}`,
    ];
    for (const cookie of [member.cookie, observer.cookie]) {
      for (const path of paths) {
        const text = await (await call(app, "GET", path, { cookie })).text();
        expect(text, path).not.toContain("Confidential check-in call");
        expect(text, path).not.toContain("Secret funder talks");
        expect(text, path).not.toContain("quiet");
        expect(text, path).not.toContain("alertsAnswered");
      }
    }
  });
});
