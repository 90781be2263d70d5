import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, organisationIds, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  return w;
}

type App = Awaited<ReturnType<typeof setup>>["app"];
const SEEDED = 7;

async function makeMilestone(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/milestones", {
    cookie,
    body: { title: "Minister answers a written question", kind: "parliamentary", date: "2026-03-04", datePrecision: "day", ...fields },
  });
  if (res.status !== 201) throw new Error(`makeMilestone: ${res.status} ${await res.text()}`);
  return (await json(res)).milestone as {
    id: number;
    version: number;
    date: string;
    title: string;
    goals: { id: number }[];
    goalIds: number[];
    organisations: { name: string }[];
  };
}

const titles = async (app: App, cookie: string, query = "") =>
  (await json(await call(app, "GET", `/api/milestones${query}`, { cookie }))).milestones.map((m: { title: string }) => m.title) as string[];

describe("GET /api/milestones", () => {
  it("starts with the group's seeded 2017–2019 history, public, oldest first, with the years that have milestones", async () => {
    const { app, observer } = await setup();
    const body = await json(await call(app, "GET", "/api/milestones", { cookie: observer.cookie }));
    expect(body.milestones).toHaveLength(SEEDED);
    expect(body.milestones[0].title).toMatch(/informal coordination/);
    expect(body.milestones[0]).toMatchObject({ date: "2017-06-01", datePrecision: "month", visibility: "public", fromSeed: true });
    expect(body.years).toEqual([2019, 2018, 2017]);
    const newest = await json(await call(app, "GET", "/api/milestones?order=desc", { cookie: observer.cookie }));
    expect(newest.milestones.at(-1).title).toMatch(/informal coordination/);
  });

  it("pages the timeline in date order with the total, and gives pickers the whole of it", async () => {
    const { app, observer } = await setup();
    const all = await json(await call(app, "GET", "/api/milestones", { cookie: observer.cookie }));
    expect(all).toMatchObject({ total: SEEDED, limit: 50, offset: 0 });
    const page = await json(await call(app, "GET", "/api/milestones?limit=2&offset=2", { cookie: observer.cookie }));
    expect(page).toMatchObject({ total: SEEDED, limit: 2, offset: 2 });
    expect(page.milestones.map((m: { id: number }) => m.id)).toEqual(all.milestones.slice(2, 4).map((m: { id: number }) => m.id));
    expect(page.years).toEqual([2019, 2018, 2017]);
    const choices = await json(await call(app, "GET", "/api/milestones/choices?order=desc", { cookie: observer.cookie }));
    expect(choices.milestones).toHaveLength(SEEDED);
    expect(choices.milestones.at(-1).title).toMatch(/informal coordination/);
  });

  it("lists only what the viewer may see", async () => {
    const { app, convenor, member, observer } = await setup();
    await makeMilestone(app, convenor.cookie, { title: "Members-only briefing", visibility: "members" });
    await makeMilestone(app, convenor.cookie, { title: "Convenor's note", visibility: "convenor" });
    expect(await titles(app, convenor.cookie, "?year=2026")).toEqual(["Members-only briefing", "Convenor's note"]);
    expect(await titles(app, member.cookie, "?year=2026")).toEqual(["Members-only briefing"]);
    expect(await titles(app, observer.cookie, "?year=2026")).toEqual([]);
    expect((await json(await call(app, "GET", "/api/milestones", { cookie: observer.cookie }))).years).not.toContain(2026);
  });

  it("filters by kind, year, organisation and goal in the query", async () => {
    const { app, convenor, member } = await setup();
    const [firstOrg] = await organisationIds(convene!);
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members" });
    await makeMilestone(app, convenor.cookie, { title: "Linked", visibility: "members", goalIds: [goal.id], organisationIds: [firstOrg] });
    expect(await titles(app, member.cookie, "?kind=open_letter")).toEqual([
      "Open letter to all political party leaders ahead of the General Election",
    ]);
    expect(await titles(app, member.cookie, "?year=2018")).toHaveLength(2);
    expect(await titles(app, member.cookie, "?year=2019&kind=meeting")).toEqual([
      "Annual workshop agrees greater emphasis on self-care and mutual support",
    ]);
    expect(await titles(app, member.cookie, `?goalId=${goal.id}`)).toEqual(["Linked"]);
    expect(await titles(app, member.cookie, `?organisationId=${firstOrg}`)).toEqual(["Linked"]);
    const pa = await convene!.db
      .selectFrom("organisations")
      .select("id")
      .where("shortName", "=", "protection-approaches")
      .executeTakeFirstOrThrow();
    expect(await titles(app, member.cookie, `?organisationId=${pa.id}`)).toHaveLength(2);
  });

  it("never reveals a hidden goal: not in a milestone's links, and not through the goal filter", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const open = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members", title: "Shared goal" });
    const secret = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "convenor", title: "Secret goal" });
    const m = await makeMilestone(app, convenor.cookie, { visibility: "members", goalIds: [open.id, secret.id] });
    const seen = await json(await call(app, "GET", `/api/milestones/${m.id}`, { cookie: member.cookie }));
    expect(seen.milestone.goals.map((g: { title: string }) => g.title)).toEqual(["Shared goal"]);
    expect(seen.milestone.goalIds).toEqual([open.id]);
    expect(JSON.stringify(seen)).not.toContain("Secret goal");
    expect(await titles(app, member.cookie, `?goalId=${secret.id}`)).toEqual([]);
    const asConvenor = await json(await call(app, "GET", `/api/milestones/${m.id}`, { cookie: convenor.cookie }));
    expect(asConvenor.milestone.goalIds).toEqual([open.id, secret.id]);
  });

  it("needs sign-in, names a bad filter, and shows the bin to the convenor only", async () => {
    const { app, member, convenor } = await setup();
    expect((await call(app, "GET", "/api/milestones")).status).toBe(401);
    const bad = await call(app, "GET", "/api/milestones?kind=rumour&year=soon", { cookie: member.cookie });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["kind", "year"]);
    expect((await call(app, "GET", "/api/milestones?deleted=true", { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "GET", "/api/milestones?deleted=true", { cookie: convenor.cookie })).status).toBe(200);
  });
});

describe("GET /api/milestones/:id", () => {
  it("answers 404, not 403, for a milestone the viewer may not see, and 400 for a bad id", async () => {
    const { app, convenor, member, observer } = await setup();
    const members = await makeMilestone(app, convenor.cookie, { visibility: "members" });
    const secret = await makeMilestone(app, convenor.cookie, { visibility: "convenor" });
    expect((await call(app, "GET", `/api/milestones/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/milestones/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/milestones/${members.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", "/api/milestones/9999", { cookie: member.cookie })).status).toBe(404);
    const res = await call(app, "GET", "/api/milestones/abc", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["id"]);
    expect((await call(app, "GET", `/api/milestones/${members.id}`)).status).toBe(401);
  });
});

describe("POST /api/milestones", () => {
  it("creates a milestone with evidence, organisations and goals, keeping the date only as precisely as known, with an audit entry", async () => {
    const { app, convenor } = await setup();
    const [a, b] = await organisationIds(convene!);
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const m = await makeMilestone(app, convenor.cookie, {
      title: "Select committee report cites the group",
      date: "2026-10-17",
      datePrecision: "season",
      evidence: [{ title: "Committee report", url: "https://committees.parliament.uk/report" }],
      organisationIds: [a, b],
      goalIds: [goal.id],
      notes: "The text gives the season only.",
    });
    expect(m.date).toBe("2026-09-01");
    expect(m.goalIds).toEqual([goal.id]);
    expect(m.organisations).toHaveLength(2);
    const entries = await auditOf(convene!, "milestone", m.id);
    expect(entries.map((e) => e.action)).toEqual(["create"]);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ title: "Select committee report cites the group", goalIds: [goal.id] });
  });

  it("names each bad field", async () => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/milestones", {
      cookie: convenor.cookie,
      body: { title: "", kind: "rumour", date: "2019-02-30", evidence: [{ title: "x", url: "javascript:alert(1)" }] },
    });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["title", "kind", "date", "evidence.0.url"]);
  });

  it("names an organisation or goal that does not exist", async () => {
    const { app, convenor } = await setup();
    const base = { title: "x", kind: "event", date: "2026-01-01" };
    const org = await call(app, "POST", "/api/milestones", { cookie: convenor.cookie, body: { ...base, organisationIds: [9999] } });
    expect(org.status).toBe(400);
    expect(await badFields(org)).toEqual(["organisationIds"]);
    const goal = await call(app, "POST", "/api/milestones", { cookie: convenor.cookie, body: { ...base, goalIds: [9999] } });
    expect(await badFields(goal)).toEqual(["goalIds"]);
  });

  it("is for the convenor only", async () => {
    const { app, member, observer } = await setup();
    const body = { title: "x", kind: "event", date: "2026-01-01" };
    expect((await call(app, "POST", "/api/milestones", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/milestones", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/milestones", { cookie: observer.cookie, body })).status).toBe(403);
  });
});

describe("PATCH /api/milestones/:id", () => {
  it("saves an edit with its version and records before and after", async () => {
    const { app, convenor } = await setup();
    const m = await makeMilestone(app, convenor.cookie);
    const res = await call(app, "PATCH", `/api/milestones/${m.id}`, {
      cookie: convenor.cookie,
      body: { version: m.version, outcome: "The minister agreed to meet the group.", date: "2026-03-20", datePrecision: "month" },
    });
    expect(res.status).toBe(200);
    const saved = (await json(res)).milestone;
    expect(saved).toMatchObject({ outcome: "The minister agreed to meet the group.", date: "2026-03-01", datePrecision: "month" });
    expect(saved.version).toBe(m.version + 1);
    const [entry] = await auditOf(convene!, "milestone", m.id);
    expect(entry!.action).toBe("update");
    expect(JSON.parse(entry!.before!).outcome).toBe("");
    expect(JSON.parse(entry!.after!).outcome).toBe("The minister agreed to meet the group.");
  });

  it("refuses a stale version with 409 and the current record, overwriting nothing", async () => {
    const { app, convenor } = await setup();
    const m = await makeMilestone(app, convenor.cookie);
    await call(app, "PATCH", `/api/milestones/${m.id}`, { cookie: convenor.cookie, body: { version: m.version, title: "Theirs" } });
    const res = await call(app, "PATCH", `/api/milestones/${m.id}`, {
      cookie: convenor.cookie,
      body: { version: m.version, title: "Mine" },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.current.title).toBe("Theirs");
    expect((await json(await call(app, "GET", `/api/milestones/${m.id}`, { cookie: convenor.cookie }))).milestone.title).toBe("Theirs");
  });

  it("names a missing version or a date without its precision; 404 for none; convenor only", async () => {
    const { app, convenor, member } = await setup();
    const m = await makeMilestone(app, convenor.cookie);
    const noVersion = await call(app, "PATCH", `/api/milestones/${m.id}`, { cookie: convenor.cookie, body: { title: "x" } });
    expect(await badFields(noVersion)).toEqual(["version"]);
    const noPrecision = await call(app, "PATCH", `/api/milestones/${m.id}`, {
      cookie: convenor.cookie,
      body: { version: m.version, date: "2026-01-01" },
    });
    expect(await badFields(noPrecision)).toEqual(["datePrecision"]);
    expect((await call(app, "PATCH", "/api/milestones/9999", { cookie: convenor.cookie, body: { version: 1 } })).status).toBe(404);
    expect((await call(app, "PATCH", `/api/milestones/${m.id}`, { cookie: member.cookie, body: { version: 1 } })).status).toBe(403);
  });
});

describe("DELETE /api/milestones/:id and restore", () => {
  it("removes a milestone from the timeline and restores it, auditing both", async () => {
    const { app, convenor, member } = await setup();
    const m = await makeMilestone(app, convenor.cookie, { visibility: "members" });
    expect((await call(app, "DELETE", `/api/milestones/${m.id}`, { cookie: member.cookie })).status).toBe(403);
    const del = await call(app, "DELETE", `/api/milestones/${m.id}`, { cookie: convenor.cookie });
    expect(del.status).toBe(200);
    expect((await json(del)).restore).toBe(`/api/milestones/${m.id}/restore`);
    expect((await call(app, "GET", `/api/milestones/${m.id}`, { cookie: member.cookie })).status).toBe(404);
    expect(await titles(app, member.cookie, "?year=2026")).toEqual([]);
    expect(await titles(app, convenor.cookie, "?deleted=true")).toEqual([m.title]);
    expect((await call(app, "DELETE", `/api/milestones/${m.id}`, { cookie: convenor.cookie })).status).toBe(404);

    expect((await call(app, "POST", `/api/milestones/${m.id}/restore`, { cookie: member.cookie })).status).toBe(403);
    const restored = await call(app, "POST", `/api/milestones/${m.id}/restore`, { cookie: convenor.cookie });
    expect(restored.status).toBe(200);
    expect(await titles(app, member.cookie, "?year=2026")).toEqual([m.title]);
    expect((await call(app, "POST", `/api/milestones/${m.id}/restore`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await auditOf(convene!, "milestone", m.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });
});
