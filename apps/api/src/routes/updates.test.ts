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
  person,
  world,
} from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

/** A members goal led by the member's organisation, with one measure from 0 to 10. */
async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  const goal = await makeGoal(w.app, w.convenor.cookie, {
    cycleId: cycle.id,
    visibility: "members",
    leadOrganisationId: w.member.organisationId,
  });
  const measure = await makeMeasure(w.app, w.convenor.cookie, { goalId: goal.id });
  return { ...w, cycle, goal, measure };
}

describe("POST /api/updates", () => {
  it("lets a member of the lead organisation post for it, changing status and progress, with an audit entry", async () => {
    const { app, member, goal, measure, convene } = await setup();
    const res = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, note: "Briefed six MPs", status: "on_track", values: [{ measureId: measure.id, value: 6 }] },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.goal).toMatchObject({ status: "on_track", progress: 0.6 });
    const [row] = await convene.db.selectFrom("progressUpdates").selectAll().where("id", "=", body.id).execute();
    expect(row).toMatchObject({ organisationId: member.organisationId, authorId: member.id, visibility: "members" });
    expect((await auditOf(convene, "progress_update", body.id))[0]?.action).toBe("create");
  });

  it("lets a member of a supporting organisation post", async () => {
    const { app, convenor, convene, cycle } = await setup();
    const [, support] = await organisationIds(convene);
    const supporter = await person(convene, "member", support);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, supportingOrganisationIds: [support!] });
    expect((await call(app, "POST", "/api/updates", { cookie: supporter.cookie, body: { goalId: goal.id, note: "Signed" } })).status).toBe(
      201,
    );
  });

  it("never makes an update wider than its goal", async () => {
    const { app, member, goal, convene } = await setup();
    const res = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, note: "x", visibility: "public" },
    });
    const { id } = await json(res);
    expect((await convene.db.selectFrom("progressUpdates").select("visibility").where("id", "=", id).executeTakeFirst())?.visibility).toBe(
      "members",
    );
  });

  it("names the bad field", async () => {
    const { app, member, goal, convenor, cycle } = await setup();
    const empty = await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id } });
    expect(empty.status).toBe(400);
    expect(await badFields(empty)).toEqual(["note"]);
    const other = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const otherMeasure = await makeMeasure(app, convenor.cookie, { goalId: other.id });
    const wrong = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, values: [{ measureId: otherMeasure.id, value: 1 }] },
    });
    expect(wrong.status).toBe(400);
    expect(await badFields(wrong)).toEqual(["values.0.measureId"]);
  });

  it("refuses a milestone value other than 0 or 1", async () => {
    const { app, member, goal, convenor } = await setup();
    const done = await makeMeasure(app, convenor.cookie, { goalId: goal.id, kind: "milestone", name: "Letter" });
    const res = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, values: [{ measureId: done.id, value: 0.5 }] },
    });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["values.0.value"]);
  });

  it("needs sign-in", async () => {
    const { app, goal } = await setup();
    expect((await call(app, "POST", "/api/updates", { body: { goalId: goal.id, note: "x" } })).status).toBe(401);
  });

  it("refuses observers (403 on a goal they can see, 404 on one they cannot)", async () => {
    const { app, observer, convenor, cycle, goal } = await setup();
    const pub = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "public" });
    expect((await call(app, "POST", "/api/updates", { cookie: observer.cookie, body: { goalId: pub.id, note: "x" } })).status).toBe(403);
    expect((await call(app, "POST", "/api/updates", { cookie: observer.cookie, body: { goalId: goal.id, note: "x" } })).status).toBe(404);
  });

  it("refuses a member posting for another organisation", async () => {
    const { app, member, goal, convene } = await setup();
    const [, other] = await organisationIds(convene);
    const res = await call(app, "POST", "/api/updates", {
      cookie: member.cookie,
      body: { goalId: goal.id, note: "x", organisationId: other },
    });
    expect(res.status).toBe(403);
  });

  it("refuses a member on a goal their organisation neither leads nor supports", async () => {
    const { app, member, convenor, cycle, convene } = await setup();
    const [, other] = await organisationIds(convene);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, leadOrganisationId: other });
    expect((await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } })).status).toBe(403);
  });

  it("answers 404 for a convenor-only goal a member cannot see", async () => {
    const { app, member, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      visibility: "convenor",
      leadOrganisationId: member.organisationId,
    });
    expect((await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } })).status).toBe(404);
  });

  it("refuses updates in a closed cycle", async () => {
    const { app, member, convenor, cycle, goal } = await setup();
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("GET /api/updates", () => {
  it("lists a goal's updates as the viewer may see them", async () => {
    const { app, convenor, member, observer, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      visibility: "public",
      leadOrganisationId: member.organisationId,
    });
    await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "for members" } });
    await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "for all", visibility: "public" } });
    const notes = async (cookie: string) =>
      (await json(await call(app, "GET", `/api/updates?goalId=${goal.id}`, { cookie }))).updates.map((u: { note: string }) => u.note);
    expect(await notes(member.cookie)).toEqual(["for all", "for members"]);
    expect(await notes(observer.cookie)).toEqual(["for all"]);
  });

  it("needs sign-in and a goal id", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/updates?goalId=1")).status).toBe(401);
    const res = await call(app, "GET", "/api/updates", { cookie: member.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["goalId"]);
  });
});

describe("DELETE /api/updates/:id and restore", () => {
  it("lets the author withdraw and restore their update, taking its values out of progress meanwhile", async () => {
    const { app, member, goal, measure, convene } = await setup();
    const { id } = await json(
      await call(app, "POST", "/api/updates", {
        cookie: member.cookie,
        body: { goalId: goal.id, values: [{ measureId: measure.id, value: 10 }] },
      }),
    );
    expect((await call(app, "DELETE", `/api/updates/${id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }))).goal.progress).toBe(0);
    expect((await call(app, "POST", `/api/updates/${id}/restore`, { cookie: member.cookie })).status).toBe(200);
    expect((await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: member.cookie }))).goal.progress).toBe(1);
    expect((await auditOf(convene, "progress_update", id)).map((e) => e.action)).toEqual(["restore", "delete", "create"]);
  });

  it("refuses other members (403), observers (404) and signed-out callers (401)", async () => {
    const { app, member, observer, goal, convene } = await setup();
    const { id } = await json(await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } }));
    const colleague = await person(convene, "member", member.organisationId ?? undefined);
    expect((await call(app, "DELETE", `/api/updates/${id}`, { cookie: colleague.cookie })).status).toBe(403);
    expect((await call(app, "DELETE", `/api/updates/${id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", `/api/updates/${id}`)).status).toBe(401);
    expect((await call(app, "DELETE", "/api/updates/9999", { cookie: member.cookie })).status).toBe(404);
  });

  it("answers 404 for an update whose goal has been deleted", async () => {
    const { app, member, convenor, goal } = await setup();
    const { id } = await json(await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } }));
    expect((await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect((await call(app, "DELETE", `/api/updates/${id}`, { cookie: member.cookie })).status).toBe(404);
  });

  it("lets the convenor withdraw anyone's update, but not in a closed cycle", async () => {
    const { app, member, convenor, goal, cycle } = await setup();
    const first = await json(await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "x" } }));
    const second = await json(await call(app, "POST", "/api/updates", { cookie: member.cookie, body: { goalId: goal.id, note: "y" } }));
    expect((await call(app, "DELETE", `/api/updates/${first.id}`, { cookie: convenor.cookie })).status).toBe(200);
    await closeCycle(app, convenor.cookie, cycle);
    const res = await call(app, "DELETE", `/api/updates/${second.id}`, { cookie: convenor.cookie });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("cycle_closed");
  });
});

describe("GET /api/updates for a hidden goal", () => {
  it("answers 404, as the goal itself does, rather than an empty list", async () => {
    const { app, observer, goal } = await setup();
    expect((await call(app, "GET", `/api/updates?goalId=${goal.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", "/api/updates?goalId=9999", { cookie: observer.cookie })).status).toBe(404);
  });
});
