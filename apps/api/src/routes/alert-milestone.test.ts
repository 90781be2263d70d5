import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, organisationIds, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  const other = await person(w.convene, "member", orgs[1]);
  return { ...w, orgs, other };
}
type World = Awaited<ReturnType<typeof setup>>;

async function raise(w: World, fields: Record<string, unknown> = {}) {
  const res = await call(w.app, "POST", "/api/alerts", {
    cookie: w.member.cookie,
    body: {
      title: "Parliamentary debate on early warning",
      situation: "Westminster",
      kind: "opportunity",
      urgency: "high",
      ask: "Brief your MPs before the debate",
      deadline: inDays(3),
      visibility: "members",
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`raise: ${res.status} ${await res.text()}`);
  return (await json(res)).alert as { id: number; version: number };
}

async function close(w: World, alert: { id: number; version: number }, successful: boolean) {
  const res = await call(w.app, "POST", `/api/alerts/${alert.id}/close`, {
    cookie: w.convenor.cookie,
    body: { version: alert.version, outcome: "Twelve MPs raised atrocity prevention in the debate", successful },
  });
  if (res.status !== 200) throw new Error(`close: ${res.status} ${await res.text()}`);
  return (await json(res)) as { alert: { id: number; version: number }; milestoneDraft: unknown };
}

describe("POST /api/alerts/:id/milestone", () => {
  it("records a successful alert as a milestone in one step, linked both ways and audited", async () => {
    const w = await setup();
    const alert = await raise(w);
    await call(w.app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: w.member.cookie, body: { response: "join" } });
    await call(w.app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: w.other.cookie, body: { response: "cannot" } });
    const closed = await close(w, alert, true);

    const res = await call(w.app, "POST", `/api/alerts/${alert.id}/milestone`, {
      cookie: w.convenor.cookie,
      body: { version: closed.alert.version },
    });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.milestone).toMatchObject({
      title: "Parliamentary debate on early warning",
      kind: "statement",
      outcome: "Twelve MPs raised atrocity prevention in the debate",
      visibility: "members",
      date: new Date().toISOString().slice(0, 10),
    });
    expect(body.milestone.notes).toContain(`alert ${alert.id}`);
    expect(body.milestone.organisations.map((o: { id: number }) => o.id)).toEqual([w.orgs[0]]);
    expect(body.alert).toMatchObject({ id: alert.id, milestoneId: body.milestone.id, version: closed.alert.version + 1 });

    // A member reading the alert sees the link; the milestone is on the timeline.
    const seen = await json(await call(w.app, "GET", `/api/alerts/${alert.id}`, { cookie: w.member.cookie }));
    expect(seen.alert.milestoneId).toBe(body.milestone.id);
    expect((await call(w.app, "GET", `/api/milestones/${body.milestone.id}`, { cookie: w.member.cookie })).status).toBe(200);

    const [created] = await auditOf(w.convene, "milestone", body.milestone.id);
    expect(created).toMatchObject({ action: "create", userId: w.convenor.id });
    const [linked] = await auditOf(w.convene, "alert", alert.id);
    expect(linked).toMatchObject({ action: "update", userId: w.convenor.id });
    expect(JSON.parse(linked!.after ?? "{}").milestoneId).toBe(body.milestone.id);

    // Only once.
    const again = await call(w.app, "POST", `/api/alerts/${alert.id}/milestone`, {
      cookie: w.convenor.cookie,
      body: { version: body.alert.version },
    });
    expect(again.status).toBe(409);
    expect((await json(again)).error.details.milestoneId).toBe(body.milestone.id);
  });

  it("refuses open and unsuccessful alerts (409) and a stale version (409), writing nothing", async () => {
    const w = await setup();
    const open = await raise(w);
    const r1 = await call(w.app, "POST", `/api/alerts/${open.id}/milestone`, {
      cookie: w.convenor.cookie,
      body: { version: open.version },
    });
    expect(r1.status).toBe(409);

    const failed = await close(w, await raise(w), false);
    const r2 = await call(w.app, "POST", `/api/alerts/${failed.alert.id}/milestone`, {
      cookie: w.convenor.cookie,
      body: { version: failed.alert.version },
    });
    expect(r2.status).toBe(409);

    const ok = await close(w, await raise(w), true);
    const stale = await call(w.app, "POST", `/api/alerts/${ok.alert.id}/milestone`, {
      cookie: w.convenor.cookie,
      body: { version: ok.alert.version - 1 },
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current.milestoneId).toBeNull();
    const milestones = await w.convene.db.selectFrom("milestones").select("id").where("seedKey", "is", null).execute();
    expect(milestones).toEqual([]);
  });

  it("is for the convenor only: 401, 403, 404 and a named bad field", async () => {
    const w = await setup();
    const ok = await close(w, await raise(w), true);
    const path = `/api/alerts/${ok.alert.id}/milestone`;
    expect((await call(w.app, "POST", path, { body: { version: ok.alert.version } })).status).toBe(401);
    expect((await call(w.app, "POST", path, { cookie: w.member.cookie, body: { version: ok.alert.version } })).status).toBe(403);
    expect((await call(w.app, "POST", path, { cookie: w.observer.cookie, body: { version: ok.alert.version } })).status).toBe(403);
    expect((await call(w.app, "POST", "/api/alerts/9999/milestone", { cookie: w.convenor.cookie, body: { version: 1 } })).status).toBe(404);
    const bad = await call(w.app, "POST", path, { cookie: w.convenor.cookie, body: {} });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["version"]);
  });
});
