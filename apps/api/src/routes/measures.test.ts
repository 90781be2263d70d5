import { afterEach, describe, expect, it } from "vitest";
import {
  auditOf,
  badFields,
  byId,
  type Convene,
  call,
  client,
  closeCycle,
  errorOf,
  makeCycle,
  makeGoal,
  makeMeasure,
  world,
} from "../test-support.ts";

// Typed requests through Hono's testClient (`convenor.api…`); `call` only where a test sends what
// the types forbid (a milestone's baseline, an id that is not a number).

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
  const progressOf = async () => {
    const res = await w.convenor.api.goals[":id"].$get({ param: byId(goal.id) });
    if (res.status !== 200) throw new Error(`GET goal: ${res.status}`);
    return (await res.json()).goal.progress;
  };
  return { ...w, cycle, goal, progressOf, anonymous: client(w.app).api };
}

describe("POST /api/measures", () => {
  it("adds a measure starting at its current value, audited", async () => {
    const { convenor, goal, convene, progressOf } = await setup();
    const res = await convenor.api.measures.$post({
      json: { goalId: goal.id, kind: "numeric", name: "MPs briefed", baseline: 0, target: 20, current: 5 },
    });
    expect(res.status).toBe(201);
    const { measure } = await res.json();
    expect(await progressOf()).toBe(0.25);
    expect((await auditOf(convene, "measure", measure.id))[0]?.action).toBe("create");
  });

  it("names the bad field", async () => {
    const { convenor, goal } = await setup();
    const same = await convenor.api.measures.$post({ json: { goalId: goal.id, kind: "numeric", name: "n", baseline: 3, target: 3 } });
    expect(same.status).toBe(400);
    expect(await badFields(same)).toEqual(["target"]);
    const noGoal = await convenor.api.measures.$post({ json: { goalId: 9999, kind: "milestone", name: "n" } });
    expect(noGoal.status).toBe(400);
    expect(await badFields(noGoal)).toEqual(["goalId"]);
  });

  it("is the convenor's job", async () => {
    const { member, observer, goal, anonymous } = await setup();
    const json = { goalId: goal.id, kind: "milestone" as const, name: "n" };
    expect((await anonymous.measures.$post({ json })).status).toBe(401);
    expect((await member.api.measures.$post({ json })).status).toBe(403);
    expect((await observer.api.measures.$post({ json })).status).toBe(403);
  });

  it("refuses a closed cycle", async () => {
    const { app, convenor, cycle, goal } = await setup();
    await closeCycle(app, convenor.cookie, cycle);
    const res = await convenor.api.measures.$post({ json: { goalId: goal.id, kind: "milestone", name: "n" } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("cycle_closed");
  });
});

describe("PATCH /api/measures/:id", () => {
  it("edits a measure and changes the goal's progress", async () => {
    const { app, convenor, goal, convene, progressOf } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10, current: 5 });
    const res = await convenor.api.measures[":id"].$patch({ param: byId(measure.id), json: { target: 20, version: measure.version } });
    expect(res.status).toBe(200);
    expect((await res.json()).measure).toMatchObject({ target: 20, version: measure.version + 1 });
    expect(await progressOf()).toBe(0.25);
    expect((await auditOf(convene, "measure", measure.id))[0]?.action).toBe("update");
  });

  it("refuses a stale version with the current measure", async () => {
    const { app, convenor, goal } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    const param = byId(measure.id);
    await convenor.api.measures[":id"].$patch({ param, json: { name: "First", version: measure.version } });
    const res = await convenor.api.measures[":id"].$patch({ param, json: { name: "Second", version: measure.version } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).details.current).toMatchObject({ name: "First" });
  });

  it("names the bad field: a target equal to the baseline, or a baseline on a milestone", async () => {
    const { app, convenor, goal } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
    const same = await convenor.api.measures[":id"].$patch({ param: byId(measure.id), json: { target: 0, version: 1 } });
    expect(same.status).toBe(400);
    expect(await badFields(same)).toEqual(["target"]);
    const milestone = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "m" });
    const res = await call(app, "PATCH", `/api/measures/${milestone.id}`, { cookie: convenor.cookie, body: { baseline: 2, version: 1 } });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["baseline"]);
    const weight = await convenor.api.measures[":id"].$patch({ param: byId(measure.id), json: { weight: -1, version: 1 } });
    expect(await badFields(weight)).toEqual(["weight"]);
  });

  it("is the convenor's job, answers 404 for a missing measure, and refuses closed cycles", async () => {
    const { app, convenor, member, goal, cycle, anonymous } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    const edit = { param: byId(measure.id), json: { name: "x", version: 1 } };
    expect((await anonymous.measures[":id"].$patch(edit)).status).toBe(401);
    expect((await member.api.measures[":id"].$patch(edit)).status).toBe(403);
    expect((await convenor.api.measures[":id"].$patch({ ...edit, param: byId(9999) })).status).toBe(404);
    await closeCycle(app, convenor.cookie, cycle);
    const res = await convenor.api.measures[":id"].$patch(edit);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("cycle_closed");
  });
});

describe("DELETE /api/measures/:id and restore", () => {
  it("takes a measure out of progress and puts it back, audited", async () => {
    const { app, convenor, goal, convene, progressOf } = await setup();
    const done = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "done", done: true });
    await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "open" });
    const param = byId(done.id);
    expect(await progressOf()).toBe(0.5);
    expect((await convenor.api.measures[":id"].$delete({ param })).status).toBe(200);
    expect(await progressOf()).toBe(0);
    expect((await convenor.api.measures[":id"].$delete({ param })).status).toBe(404);
    expect((await convenor.api.measures[":id"].restore.$post({ param })).status).toBe(200);
    expect(await progressOf()).toBe(0.5);
    expect((await auditOf(convene, "measure", done.id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });

  it("is the convenor's job", async () => {
    const { app, convenor, member, goal, anonymous } = await setup();
    const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    const param = byId(measure.id);
    expect((await anonymous.measures[":id"].$delete({ param })).status).toBe(401);
    expect((await member.api.measures[":id"].$delete({ param })).status).toBe(403);
    expect((await member.api.measures[":id"].restore.$post({ param })).status).toBe(403);
    expect((await call(app, "DELETE", "/api/measures/abc", { cookie: convenor.cookie })).status).toBe(400);
  });
});
