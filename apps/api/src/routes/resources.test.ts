import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, person, world } from "../test-support.ts";

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

async function add(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/resources", {
    cookie,
    body: {
      title: "State of UK civil society atrocity prevention (2018)",
      url: "https://example.org/report.pdf",
      tags: ["Reports", "2018"],
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`add: ${res.status} ${await res.text()}`);
  return (await json(res)).resource as { id: number; version: number; tags: string[]; visibility: string };
}

describe("the seeded self-care guide", () => {
  it("is there for everyone, public, with its link left empty for the convenor", async () => {
    const { app, observer } = await setup();
    const body = await json(await call(app, "GET", "/api/resources", { cookie: observer.cookie }));
    expect(body.resources).toHaveLength(1);
    expect(body.resources[0]).toMatchObject({ visibility: "public", url: null, tags: ["self-care", "mutual support"] });
    expect(body.resources[0].title).toMatch(/mutual support and self care during the Covid-19 pandemic/);
  });
});

describe("GET /api/resources", () => {
  it("filters by visibility, tag and words; 404 for a hidden one", async () => {
    const { app, convenor, member, observer } = await setup();
    const report = await add(app, member.cookie);
    const secret = await add(app, convenor.cookie, { title: "Funder notes", tags: ["funding"], visibility: "convenor" });
    const titles = async (cookie: string, query = "") =>
      (await json(await call(app, "GET", `/api/resources${query}`, { cookie }))).resources.map((r: { id: number }) => r.id);
    expect(await titles(convenor.cookie)).toContain(secret.id);
    expect(await titles(member.cookie)).not.toContain(secret.id);
    expect(await titles(observer.cookie)).not.toContain(report.id);
    expect(await titles(member.cookie, "?tag=reports")).toEqual([report.id]);
    expect(await titles(member.cookie, "?q=civil%20society")).toEqual([report.id]);
    expect(report.tags).toEqual(["reports", "2018"]);
    const tags = (await json(await call(app, "GET", "/api/resources", { cookie: member.cookie }))).tags;
    expect(tags).toEqual(["2018", "mutual support", "reports", "self-care"]);
    expect((await call(app, "GET", `/api/resources/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/resources/${report.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/resources/${report.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", "/api/resources")).status).toBe(401);
  });
});

describe("POST /api/resources", () => {
  it("lets members add (audited), refuses observers, and names bad fields", async () => {
    const { app, member, observer, convene: c } = await setup();
    const r = await add(app, member.cookie);
    expect((await auditOf(c, "resource", r.id))[0]).toMatchObject({ action: "create", userId: member.id });
    expect((await call(app, "POST", "/api/resources", { cookie: observer.cookie, body: { title: "x" } })).status).toBe(403);
    expect((await call(app, "POST", "/api/resources", { body: { title: "x" } })).status).toBe(401);
    const bad = await call(app, "POST", "/api/resources", { cookie: member.cookie, body: { title: "", url: "ftp://example.org" } });
    expect(bad.status).toBe(400);
    expect((await badFields(bad)).sort()).toEqual(["title", "url"]);
    const secret = await call(app, "POST", "/api/resources", { cookie: member.cookie, body: { title: "x", visibility: "convenor" } });
    expect(await badFields(secret)).toEqual(["visibility"]);
  });
});

describe("PATCH /api/resources/:id", () => {
  it("lets the convenor fill the guide's link, audited; a stale version is a 409 with the current record", async () => {
    const { app, convenor, convene: c } = await setup();
    const list = await json(await call(app, "GET", "/api/resources", { cookie: convenor.cookie }));
    const guide = list.resources[0];
    const res = await call(app, "PATCH", `/api/resources/${guide.id}`, {
      cookie: convenor.cookie,
      body: { url: "https://example.org/self-care.pdf", version: guide.version },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).resource).toMatchObject({ url: "https://example.org/self-care.pdf", version: guide.version + 1 });
    expect((await auditOf(c, "resource", guide.id))[0]?.action).toBe("update");
    const stale = await call(app, "PATCH", `/api/resources/${guide.id}`, {
      cookie: convenor.cookie,
      body: { title: "x", version: guide.version },
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current.url).toBe("https://example.org/self-care.pdf");
  });

  it("lets whoever added a resource edit it, and no other member", async () => {
    const { app, member, convene: c } = await setup();
    const r = await add(app, member.cookie);
    const other = await person(c, "member");
    expect(
      (await call(app, "PATCH", `/api/resources/${r.id}`, { cookie: member.cookie, body: { title: "Renamed", version: 1 } })).status,
    ).toBe(200);
    expect((await call(app, "PATCH", `/api/resources/${r.id}`, { cookie: other.cookie, body: { title: "Mine", version: 2 } })).status).toBe(
      403,
    );
    const bad = await call(app, "PATCH", `/api/resources/${r.id}`, { cookie: member.cookie, body: { tags: [""], version: 2 } });
    expect(await badFields(bad)).toEqual(["tags.0"]);
  });
});

describe("DELETE /api/resources/:id and restore", () => {
  it("is the convenor's: soft delete with undo, both audited", async () => {
    const { app, convenor, member, convene: c } = await setup();
    const r = await add(app, member.cookie);
    expect((await call(app, "DELETE", `/api/resources/${r.id}`, { cookie: member.cookie })).status).toBe(403);
    const del = await call(app, "DELETE", `/api/resources/${r.id}`, { cookie: convenor.cookie });
    expect(del.status).toBe(200);
    expect((await call(app, "GET", `/api/resources/${r.id}`, { cookie: convenor.cookie })).status).toBe(404);
    expect((await call(app, "DELETE", `/api/resources/${r.id}`, { cookie: convenor.cookie })).status).toBe(404);
    const restored = await call(app, "POST", `/api/resources/${r.id}/restore`, { cookie: convenor.cookie });
    expect(restored.status).toBe(200);
    expect((await auditOf(c, "resource", r.id)).map((e) => e.action).slice(0, 2)).toEqual(["restore", "delete"]);
  });
});
