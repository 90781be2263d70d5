import { addDaysIso, todayIso } from "@convene/domain";
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
  return w;
}

describe("GET /api/cycles", () => {
  it("lists cycles, newest first, with the current one", async () => {
    const { app, convenor, observer } = await setup();
    const old = await makeCycle(app, convenor.cookie, { workshopDate: "2025-01-10", agmDate: "2025-12-10" });
    const now = await makeCycle(app, convenor.cookie, { workshopDate: "2026-01-10", agmDate: "2026-12-10" });
    const body = await json(await call(app, "GET", "/api/cycles", { cookie: observer.cookie }));
    expect(body.cycles.map((c: { id: number }) => c.id)).toEqual([now.id, old.id]);
    expect(body.currentCycleId).toBe(now.id);
  });

  it("stays on the cycle people are in when next year's is created early, on the dashboard and the public page", async () => {
    const { app, convenor, observer } = await setup();
    // Dates around today, so the rule is tested against the clock the server reads.
    const today = todayIso();
    const past = await makeCycle(app, convenor.cookie, { workshopDate: addDaysIso(today, -700), agmDate: addDaysIso(today, -400) });
    const now = await makeCycle(app, convenor.cookie, { workshopDate: addDaysIso(today, -100), agmDate: addDaysIso(today, 200) });
    await makeGoal(app, convenor.cookie, { cycleId: now.id, title: "This year's public goal", visibility: "public" });
    const next = await makeCycle(app, convenor.cookie, { workshopDate: addDaysIso(today, 260), agmDate: addDaysIso(today, 600) });
    await call(app, "PUT", "/api/data/settings/public-page", { cookie: convenor.cookie, body: { enabled: true } });

    const body = await json(await call(app, "GET", "/api/cycles", { cookie: observer.cookie }));
    expect(body.cycles[0].id).toBe(next.id);
    expect(body.currentCycleId).toBe(now.id);
    const page = await json(await call(app, "GET", "/api/public"));
    expect(page.cycle.name).toBe(now.name);
    expect(page.goals.map((g: { title: string }) => g.title)).toEqual(["This year's public goal"]);
    expect(body.cycles.map((c: { id: number }) => c.id)).toContain(past.id);
  });

  it("between an AGM and the next workshop, keeps the year just ended", async () => {
    const { app, convenor, member } = await setup();
    const today = todayIso();
    const ended = await makeCycle(app, convenor.cookie, { workshopDate: addDaysIso(today, -300), agmDate: addDaysIso(today, -10) });
    await makeCycle(app, convenor.cookie, { workshopDate: addDaysIso(today, 20), agmDate: addDaysIso(today, 350) });
    expect((await json(await call(app, "GET", "/api/cycles", { cookie: member.cookie }))).currentCycleId).toBe(ended.id);
  });

  it("needs sign-in", async () => {
    const { app } = await setup();
    expect((await call(app, "GET", "/api/cycles")).status).toBe(401);
  });
});

describe("GET /api/cycles/:id", () => {
  it("shows one cycle, 404 when missing, 400 for a bad id, 401 signed out", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const res = await call(app, "GET", `/api/cycles/${cycle.id}`, { cookie: member.cookie });
    expect(res.status).toBe(200);
    expect((await json(res)).cycle).toMatchObject({ id: cycle.id, state: "open" });
    expect((await call(app, "GET", "/api/cycles/9999", { cookie: member.cookie })).status).toBe(404);
    expect(await badFields(await call(app, "GET", "/api/cycles/x", { cookie: member.cookie }))).toEqual(["id"]);
    expect((await call(app, "GET", `/api/cycles/${cycle.id}`)).status).toBe(401);
  });
});

describe("GET /api/cycles/:id/overview", () => {
  it("counts only the goals the viewer may see, and no values from updates they may not", async () => {
    const { app, convenor, member, observer } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const pub = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      visibility: "public",
      status: "on_track",
      leadOrganisationId: member.organisationId,
    });
    await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members", status: "at_risk", title: "Members only" });
    await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "convenor", status: "off_track", title: "Convenor only" });
    const measure = await makeMeasure(app, convenor.cookie, { goalId: pub.id });
    await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: pub.id, values: [{ measureId: measure.id, value: 10 }] },
    });

    const asObserver = await json(await call(app, "GET", `/api/cycles/${cycle.id}/overview?asOf=2026-06-01`, { cookie: observer.cookie }));
    expect(asObserver.headline).toMatchObject({ goals: 1, needingAttention: 0, progress: 0 });
    expect(asObserver.statusCounts.find((s: { status: string }) => s.status === "at_risk").count).toBe(0);
    expect(JSON.stringify(asObserver)).not.toMatch(/Members only|Convenor only/);

    const asMember = await json(await call(app, "GET", `/api/cycles/${cycle.id}/overview?asOf=2026-06-01`, { cookie: member.cookie }));
    expect(asMember.headline).toMatchObject({ goals: 2, needingAttention: 1 });
    const asConvenor = await json(await call(app, "GET", `/api/cycles/${cycle.id}/overview?asOf=2026-06-01`, { cookie: convenor.cookie }));
    expect(asConvenor.headline).toMatchObject({ goals: 3, needingAttention: 2 });
  });

  it("names a bad date, 404s a missing cycle and needs sign-in", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const res = await call(app, "GET", `/api/cycles/${cycle.id}/overview?asOf=2026-02-30`, { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["asOf"]);
    expect((await call(app, "GET", "/api/cycles/9999/overview", { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/cycles/${cycle.id}/overview`)).status).toBe(401);
  });
});

describe("POST /api/cycles", () => {
  it("creates a cycle and audits it", async () => {
    const { app, convenor, convene } = await setup();
    const res = await call(app, "POST", "/api/cycles", {
      cookie: convenor.cookie,
      body: { name: "2026–27", workshopDate: "2026-01-10", agmDate: "2026-12-10" },
    });
    expect(res.status).toBe(201);
    const { cycle } = await json(res);
    expect(cycle).toMatchObject({ name: "2026–27", updateIntervalDays: 42, state: "open", version: 1 });
    expect((await auditOf(convene, "cycle", cycle.id))[0]?.action).toBe("create");
  });

  it("names the bad field, and refuses a name already taken", async () => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/cycles", {
      cookie: convenor.cookie,
      body: { name: "x", workshopDate: "2026-05-01", agmDate: "2026-04-01" },
    });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["agmDate"]);
    const cycle = await makeCycle(app, convenor.cookie);
    const taken = await call(app, "POST", "/api/cycles", {
      cookie: convenor.cookie,
      body: { name: cycle.name, workshopDate: "2026-01-01", agmDate: "2026-12-01" },
    });
    expect(taken.status).toBe(409);
  });

  it("is the convenor's job", async () => {
    const { app, member } = await setup();
    const body = { name: "x", workshopDate: "2026-01-01", agmDate: "2026-12-01" };
    expect((await call(app, "POST", "/api/cycles", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/cycles", { cookie: member.cookie, body })).status).toBe(403);
  });
});

describe("PATCH /api/cycles/:id", () => {
  it("edits a cycle, audited", async () => {
    const { app, convenor, convene } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const res = await call(app, "PATCH", `/api/cycles/${cycle.id}`, {
      cookie: convenor.cookie,
      body: { agmDate: "2026-11-30", version: 1 },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).cycle).toMatchObject({ agmDate: "2026-11-30", version: 2 });
    expect((await auditOf(convene, "cycle", cycle.id))[0]?.action).toBe("update");
  });

  it("refuses a stale version with the current cycle", async () => {
    const { app, convenor } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    await call(app, "PATCH", `/api/cycles/${cycle.id}`, { cookie: convenor.cookie, body: { updateIntervalDays: 30, version: 1 } });
    const res = await call(app, "PATCH", `/api/cycles/${cycle.id}`, {
      cookie: convenor.cookie,
      body: { updateIntervalDays: 60, version: 1 },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.current).toMatchObject({ updateIntervalDays: 30, version: 2 });
  });

  it("names the field when a new AGM date falls before the stored workshop", async () => {
    const { app, convenor } = await setup();
    const cycle = await makeCycle(app, convenor.cookie, { workshopDate: "2026-03-01", agmDate: "2026-12-01" });
    const res = await call(app, "PATCH", `/api/cycles/${cycle.id}`, {
      cookie: convenor.cookie,
      body: { agmDate: "2026-02-01", version: 1 },
    });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["agmDate"]);
  });

  it("refuses a name another cycle has with 409, not a server error", async () => {
    const { app, convenor } = await setup();
    const first = await makeCycle(app, convenor.cookie);
    const second = await makeCycle(app, convenor.cookie);
    const res = await call(app, "PATCH", `/api/cycles/${second.id}`, { cookie: convenor.cookie, body: { name: first.name, version: 1 } });
    expect(res.status).toBe(409);
    expect(await badFields(res)).toEqual(["name"]);
  });

  it("is the convenor's job, 404s a missing cycle, and refuses a closed one", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    expect((await call(app, "PATCH", `/api/cycles/${cycle.id}`, { body: { name: "x", version: 1 } })).status).toBe(401);
    expect((await call(app, "PATCH", `/api/cycles/${cycle.id}`, { cookie: member.cookie, body: { name: "x", version: 1 } })).status).toBe(
      403,
    );
    expect((await call(app, "PATCH", "/api/cycles/9999", { cookie: convenor.cookie, body: { name: "x", version: 1 } })).status).toBe(404);
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "PATCH", `/api/cycles/${cycle.id}`, { cookie: convenor.cookie, body: { name: "x", version: 2 } });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("POST /api/cycles/:id/close", () => {
  it("closes a cycle once, audited", async () => {
    const { app, convenor, convene } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const res = await call(app, "POST", `/api/cycles/${cycle.id}/close`, { cookie: convenor.cookie, body: { version: 1 } });
    expect(res.status).toBe(200);
    expect((await json(res)).cycle.state).toBe("closed");
    expect((await auditOf(convene, "cycle", cycle.id))[0]?.action).toBe("close");
    const again = await call(app, "POST", `/api/cycles/${cycle.id}/close`, { cookie: convenor.cookie, body: { version: 2 } });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("cycle_closed");
  });

  it("refuses a stale version, a missing version, members and a missing cycle", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    await call(app, "PATCH", `/api/cycles/${cycle.id}`, { cookie: convenor.cookie, body: { updateIntervalDays: 30, version: 1 } });
    const stale = await call(app, "POST", `/api/cycles/${cycle.id}/close`, { cookie: convenor.cookie, body: { version: 1 } });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current.state).toBe("open");
    expect(await badFields(await call(app, "POST", `/api/cycles/${cycle.id}/close`, { cookie: convenor.cookie, body: {} }))).toEqual([
      "version",
    ]);
    expect((await call(app, "POST", `/api/cycles/${cycle.id}/close`, { cookie: member.cookie, body: { version: 2 } })).status).toBe(403);
    expect((await call(app, "POST", `/api/cycles/${cycle.id}/close`, { body: { version: 2 } })).status).toBe(401);
    expect((await call(app, "POST", "/api/cycles/9999/close", { cookie: convenor.cookie, body: { version: 1 } })).status).toBe(404);
  });
});
