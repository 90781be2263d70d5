import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, world } from "../test-support.ts";

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

describe("GET /api/organisations", () => {
  it("lists the seeded coalition to anyone signed in", async () => {
    const { app, observer } = await setup();
    const res = await call(app, "GET", "/api/organisations", { cookie: observer.cookie });
    expect(res.status).toBe(200);
    const { organisations } = await json(res);
    expect(organisations).toHaveLength(19);
    expect(organisations.filter((o: { isConvenor: boolean }) => o.isConvenor).map((o: { name: string }) => o.name)).toEqual([
      "Protection Approaches",
    ]);
    expect((await call(app, "GET", "/api/organisations")).status).toBe(401);
  });
});

describe("GET /api/organisations/:id", () => {
  it("shows the goals it leads and supports, only as far as the viewer may see them", async () => {
    const { app, convenor, member, observer } = await setup();
    const org = member.organisationId!;
    const cycle = await makeCycle(app, convenor.cookie);
    const pub = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "public", leadOrganisationId: org });
    await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members", leadOrganisationId: org });
    const body = await json(await call(app, "GET", `/api/organisations/${org}`, { cookie: observer.cookie }));
    expect(body.organisation.id).toBe(org);
    expect(body.leads.map((g: { id: number }) => g.id)).toEqual([pub.id]);
    expect((await json(await call(app, "GET", `/api/organisations/${org}`, { cookie: member.cookie }))).leads).toHaveLength(2);
  });

  it("404s a missing organisation, names a bad id and needs sign-in", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/organisations/9999", { cookie: member.cookie })).status).toBe(404);
    expect(await badFields(await call(app, "GET", "/api/organisations/-1", { cookie: member.cookie }))).toEqual(["id"]);
    expect((await call(app, "GET", "/api/organisations/1")).status).toBe(401);
  });
});

describe("POST /api/organisations", () => {
  it("adds an organisation, audited", async () => {
    const { app, convenor, convene } = await setup();
    const res = await call(app, "POST", "/api/organisations", {
      cookie: convenor.cookie,
      body: { name: "New Voices", shortName: "new-voices", website: "https://example.org" },
    });
    expect(res.status).toBe(201);
    const { organisation } = await json(res);
    expect(organisation).toMatchObject({ name: "New Voices", isConvenor: false });
    expect((await auditOf(convene, "organisation", organisation.id))[0]?.action).toBe("create");
  });

  it("names the bad field and refuses a short name in use", async () => {
    const { app, convenor } = await setup();
    const bad = await call(app, "POST", "/api/organisations", { cookie: convenor.cookie, body: { name: "X", shortName: "has spaces" } });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["shortName"]);
    const taken = await call(app, "POST", "/api/organisations", {
      cookie: convenor.cookie,
      body: { name: "X", shortName: "peace-direct" },
    });
    expect(taken.status).toBe(409);
  });

  it("is the convenor's job", async () => {
    const { app, member } = await setup();
    const body = { name: "X", shortName: "x" };
    expect((await call(app, "POST", "/api/organisations", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/organisations", { cookie: member.cookie, body })).status).toBe(403);
  });
});

describe("PATCH /api/organisations/:id", () => {
  it("edits an organisation, audited, and refuses a stale version with the current one", async () => {
    const { app, convenor, convene, member } = await setup();
    const id = member.organisationId!;
    const res = await call(app, "PATCH", `/api/organisations/${id}`, {
      cookie: convenor.cookie,
      body: { website: "https://a.example", version: 1 },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).organisation).toMatchObject({ website: "https://a.example", version: 2 });
    expect((await auditOf(convene, "organisation", id))[0]?.action).toBe("update");
    const stale = await call(app, "PATCH", `/api/organisations/${id}`, {
      cookie: convenor.cookie,
      body: { website: "https://b.example", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current.website).toBe("https://a.example");
  });

  it("refuses a short name another organisation has with 409, not a server error", async () => {
    const { app, convenor, member } = await setup();
    const res = await call(app, "PATCH", `/api/organisations/${member.organisationId}`, {
      cookie: convenor.cookie,
      body: { shortName: "peace-direct", version: 1 },
    });
    expect(res.status).toBe(409);
    expect(await badFields(res)).toEqual(["shortName"]);
  });

  it("names the bad field, 404s a missing one, and is the convenor's job", async () => {
    const { app, convenor, member } = await setup();
    const id = member.organisationId!;
    expect(
      await badFields(
        await call(app, "PATCH", `/api/organisations/${id}`, { cookie: convenor.cookie, body: { website: "ftp://x", version: 1 } }),
      ),
    ).toEqual(["website"]);
    expect((await call(app, "PATCH", "/api/organisations/9999", { cookie: convenor.cookie, body: { name: "x", version: 1 } })).status).toBe(
      404,
    );
    expect((await call(app, "PATCH", `/api/organisations/${id}`, { cookie: member.cookie, body: { name: "x", version: 1 } })).status).toBe(
      403,
    );
    expect((await call(app, "PATCH", `/api/organisations/${id}`, { body: { name: "x", version: 1 } })).status).toBe(401);
  });
});
