import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, signIn, signInResponse, world } from "../test-support.ts";

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

describe("GET /api/accounts", () => {
  it("lists people and pending invitations to the convenor only", async () => {
    const { app, convenor, member, observer } = await setup();
    await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "pending@example.org", name: "Pending", role: "observer" },
    });
    const res = await call(app, "GET", "/api/accounts", { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.users.map((u: { email: string }) => u.email).sort()).toEqual([convenor.email, member.email, observer.email].sort());
    expect(body.invitations.map((i: { email: string }) => i.email)).toEqual(["pending@example.org"]);
    expect((await call(app, "GET", "/api/accounts", { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "GET", "/api/accounts")).status).toBe(401);
  });
});

describe("POST /api/accounts/invitations", () => {
  it("is audited", async () => {
    const { app, convenor, convene } = await setup();
    await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "a@example.org", name: "A", role: "observer" },
    });
    const entry = await convene.db.selectFrom("auditEntries").selectAll().where("entity", "=", "invitation").executeTakeFirst();
    expect(entry).toMatchObject({ action: "invite", userId: convenor.id });
  });

  it("names the bad field: a member needs an organisation, an email must be one", async () => {
    const { app, convenor } = await setup();
    const noOrg = await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "m@example.org", name: "M", role: "member" },
    });
    expect(noOrg.status).toBe(400);
    expect(await badFields(noOrg)).toEqual(["organisationId"]);
    const badOrg = await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "m@example.org", name: "M", role: "member", organisationId: 9999 },
    });
    expect(await badFields(badOrg)).toEqual(["organisationId"]);
    const badEmail = await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "not an email", name: "M", role: "observer" },
    });
    expect(await badFields(badEmail)).toEqual(["email"]);
  });

  it("refuses an address that already has an account", async () => {
    const { app, convenor, member } = await setup();
    const res = await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: member.email.toUpperCase(), name: "Again", role: "observer" },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.fields).toEqual([
      { field: "email", message: "There is already an account with this email address" },
    ]);
  });

  it("says what is wrong in the invitation form's own words", async () => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/accounts/invitations", {
      cookie: convenor.cookie,
      body: { email: "", name: "", role: "member", organisationId: null },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.fields).toEqual([
      { field: "name", message: "Enter their name" },
      { field: "email", message: "Enter their email address" },
      { field: "organisationId", message: "A member belongs to one organisation: choose it" },
    ]);
  });

  it("is the convenor's job", async () => {
    const { app, member } = await setup();
    const body = { email: "x@example.org", name: "X", role: "convenor" };
    expect((await call(app, "POST", "/api/accounts/invitations", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/accounts/invitations", { body })).status).toBe(401);
  });
});

describe("disabling and enabling an account", () => {
  it("ends the person's session, blocks sign-in, and is undone by enabling; both audited", async () => {
    const { app, convenor, member, convene } = await setup();
    const res = await call(app, "POST", `/api/accounts/${member.id}/disable`, { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    expect((await call(app, "GET", "/api/goals", { cookie: member.cookie })).status).toBe(401);
    const refused = await signInResponse(app, member.email);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.headers.getSetCookie().filter((c) => c.startsWith("better-auth.session_token=") && !/Max-Age=0/i.test(c))).toEqual([]);

    expect((await call(app, "POST", `/api/accounts/${member.id}/enable`, { cookie: convenor.cookie })).status).toBe(200);
    const cookie = await signIn(app, member.email);
    expect((await call(app, "GET", "/api/goals", { cookie })).status).toBe(200);
    expect((await auditOf(convene, "user", member.id)).map((e) => e.action).slice(0, 2)).toEqual(["enable", "disable"]);
  });

  it("refuses to disable your own account, unknown accounts, and non-convenors", async () => {
    const { app, convenor, member, observer } = await setup();
    expect((await call(app, "POST", `/api/accounts/${convenor.id}/disable`, { cookie: convenor.cookie })).status).toBe(400);
    expect((await call(app, "POST", "/api/accounts/nobody/disable", { cookie: convenor.cookie })).status).toBe(404);
    expect((await call(app, "POST", `/api/accounts/${observer.id}/disable`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", `/api/accounts/${observer.id}/enable`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", `/api/accounts/${observer.id}/disable`)).status).toBe(401);
  });
});

describe("POST /api/accounts/:id/reset-link", () => {
  it("is the convenor's job, audited, and 404s an unknown account", async () => {
    const { app, convenor, member, convene } = await setup();
    expect((await call(app, "POST", `/api/accounts/${member.id}/reset-link`, { cookie: convenor.cookie })).status).toBe(201);
    const entry = await convene.db.selectFrom("auditEntries").selectAll().where("action", "=", "reset_link").executeTakeFirst();
    expect(entry?.userId).toBe(convenor.id);
    expect((await call(app, "POST", "/api/accounts/nobody/reset-link", { cookie: convenor.cookie })).status).toBe(404);
    expect((await call(app, "POST", `/api/accounts/${convenor.id}/reset-link`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "POST", `/api/accounts/${member.id}/reset-link`)).status).toBe(401);
  });
});
