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

async function makeTheme(app: Convene["app"], cookie: string, name = "Early warning 2") {
  const res = await call(app, "POST", "/api/themes", { cookie, body: { name } });
  expect(res.status).toBe(201);
  return (await json(res)).theme as { id: number; version: number; name: string };
}

describe("themes", () => {
  it("lists the seeded themes to anyone signed in", async () => {
    const { app, observer } = await setup();
    const res = await call(app, "GET", "/api/themes", { cookie: observer.cookie });
    expect(res.status).toBe(200);
    expect((await json(res)).themes.length).toBeGreaterThan(0);
    expect((await call(app, "GET", "/api/themes")).status).toBe(401);
  });

  it("are created by the convenor, audited; a blank or taken name is refused", async () => {
    const { app, convenor, member, convene } = await setup();
    const theme = await makeTheme(app, convenor.cookie);
    expect((await auditOf(convene, "theme", theme.id))[0]?.action).toBe("create");
    const blank = await call(app, "POST", "/api/themes", { cookie: convenor.cookie, body: { name: " " } });
    expect(blank.status).toBe(400);
    expect(await badFields(blank)).toEqual(["name"]);
    expect((await call(app, "POST", "/api/themes", { cookie: convenor.cookie, body: { name: theme.name } })).status).toBe(409);
    expect((await call(app, "POST", "/api/themes", { cookie: member.cookie, body: { name: "Mine" } })).status).toBe(403);
    expect((await call(app, "POST", "/api/themes", { body: { name: "Mine" } })).status).toBe(401);
  });

  it("are edited with a version, audited; a stale one gets 409 with the current theme", async () => {
    const { app, convenor, member, convene } = await setup();
    const theme = await makeTheme(app, convenor.cookie);
    const res = await call(app, "PATCH", `/api/themes/${theme.id}`, { cookie: convenor.cookie, body: { description: "Why", version: 1 } });
    expect(res.status).toBe(200);
    expect((await json(res)).theme).toMatchObject({ description: "Why", version: 2 });
    expect((await auditOf(convene, "theme", theme.id))[0]?.action).toBe("update");
    const stale = await call(app, "PATCH", `/api/themes/${theme.id}`, {
      cookie: convenor.cookie,
      body: { description: "Other", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.details.current.description).toBe("Why");
    expect(await badFields(await call(app, "PATCH", `/api/themes/${theme.id}`, { cookie: convenor.cookie, body: { name: "x" } }))).toEqual([
      "version",
    ]);
    expect((await call(app, "PATCH", "/api/themes/9999", { cookie: convenor.cookie, body: { name: "x", version: 1 } })).status).toBe(404);
    expect((await call(app, "PATCH", `/api/themes/${theme.id}`, { cookie: member.cookie, body: { name: "x", version: 2 } })).status).toBe(
      403,
    );
    expect((await call(app, "PATCH", `/api/themes/${theme.id}`, { body: { name: "x", version: 2 } })).status).toBe(401);
  });

  it("are deleted by the convenor, leaving their goals without a theme, audited", async () => {
    const { app, convenor, member, convene } = await setup();
    const theme = await makeTheme(app, convenor.cookie);
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, themeId: theme.id });
    expect((await call(app, "DELETE", `/api/themes/${theme.id}`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "DELETE", `/api/themes/${theme.id}`)).status).toBe(401);
    expect((await call(app, "DELETE", `/api/themes/${theme.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect((await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }))).goal.themeId).toBeNull();
    expect((await auditOf(convene, "theme", theme.id))[0]?.action).toBe("delete");
    expect((await call(app, "DELETE", `/api/themes/${theme.id}`, { cookie: convenor.cookie })).status).toBe(404);
  });
});
