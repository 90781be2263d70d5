import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, makeMeasure, world } from "../test-support.ts";

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

interface ItemBody {
  id: number;
  version: number;
  title: string;
  status: string;
  percentComplete: number;
  shownPercent: number;
  overdue: boolean;
  goalId: number | null;
  goal: { id: number; title: string; progress: number | null } | null;
  dependsOn: number[];
  visibility: string;
  startDate: string;
  endDate: string;
}

async function makeItem(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/roadmap", {
    cookie,
    body: { title: "Brief the APPG", workstream: "Parliament", startDate: "2018-06-01", endDate: "2018-09-30", ...fields },
  });
  if (res.status !== 201) throw new Error(`makeItem: ${res.status} ${await res.text()}`);
  return (await json(res)).item as ItemBody;
}

const patch = (app: App, cookie: string, id: number, body: Record<string, unknown>) =>
  call(app, "PATCH", `/api/roadmap/${id}`, { cookie, body });

describe("GET /api/roadmap", () => {
  it("lists the items a viewer may see, filtered in the query", async () => {
    const { app, convenor, member, observer } = await setup();
    const pub = await makeItem(app, convenor.cookie, { visibility: "public", workstream: "A" });
    const members = await makeItem(app, convenor.cookie, { visibility: "members", workstream: "B" });
    const secret = await makeItem(app, convenor.cookie, { visibility: "convenor", workstream: "C" });
    const ids = async (cookie: string) => (await json(await call(app, "GET", "/api/roadmap", { cookie }))).items.map((i: ItemBody) => i.id);
    expect(await ids(convenor.cookie)).toEqual([pub.id, members.id, secret.id]);
    expect(await ids(member.cookie)).toEqual([pub.id, members.id]);
    expect(await ids(observer.cookie)).toEqual([pub.id]);
  });

  it("filters by date range: items overlapping it", async () => {
    const { app, convenor } = await setup();
    const early = await makeItem(app, convenor.cookie, { startDate: "2018-01-01", endDate: "2018-03-31" });
    const late = await makeItem(app, convenor.cookie, { startDate: "2019-01-01", endDate: "2019-06-30" });
    const list = async (q: string) =>
      (await json(await call(app, "GET", `/api/roadmap?${q}`, { cookie: convenor.cookie }))).items.map((i: ItemBody) => i.id);
    expect(await list("from=2018-03-31&to=2018-12-31")).toEqual([early.id]);
    expect(await list("from=2018-04-01")).toEqual([late.id]);
    expect(await list("to=2018-12-31")).toEqual([early.id]);
  });

  it("needs sign-in and names bad filters", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/roadmap")).status).toBe(401);
    const res = await call(app, "GET", "/api/roadmap?from=2019-02-30", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["from"]);
    const reversed = await call(app, "GET", "/api/roadmap?from=2019-02-01&to=2019-01-01", { cookie: member.cookie });
    expect(await badFields(reversed)).toEqual(["from"]);
  });

  it("hides dependencies on items the viewer may not see", async () => {
    const { app, convenor, member } = await setup();
    const secret = await makeItem(app, convenor.cookie, { visibility: "convenor" });
    const open = await makeItem(app, convenor.cookie, { dependsOn: [secret.id], startDate: "2018-10-01", endDate: "2018-12-01" });
    const get = async (cookie: string) => (await json(await call(app, "GET", `/api/roadmap/${open.id}`, { cookie }))).item as ItemBody;
    expect((await get(convenor.cookie)).dependsOn).toEqual([secret.id]);
    expect((await get(member.cookie)).dependsOn).toEqual([]);
  });

  it("shows the bin of deleted items to the convenor only", async () => {
    const { app, convenor, member } = await setup();
    expect((await call(app, "GET", "/api/roadmap?deleted=true", { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "GET", "/api/roadmap?deleted=true", { cookie: convenor.cookie })).status).toBe(200);
  });
});

describe("GET /api/roadmap/:id", () => {
  it("answers 404, not 403, for an item the viewer may not see, and 400 for a bad id", async () => {
    const { app, convenor, member, observer } = await setup();
    const members = await makeItem(app, convenor.cookie, { visibility: "members" });
    const secret = await makeItem(app, convenor.cookie, { visibility: "convenor" });
    expect((await call(app, "GET", `/api/roadmap/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/roadmap/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/roadmap/${members.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", "/api/roadmap/9999", { cookie: member.cookie })).status).toBe(404);
    expect(await badFields(await call(app, "GET", "/api/roadmap/abc", { cookie: member.cookie }))).toEqual(["id"]);
  });

  it("follows the linked goal's derived progress, and never leaks a goal the viewer cannot see", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Secret strategy goal", visibility: "convenor" });
    await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10, current: 4 });
    const item = await makeItem(app, convenor.cookie, {
      visibility: "members",
      percentComplete: 10,
      goalId: goal.id,
      followGoalProgress: true,
    });
    const asConvenor = (await json(await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: convenor.cookie }))).item as ItemBody;
    const goalProgress = asConvenor.goal?.progress ?? null;
    expect(asConvenor.goal?.title).toBe("Secret strategy goal");
    expect(asConvenor.shownPercent).toBe(goalProgress === null ? 10 : Math.round(goalProgress * 100));

    const res = await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: member.cookie });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain("Secret strategy goal");
    const asMember = JSON.parse(text).item as ItemBody;
    expect(asMember.goal).toBeNull();
    expect(asMember.goalId).toBeNull();
    expect(asMember.shownPercent).toBe(10);
    const list = await (await call(app, "GET", "/api/roadmap", { cookie: member.cookie })).text();
    expect(list).not.toContain("Secret strategy goal");
  });

  it("shows a visible goal's progress when following it", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members" });
    const measure = await makeMeasure(app, convenor.cookie, {
      goalId: goal.id,
      kind: "milestone",
      name: "Published",
    });
    const item = await makeItem(app, convenor.cookie, { goalId: goal.id, followGoalProgress: true, percentComplete: 30 });
    const before = (await json(await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: member.cookie }))).item as ItemBody;
    expect(before.goal?.id).toBe(goal.id);
    expect(before.shownPercent).toBe(0);
    const up = await call(app, "POST", "/api/updates", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, note: "Published", values: [{ measureId: measure.id, value: 1 }] },
    });
    expect(up.status).toBe(201);
    const after = (await json(await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: member.cookie }))).item as ItemBody;
    expect(after.shownPercent).toBe(100);
    expect(after.percentComplete).toBe(30);
  });
});

describe("POST /api/roadmap", () => {
  it("creates an item for the convenor, with an audit entry and a first line of history", async () => {
    const { app, convenor, convene } = await setup();
    const item = await makeItem(app, convenor.cookie, { status: "in_progress", percentComplete: 20 });
    expect(item).toMatchObject({ title: "Brief the APPG", status: "in_progress", percentComplete: 20, version: 1 });
    const entries = await auditOf(convene, "roadmap_item", item.id);
    expect(entries.map((e) => e.action)).toEqual(["create"]);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ title: "Brief the APPG", percentComplete: 20 });
    const detail = await json(await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: convenor.cookie }));
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(["in_progress"]);
  });

  it("refuses members and observers (403) and strangers (401)", async () => {
    const { app, member, observer } = await setup();
    const body = { title: "x", workstream: "P", startDate: "2018-01-01", endDate: "2018-02-01" };
    expect((await call(app, "POST", "/api/roadmap", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/roadmap", { cookie: observer.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/roadmap", { body })).status).toBe(401);
  });

  it.each([
    [{ endDate: "2018-05-01" }, "endDate"],
    [{ title: "  " }, "title"],
    [{ workstream: "" }, "workstream"],
    [{ startDate: "2018-02-30" }, "startDate"],
    [{ status: "finished" }, "status"],
    [{ percentComplete: 120 }, "percentComplete"],
    [{ visibility: "everyone" }, "visibility"],
    [{ dependsOn: [9999] }, "dependsOn"],
    [{ goalId: 9999 }, "goalId"],
    [{ followGoalProgress: true }, "followGoalProgress"],
  ])("names the bad field in %j", async (fields, field) => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/roadmap", {
      cookie: convenor.cookie,
      body: { title: "Brief", workstream: "Parliament", startDate: "2018-06-01", endDate: "2018-09-30", ...fields },
    });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual([field]);
  });
});

describe("PATCH /api/roadmap/:id", () => {
  it("saves an edit, bumps the version, audits it and records the status change", async () => {
    const { app, convenor, convene } = await setup();
    const item = await makeItem(app, convenor.cookie);
    const res = await patch(app, convenor.cookie, item.id, { version: 1, status: "done", percentComplete: 100, title: "Briefed" });
    expect(res.status).toBe(200);
    expect((await json(res)).item).toMatchObject({ status: "done", percentComplete: 100, title: "Briefed", version: 2 });
    const entries = await auditOf(convene, "roadmap_item", item.id);
    expect(entries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(JSON.parse(entries[0]!.before!).status).toBe("planned");
    expect(JSON.parse(entries[0]!.after!).status).toBe("done");
    // A change of title alone writes no history line.
    await patch(app, convenor.cookie, item.id, { version: 2, title: "Briefed the APPG" });
    const detail = await json(await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: convenor.cookie }));
    expect(detail.history.map((h: { status: string; percentComplete: number }) => [h.status, h.percentComplete])).toEqual([
      ["planned", 0],
      ["done", 100],
    ]);
  });

  it("answers 409 with the current item for a stale version, overwriting nothing", async () => {
    const { app, convenor } = await setup();
    const item = await makeItem(app, convenor.cookie);
    expect((await patch(app, convenor.cookie, item.id, { version: 1, title: "First" })).status).toBe(200);
    const res = await patch(app, convenor.cookie, item.id, { version: 1, title: "Second" });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.current).toMatchObject({ title: "First", version: 2 });
  });

  it("refuses an end date before the start, even when only one date changes", async () => {
    const { app, convenor } = await setup();
    const item = await makeItem(app, convenor.cookie);
    expect(await badFields(await patch(app, convenor.cookie, item.id, { version: 1, endDate: "2018-01-01" }))).toEqual(["endDate"]);
    expect(await badFields(await patch(app, convenor.cookie, item.id, { version: 1, startDate: "2019-01-01" }))).toEqual(["startDate"]);
  });

  it("refuses a dependency on itself and a loop of dependencies, naming dependsOn", async () => {
    const { app, convenor } = await setup();
    const a = await makeItem(app, convenor.cookie, { title: "A" });
    const b = await makeItem(app, convenor.cookie, { title: "B", dependsOn: [a.id] });
    const c = await makeItem(app, convenor.cookie, { title: "C", dependsOn: [b.id] });
    const self = await patch(app, convenor.cookie, a.id, { version: 1, dependsOn: [a.id] });
    expect(self.status).toBe(400);
    expect(await badFields(self)).toEqual(["dependsOn"]);
    const loop = await patch(app, convenor.cookie, a.id, { version: 1, dependsOn: [c.id] });
    expect(loop.status).toBe(400);
    const body = await json(loop);
    expect(body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["dependsOn"]);
    expect(body.error.message).toContain('"A" depends on "C" depends on "B" depends on "A"');
    expect((await patch(app, convenor.cookie, c.id, { version: 1, dependsOn: [a.id, b.id] })).status).toBe(200);
  });

  it("refuses following a goal when the link is removed", async () => {
    const { app, convenor } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const item = await makeItem(app, convenor.cookie, { goalId: goal.id, followGoalProgress: true });
    const res = await patch(app, convenor.cookie, item.id, { version: 1, goalId: null });
    expect(await badFields(res)).toEqual(["followGoalProgress"]);
    expect((await patch(app, convenor.cookie, item.id, { version: 1, goalId: null, followGoalProgress: false })).status).toBe(200);
  });

  it("is for the convenor only, and 404 for a missing item", async () => {
    const { app, convenor, member } = await setup();
    const item = await makeItem(app, convenor.cookie);
    expect((await patch(app, member.cookie, item.id, { version: 1, title: "x" })).status).toBe(403);
    expect((await call(app, "PATCH", `/api/roadmap/${item.id}`, { body: { version: 1 } })).status).toBe(401);
    expect((await patch(app, convenor.cookie, 9999, { version: 1, title: "x" })).status).toBe(404);
    expect(await badFields(await patch(app, convenor.cookie, item.id, { title: "x" }))).toEqual(["version"]);
  });
});

describe("DELETE /api/roadmap/:id and restore", () => {
  it("soft-deletes and restores, auditing both", async () => {
    const { app, convenor, member, convene } = await setup();
    const item = await makeItem(app, convenor.cookie);
    expect((await call(app, "DELETE", `/api/roadmap/${item.id}`, { cookie: member.cookie })).status).toBe(403);
    const del = await call(app, "DELETE", `/api/roadmap/${item.id}`, { cookie: convenor.cookie });
    expect(del.status).toBe(200);
    expect((await json(del)).restore).toBe(`/api/roadmap/${item.id}/restore`);
    expect((await call(app, "GET", `/api/roadmap/${item.id}`, { cookie: convenor.cookie })).status).toBe(404);
    const bin = await json(await call(app, "GET", "/api/roadmap?deleted=true", { cookie: convenor.cookie }));
    expect(bin.items.map((i: ItemBody) => i.id)).toEqual([item.id]);
    expect((await call(app, "DELETE", `/api/roadmap/${item.id}`, { cookie: convenor.cookie })).status).toBe(404);

    expect((await call(app, "POST", `/api/roadmap/${item.id}/restore`, { cookie: member.cookie })).status).toBe(403);
    const restored = await call(app, "POST", `/api/roadmap/${item.id}/restore`, { cookie: convenor.cookie });
    expect(restored.status).toBe(200);
    expect((await json(restored)).item.id).toBe(item.id);
    expect((await call(app, "POST", `/api/roadmap/${item.id}/restore`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await auditOf(convene, "roadmap_item", item.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });
});

describe("GET /api/roadmap/progress", () => {
  it("draws planned and actual shares from the history, for what the viewer may see", async () => {
    const { app, convenor, observer } = await setup();
    const a = await makeItem(app, convenor.cookie, { visibility: "public", startDate: "2018-01-01", endDate: "2018-03-31" });
    await makeItem(app, convenor.cookie, { visibility: "convenor", startDate: "2018-01-01", endDate: "2018-06-30" });
    await patch(app, convenor.cookie, a.id, { version: 1, status: "done", percentComplete: 100 });
    const today = new Date().toISOString().slice(0, 10);

    const res = await call(app, "GET", "/api/roadmap/progress", { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ from: "2018-01-01", to: today, items: 2 });
    expect(body.points[0]).toEqual({ date: "2018-01-01", planned: 0, actual: 0 });
    // Done only since today (when it was recorded), whatever its end date says.
    expect(body.points.at(-1)).toEqual({ date: today, planned: 1, actual: 0.5 });
    expect(body.points.filter((p: { actual: number }) => p.actual > 0)).toHaveLength(1);

    const asObserver = await json(await call(app, "GET", "/api/roadmap/progress", { cookie: observer.cookie }));
    expect(asObserver.items).toBe(1);
    expect(asObserver.points.at(-1)).toEqual({ date: today, planned: 1, actual: 1 });
  });

  it("takes a range, names a bad one, needs sign-in and is empty with no items", async () => {
    const { app, member } = await setup();
    const empty = await json(await call(app, "GET", "/api/roadmap/progress?from=2018-01-01&to=2018-02-01", { cookie: member.cookie }));
    expect(empty).toMatchObject({ from: "2018-01-01", to: "2018-02-01", items: 0, points: [] });
    expect(await badFields(await call(app, "GET", "/api/roadmap/progress?to=soon", { cookie: member.cookie }))).toEqual(["to"]);
    expect((await call(app, "GET", "/api/roadmap/progress")).status).toBe(401);
  });
});
