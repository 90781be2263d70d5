import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, closeCycle, json, makeCycle, world } from "../test-support.ts";

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

describe("standing goals", () => {
  it("lists the seed's call for a national strategy as open, with no goal in the chosen cycle yet", async () => {
    const { app, convenor, observer } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const body = await json(await call(app, "GET", `/api/standing-goals?cycleId=${cycle.id}`, { cookie: observer.cookie }));
    expect(body.standingGoals).toHaveLength(1);
    expect(body.standingGoals[0]).toMatchObject({ key: "national-strategy", theme: "National strategy", goalId: null });
    expect((await call(app, "GET", "/api/standing-goals")).status).toBe(401);
  });

  it("lets the convenor add it to a cycle once, as a public goal under its theme, with an audit entry", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    expect(
      (await call(app, "POST", "/api/standing-goals/national-strategy/adopt", { cookie: member.cookie, body: { cycleId: cycle.id } }))
        .status,
    ).toBe(403);
    const res = await call(app, "POST", "/api/standing-goals/national-strategy/adopt", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id },
    });
    expect(res.status).toBe(201);
    const goal = (await json(res)).goal;
    expect(goal).toMatchObject({ cycleId: cycle.id, visibility: "public", themeName: "National strategy", status: "not_started" });
    expect((await auditOf(convene!, "goal", goal.id)).map((e) => e.action)).toEqual(["create"]);
    const listed = await json(await call(app, "GET", `/api/standing-goals?cycleId=${cycle.id}`, { cookie: member.cookie }));
    expect(listed.standingGoals[0].goalId).toBe(goal.id);
    const again = await call(app, "POST", "/api/standing-goals/national-strategy/adopt", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id },
    });
    expect(again.status).toBe(409);
  });

  it("answers 404 for an unknown standing goal, 400 naming cycleId, and 409 for a closed cycle", async () => {
    const { app, convenor } = await setup();
    expect((await call(app, "POST", "/api/standing-goals/nope/adopt", { cookie: convenor.cookie, body: { cycleId: 1 } })).status).toBe(404);
    const bad = await call(app, "POST", "/api/standing-goals/national-strategy/adopt", { cookie: convenor.cookie, body: {} });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["cycleId"]);
    const missing = await call(app, "POST", "/api/standing-goals/national-strategy/adopt", {
      cookie: convenor.cookie,
      body: { cycleId: 9999 },
    });
    expect(await badFields(missing)).toEqual(["cycleId"]);
    const cycle = await makeCycle(app, convenor.cookie);
    await closeCycle(app, convenor.cookie, cycle);
    const closed = await call(app, "POST", "/api/standing-goals/national-strategy/adopt", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id },
    });
    expect(closed.status).toBe(409);
  });
});
