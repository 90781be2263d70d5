import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, closeCycle, json, makeCycle, makeGoal, makeMeasure, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  const goal = await makeGoal(w.app, w.convenor.cookie, { cycleId: cycle.id, visibility: "public" });
  return { ...w, cycle, goal };
}

describe("POST /api/measures", () => {
  it("adds a measure starting at its current value, audited", async () => {
    const { app, convenor, goal, convene } = await setup();
    const res = await call(app, "POST", "/api/measures", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, kind: "numeric", name: "MPs briefed", baseline: 0, target: 20, current: 5 },
    });
    expect(res.status).toBe(201);
    const { measure } = await json(res);
    const detail = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }));
    expect(detail.goal.progress).toBe(0.25);
    expect((await auditOf(convene, "measure", measure.id))[0]?.action).toBe("create");
  });

  it("names the bad field", async () => {
    const { app, convenor, goal } = await setup();
    const same = await call(app, "POST", "/api/measures", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, kind: "numeric", name: "n", baseline: 3, target: 3 },
    });
    expect(same.status).toBe(400);
    expect(await badFields(same)).toEqual(["target"]);
    const noGoal = await call(app, "POST", "/api/measures", {
      cookie: convenor.cookie,
      body: { goalId: 9999, kind: "milestone", name: "n" },
    });
    expect(noGoal.status).toBe(400);
    expect(await badFields(noGoal)).toEqual(["goalId"]);
  });

  it("is the convenor's job", async () => {
    const { app, member, observer, goal } = await setup();
    const body = { goalId: goal.id, kind: "milestone", name: "n" };
    expect((await call(app, "POST", "/api/measures", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/measures", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/measures", { cookie: observer.cookie, body })).status).toBe(403);
  });

  it("refuses a closed cycle", async () => {
    const { app, convenor, cycle, goal } = await setup();
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "POST", "/api/measures", {
      cookie: convenor.cookie,
      body: { goalId: goal.id, kind: "milestone", name: "n" },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("PATCH /api/measures/:id", () => {
  it("edits a measure and changes the goal's progress", async () => {
    const { app, convenor, goal, convene } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10, current: 5 });
    const res = await call(app, "PATCH", `/api/measures/${measure.id}`, {
      cookie: convenor.cookie,
      body: { target: 20, version: measure.version },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).measure).toMatchObject({ target: 20, version: measure.version + 1 });
    expect((await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }))).goal.progress).toBe(0.25);
    expect((await auditOf(convene, "measure", measure.id))[0]?.action).toBe("update");
  });

  it("refuses a stale version with the current measure", async () => {
    const { app, convenor, goal } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    await call(app, "PATCH", `/api/measures/${measure.id}`, { cookie: convenor.cookie, body: { name: "First", version: measure.version } });
    const res = await call(app, "PATCH", `/api/measures/${measure.id}`, {
      cookie: convenor.cookie,
      body: { name: "Second", version: measure.version },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.current).toMatchObject({ name: "First" });
  });

  it("names the bad field: a target equal to the baseline, or a baseline on a milestone", async () => {
    const { app, convenor, goal } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
    const same = await call(app, "PATCH", `/api/measures/${measure.id}`, { cookie: convenor.cookie, body: { target: 0, version: 1 } });
    expect(same.status).toBe(400);
    expect(await badFields(same)).toEqual(["target"]);
    const milestone = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "m" });
    const res = await call(app, "PATCH", `/api/measures/${milestone.id}`, { cookie: convenor.cookie, body: { baseline: 2, version: 1 } });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["baseline"]);
    const weight = await call(app, "PATCH", `/api/measures/${measure.id}`, { cookie: convenor.cookie, body: { weight: -1, version: 1 } });
    expect(await badFields(weight)).toEqual(["weight"]);
  });

  it("is the convenor's job, answers 404 for a missing measure, and refuses closed cycles", async () => {
    const { app, convenor, member, goal, cycle } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    expect((await call(app, "PATCH", `/api/measures/${measure.id}`, { body: { name: "x", version: 1 } })).status).toBe(401);
    expect(
      (await call(app, "PATCH", `/api/measures/${measure.id}`, { cookie: member.cookie, body: { name: "x", version: 1 } })).status,
    ).toBe(403);
    expect((await call(app, "PATCH", "/api/measures/9999", { cookie: convenor.cookie, body: { name: "x", version: 1 } })).status).toBe(404);
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "PATCH", `/api/measures/${measure.id}`, { cookie: convenor.cookie, body: { name: "x", version: 1 } });
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("DELETE /api/measures/:id and restore", () => {
  it("takes a measure out of progress and puts it back, audited", async () => {
    const { app, convenor, goal, convene } = await setup();
    const done = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "done", done: true });
    await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "open" });
    const progress = async () => (await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }))).goal.progress;
    expect(await progress()).toBe(0.5);
    expect((await call(app, "DELETE", `/api/measures/${done.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect(await progress()).toBe(0);
    expect((await call(app, "DELETE", `/api/measures/${done.id}`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await call(app, "POST", `/api/measures/${done.id}/restore`, { cookie: convenor.cookie })).status).toBe(200);
    expect(await progress()).toBe(0.5);
    expect((await auditOf(convene, "measure", done.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });

  it("is the convenor's job", async () => {
    const { app, convenor, member, goal } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    expect((await call(app, "DELETE", `/api/measures/${measure.id}`)).status).toBe(401);
    expect((await call(app, "DELETE", `/api/measures/${measure.id}`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", `/api/measures/${measure.id}/restore`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "DELETE", "/api/measures/abc", { cookie: convenor.cookie })).status).toBe(400);
  });
});
