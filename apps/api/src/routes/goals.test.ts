import { afterEach, describe, expect, it } from "vitest";
import {
  auditOf,
  badFields,
  type Convene,
  call,
  closeCycle,
  json,
  makeCycle,
  makeGoal,
  makeMeasure,
  organisationIds,
  world,
} from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  return { ...w, cycle };
}

describe("GET /api/goals", () => {
  it("lists the goals a viewer may see", async () => {
    const { app, convenor, member, observer, cycle } = await setup();
    const pub = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "public" });
    const members = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members" });
    const secret = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "convenor" });
    const ids = async (cookie: string) =>
      (await json(await call(app, "GET", `/api/goals?cycleId=${cycle.id}`, { cookie }))).goals.map((g: { id: number }) => g.id);
    expect(await ids(convenor.cookie)).toEqual([pub.id, members.id, secret.id]);
    expect(await ids(member.cookie)).toEqual([pub.id, members.id]);
    expect(await ids(observer.cookie)).toEqual([pub.id]);
  });

  it("needs sign-in", async () => {
    const { app } = await setup();
    const res = await call(app, "GET", "/api/goals");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthenticated");
  });

  it("names a bad filter", async () => {
    const { app, member } = await setup();
    const res = await call(app, "GET", "/api/goals?status=finished", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["status"]);
  });

  it("shows the bin of deleted goals to the convenor only", async () => {
    const { app, convenor, member } = await setup();
    expect((await call(app, "GET", "/api/goals?deleted=true", { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "GET", "/api/goals?deleted=true", { cookie: convenor.cookie })).status).toBe(200);
  });
});

describe("GET /api/goals, a page at a time", () => {
  async function listed(app: Convene["app"], cookie: string, query: string) {
    const res = await call(app, "GET", `/api/goals?${query}`, { cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    return json<{ goals: { id: number; title: string }[]; total: number; limit: number; offset: number }>(res);
  }

  it("pages in 50s by default and gives the total, rows slim", async () => {
    const { app, convenor, cycle } = await setup();
    const titles = ["delta", "Alpha", "charlie", "Écho", "bravo", "foxtrot", "golf"];
    for (const title of titles) await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title });
    const all = await listed(app, convenor.cookie, `cycleId=${cycle.id}`);
    expect(all).toMatchObject({ total: 7, limit: 50, offset: 0 });
    expect(all.goals).toHaveLength(7);
    // What the table shows, not the goal's measures or description.
    expect(Object.keys(all.goals[0]!)).not.toContain("measures");
    expect(Object.keys(all.goals[0]!)).not.toContain("description");
    expect(all.goals[0]).toMatchObject({ status: "not_started", progress: null, lastUpdateAt: null, version: 1 });

    const second = await listed(app, convenor.cookie, `cycleId=${cycle.id}&sort=title.asc&limit=3&offset=3`);
    expect(second).toMatchObject({ total: 7, limit: 3, offset: 3 });
    // Case and accents do not change the order: "Écho" sorts as "echo".
    expect(second.goals.map((g) => g.title)).toEqual(["delta", "Écho", "foxtrot"]);
    const last = await listed(app, convenor.cookie, `cycleId=${cycle.id}&sort=title.desc&limit=3&offset=6`);
    expect(last.goals.map((g) => g.title)).toEqual(["Alpha"]);
    const beyond = await listed(app, convenor.cookie, `cycleId=${cycle.id}&limit=3&offset=30`);
    expect(beyond).toMatchObject({ goals: [], total: 7 });
  });

  it("sorts by lead, due date and last update in SQL, empty values first going up", async () => {
    const { app, convenor, cycle } = await setup();
    const [first, second] = await organisationIds(convene!);
    const a = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      title: "a",
      leadOrganisationId: second,
      dueDate: "2026-05-01",
      status: "achieved",
    });
    const b = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "b", leadOrganisationId: null, dueDate: null });
    const c = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      title: "c",
      leadOrganisationId: first,
      dueDate: "2026-03-01",
      status: "at_risk",
    });
    const ids = async (sort: string) => (await listed(app, convenor.cookie, `cycleId=${cycle.id}&sort=${sort}`)).goals.map((g) => g.id);
    expect(await ids("dueDate.asc")).toEqual([b.id, c.id, a.id]);
    expect(await ids("dueDate.desc")).toEqual([a.id, c.id, b.id]);
    // Status in the order the statuses are listed (not started … achieved), not alphabetically.
    expect(await ids("status.asc")).toEqual([b.id, c.id, a.id]);
    const names = (await listed(app, convenor.cookie, `cycleId=${cycle.id}&sort=lead.asc`)).goals.map((g) => g.id);
    expect(names[0]).toBe(b.id);
    const update = await call(app, "POST", "/api/updates", {
      cookie: convenor.cookie,
      body: { goalId: c.id, note: "Moved on", values: [], visibility: "members" },
    });
    expect(update.status, await update.clone().text()).toBe(201);
    expect((await ids("lastUpdate.desc"))[0]).toBe(c.id);
  });

  it("names a bad page size or sort in plain words", async () => {
    const { app, member } = await setup();
    const big = await call(app, "GET", "/api/goals?limit=1000", { cookie: member.cookie });
    expect(big.status).toBe(400);
    expect(await badFields(big)).toEqual(["limit"]);
    const sort = await call(app, "GET", "/api/goals?sort=colour.asc", { cookie: member.cookie });
    expect(sort.status).toBe(400);
    expect(JSON.stringify(await json(sort))).toContain("Sort by one of title");
  });

  it("gives pickers every goal by name at /api/goals/choices", async () => {
    const { app, convenor, member, cycle } = await setup();
    for (let i = 0; i < 3; i++) await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: `Goal ${i}` });
    await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Secret", visibility: "convenor" });
    const res = await call(app, "GET", `/api/goals/choices?cycleId=${cycle.id}`, { cookie: member.cookie });
    expect(res.status).toBe(200);
    const { goals } = await json(res);
    expect(goals.map((g: { title: string }) => g.title)).toEqual(["Goal 0", "Goal 1", "Goal 2"]);
    expect(goals[0]).toEqual({ id: expect.any(Number), title: "Goal 0", cycleId: cycle.id, cycleName: cycle.name, version: 1 });
  });
});

describe("GET /api/goals/:id", () => {
  it("answers 404, not 403, for a goal the viewer may not see", async () => {
    const { app, convenor, member, observer, cycle } = await setup();
    const members = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members" });
    const secret = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "convenor" });
    expect((await call(app, "GET", `/api/goals/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/goals/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/goals/${members.id}`, { cookie: member.cookie })).status).toBe(200);
  });

  it("answers 404 for a goal that does not exist and 400 for a bad id", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/goals/9999", { cookie: member.cookie })).status).toBe(404);
    const res = await call(app, "GET", "/api/goals/abc", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["id"]);
  });

  it("needs sign-in", async () => {
    const { app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "public" });
    expect((await call(app, "GET", `/api/goals/${goal.id}`)).status).toBe(401);
  });

  it("derives progress from the measures, and changes it after an update", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      visibility: "members",
      leadOrganisationId: member.organisationId,
    });
    const briefings = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
    const letter = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "Letter sent" });
    const before = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }));
    expect(before.goal.progress).toBe(0);

    const posted = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: {
        goalId: goal.id,
        values: [
          { measureId: briefings.id, value: 5 },
          { measureId: letter.id, value: 1 },
        ],
      },
    });
    expect(posted.status).toBe(201);
    const after = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }));
    expect(after.goal.progress).toBe(0.75);
    expect(after.progressOverTime.at(-1).progress).toBe(0.75);
    expect(after.updates).toHaveLength(1);
    expect(
      after.measureHistory.find((h: { measureId: number }) => h.measureId === briefings.id).points.map((p: { value: number }) => p.value),
    ).toEqual([0, 5]);
  });
});

describe("POST /api/goals", () => {
  it("creates a goal and audits it", async () => {
    const { app, convenor, cycle, convene } = await setup();
    const [lead, support] = await organisationIds(convene);
    const res = await call(app, "POST", "/api/goals", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id, title: "National strategy", leadOrganisationId: lead, supportingOrganisationIds: [support] },
    });
    expect(res.status).toBe(201);
    const { goal } = await json(res);
    expect(goal).toMatchObject({ title: "National strategy", status: "not_started", visibility: "members", version: 1, progress: null });
    expect(goal.supportingOrganisationIds).toEqual([support]);
    const [entry] = await auditOf(convene, "goal", goal.id);
    expect(entry).toMatchObject({ action: "create", userId: convenor.id });
  });

  it("names the bad field", async () => {
    const { app, convenor, cycle } = await setup();
    const res = await call(app, "POST", "/api/goals", { cookie: convenor.cookie, body: { cycleId: cycle.id, title: "" } });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["title"]);
    const noTheme = await call(app, "POST", "/api/goals", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id, title: "x", themeId: 9999 },
    });
    expect(noTheme.status).toBe(400);
    expect(await badFields(noTheme)).toEqual(["themeId"]);
    const noCycle = await call(app, "POST", "/api/goals", { cookie: convenor.cookie, body: { cycleId: 9999, title: "x" } });
    expect(await badFields(noCycle)).toEqual(["cycleId"]);
  });

  it("is the convenor's job: 401 signed out, 403 for members and observers", async () => {
    const { app, member, observer, cycle } = await setup();
    const body = { cycleId: cycle.id, title: "Mine" };
    expect((await call(app, "POST", "/api/goals", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/goals", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/goals", { cookie: observer.cookie, body })).status).toBe(403);
  });

  it("refuses a closed cycle with cycle_closed", async () => {
    const { app, convenor, cycle } = await setup();
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "POST", "/api/goals", { cookie: convenor.cookie, body: { cycleId: cycle.id, title: "Late" } });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("PATCH /api/goals/:id", () => {
  it("edits a goal, bumps its version and audits before and after", async () => {
    const { app, convenor, cycle, convene } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const res = await call(app, "PATCH", `/api/goals/${goal.id}`, {
      cookie: convenor.cookie,
      body: { title: "Renamed", status: "at_risk", version: goal.version },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).goal).toMatchObject({ title: "Renamed", status: "at_risk", version: goal.version + 1 });
    const [entry] = await auditOf(convene, "goal", goal.id);
    expect(entry?.action).toBe("update");
    expect(JSON.parse(entry?.before ?? "{}").title).toBe("A goal");
    expect(JSON.parse(entry?.after ?? "{}").title).toBe("Renamed");
  });

  it("refuses a stale version with 409 carrying the current goal, and changes nothing", async () => {
    const { app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    await call(app, "PATCH", `/api/goals/${goal.id}`, { cookie: convenor.cookie, body: { title: "First", version: goal.version } });
    const res = await call(app, "PATCH", `/api/goals/${goal.id}`, {
      cookie: convenor.cookie,
      body: { title: "Second", version: goal.version },
    });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.current).toMatchObject({ id: goal.id, title: "First", version: goal.version + 1 });
  });

  it("names the bad field, including a lead who is also a supporter", async () => {
    const { app, convenor, cycle, convene } = await setup();
    const [a, b] = await organisationIds(convene);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, leadOrganisationId: a, supportingOrganisationIds: [b!] });
    const res = await call(app, "PATCH", `/api/goals/${goal.id}`, { cookie: convenor.cookie, body: { leadOrganisationId: b, version: 1 } });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["supportingOrganisationIds"]);
    const noVersion = await call(app, "PATCH", `/api/goals/${goal.id}`, { cookie: convenor.cookie, body: { title: "x" } });
    expect(await badFields(noVersion)).toEqual(["version"]);
  });

  it("is refused to members (403) and signed-out callers (401)", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, leadOrganisationId: member.organisationId });
    const body = { title: "Hijacked", version: 1 };
    expect((await call(app, "PATCH", `/api/goals/${goal.id}`, { body })).status).toBe(401);
    expect((await call(app, "PATCH", `/api/goals/${goal.id}`, { cookie: member.cookie, body })).status).toBe(403);
  });

  it("answers 404 for a goal that does not exist", async () => {
    const { app, convenor } = await setup();
    expect((await call(app, "PATCH", "/api/goals/9999", { cookie: convenor.cookie, body: { title: "x", version: 1 } })).status).toBe(404);
  });

  it("refuses edits in a closed cycle", async () => {
    const { app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "PATCH", `/api/goals/${goal.id}`, { cookie: convenor.cookie, body: { title: "x", version: goal.version } });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("DELETE /api/goals/:id and restore", () => {
  it("soft-deletes a goal out of every list and restores it from the bin, auditing both", async () => {
    const { app, convenor, member, cycle, convene } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const del = await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: convenor.cookie });
    expect(del.status).toBe(200);
    expect((await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await json(await call(app, "GET", "/api/goals", { cookie: member.cookie }))).goals).toEqual([]);
    const bin = await json(await call(app, "GET", "/api/goals?deleted=true", { cookie: convenor.cookie }));
    expect(bin.goals.map((g: { id: number }) => g.id)).toEqual([goal.id]);
    expect((await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: convenor.cookie })).status).toBe(404);

    const restored = await call(app, "POST", `/api/goals/${goal.id}/restore`, { cookie: convenor.cookie });
    expect(restored.status).toBe(200);
    expect((await json(restored)).goal).toMatchObject({ id: goal.id, deletedAt: null });
    expect((await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await auditOf(convene, "goal", goal.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });

  it("is the convenor's job", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    expect((await call(app, "DELETE", `/api/goals/${goal.id}`)).status).toBe(401);
    expect((await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", `/api/goals/${goal.id}/restore`, { cookie: member.cookie })).status).toBe(403);
  });

  it("answers 404 for restoring a goal that is not deleted, and 400 for a bad id", async () => {
    const { app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    expect((await call(app, "POST", `/api/goals/${goal.id}/restore`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", "/api/goals/0", { cookie: convenor.cookie })).status).toBe(400);
  });

  it("refuses to delete a goal of a closed cycle", async () => {
    const { app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: convenor.cookie });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("POST /api/goals/:id/copy-forward", () => {
  it("copies a goal into the next cycle with its measures where they stand, linked both ways", async () => {
    const { app, convenor, member, cycle, convene } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, leadOrganisationId: member.organisationId, status: "on_track" });
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
    await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, values: [{ measureId: measure.id, value: 4 }] },
    });
    await closeCycle(app, convenor.cookie, { id: cycle.id, version: cycle.version });
    const next = await makeCycle(app, convenor.cookie, { workshopDate: "2027-01-10", agmDate: "2027-12-10" });

    const res = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: { cycleId: next.id } });
    expect(res.status).toBe(201);
    const copy = (await json(res)).goal;
    expect(copy).toMatchObject({ cycleId: next.id, title: goal.title, copiedFromGoalId: goal.id, status: "not_started", progress: 0.4 });
    expect(copy.measures[0]).toMatchObject({ baseline: 0, target: 10, current: 4 });

    const copyDetail = await json(await call(app, "GET", `/api/goals/${copy.id}`, { cookie: member.cookie }));
    expect(copyDetail.copiedFrom).toMatchObject({ id: goal.id, title: goal.title });
    const sourceDetail = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }));
    expect(sourceDetail.copies.map((c: { id: number }) => c.id)).toEqual([copy.id]);
    expect((await auditOf(convene, "goal", copy.id))[0]?.action).toBe("copy_forward");

    const again = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: { cycleId: next.id } });
    expect(again.status).toBe(409);
  });

  it("starts the copy's measures from values the copy's audience may see, not from narrower updates", async () => {
    const { app, convenor, observer, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "public" });
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
    await call(app, "POST", "/api/updates", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, values: [{ measureId: measure.id, value: 3 }], visibility: "public" },
    });
    await call(app, "POST", "/api/updates", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, values: [{ measureId: measure.id, value: 9 }], visibility: "convenor" },
    });
    const next = await makeCycle(app, convenor.cookie);
    const copy = (
      await json(await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: { cycleId: next.id } }))
    ).goal;
    const seen = await json(await call(app, "GET", `/api/goals/${copy.id}`, { cookie: observer.cookie }));
    expect(seen.goal.measures[0].current).toBe(3);
  });

  it("names the bad field, refuses closed target cycles and non-convenors", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const same = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: { cycleId: cycle.id } });
    expect(same.status).toBe(400);
    expect(await badFields(same)).toEqual(["cycleId"]);
    const missing = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: {} });
    expect(await badFields(missing)).toEqual(["cycleId"]);
    const closed = await makeCycle(app, convenor.cookie);
    await closeCycle(app, convenor.cookie, closed);
    const toClosed = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, {
      cookie: convenor.cookie,
      body: { cycleId: closed.id },
    });
    expect(toClosed.status).toBe(409);
    expect((await json(toClosed)).error.code).toBe("cycle_closed");
    expect(
      (await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: member.cookie, body: { cycleId: closed.id } })).status,
    ).toBe(403);
    expect((await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { body: { cycleId: closed.id } })).status).toBe(401);
    expect(
      (await call(app, "POST", "/api/goals/9999/copy-forward", { cookie: convenor.cookie, body: { cycleId: closed.id } })).status,
    ).toBe(404);
  });
});
