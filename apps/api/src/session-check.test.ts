import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeConvene, PASSWORD, person, signIn, world } from "./test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const whoIs = async (app: Convene["app"], cookie: string) => (await json(await call(app, "GET", "/api/me", { cookie }))).user;

describe("the session check", () => {
  it("knows the person of a valid session cookie", async () => {
    const w = await world();
    convene = w.convene;
    expect(await whoIs(w.app, w.member.cookie)).toMatchObject({ email: w.member.email, role: "member" });
  });

  it("refuses a session at once after sign-out", async () => {
    const w = await world();
    convene = w.convene;
    expect(await whoIs(w.app, w.member.cookie)).not.toBeNull();
    expect((await call(w.app, "POST", "/api/auth/sign-out", { cookie: w.member.cookie, body: {} })).status).toBe(200);
    expect(await whoIs(w.app, w.member.cookie)).toBeNull();
  });

  it("refuses every session of an account the convenor disables, at once", async () => {
    const w = await world();
    convene = w.convene;
    expect(await whoIs(w.app, w.member.cookie)).not.toBeNull();
    const res = await call(w.app, "POST", `/api/accounts/${w.member.id}/disable`, { cookie: w.convenor.cookie });
    expect(res.status).toBe(200);
    expect(await whoIs(w.app, w.member.cookie)).toBeNull();
  });

  it("refuses the other sessions once the password is changed with revokeOtherSessions", async () => {
    convene = await makeConvene();
    const p = await person(convene, "member");
    const other = await signIn(convene.app, p.email);
    expect(await whoIs(convene.app, other)).not.toBeNull();
    const changed = await call(convene.app, "POST", "/api/auth/change-password", {
      cookie: p.cookie,
      body: { currentPassword: PASSWORD, newPassword: "a new password here", revokeOtherSessions: true },
    });
    expect(changed.status).toBe(200);
    expect(await whoIs(convene.app, other)).toBeNull();
  });

  it("sees a change of role on the next request", async () => {
    const w = await world();
    convene = w.convene;
    await w.convene.db
      .updateTable("user" as never)
      .set({ role: "observer" } as never)
      .where("id" as never, "=", w.member.id as never)
      .execute();
    expect(await whoIs(w.app, w.member.cookie)).toMatchObject({ role: "observer" });
  });

  it("refuses a cookie whose signature does not match its token", async () => {
    const w = await world();
    convene = w.convene;
    const [name, value] = w.member.cookie.split("=") as [string, string];
    const [, signature] = decodeURIComponent(value).split(".");
    const forged = `${name}=${encodeURIComponent(`someone-elses-token.${signature}`)}`;
    expect(await whoIs(w.app, forged)).toBeNull();
    expect(await whoIs(w.app, `${name}=not-signed-at-all`)).toBeNull();
  });

  // Sessions end SESSION_DAYS after sign-in however much they are used (services/sessions.ts): a
  // session past Better Auth's daily refresh point stays valid and keeps its end date.
  it("keeps a session that has passed its daily refresh point, with its fixed end date", async () => {
    const w = await world();
    convene = w.convene;
    // Thirteen days and a bit left of fourteen: last refreshed more than a day ago.
    const soon = new Date(Date.now() + 12 * 24 * 60 * 60 * 1000);
    const sessions = () =>
      w.convene.db
        .selectFrom("session" as never)
        .select("expiresAt" as never)
        .where("userId" as never, "=", w.member.id as never);
    await w.convene.db
      .updateTable("session" as never)
      .set({ expiresAt: soon.toISOString() } as never)
      .where("userId" as never, "=", w.member.id as never)
      .execute();
    expect(await whoIs(w.app, w.member.cookie)).toMatchObject({ email: w.member.email });
    const [row] = (await sessions().execute()) as { expiresAt: string | Date }[];
    expect(new Date(row!.expiresAt).getTime()).toBe(soon.getTime());
  });

  it("treats an expired session as signed out", async () => {
    const w = await world();
    convene = w.convene;
    const past = new Date(Date.now() - 60_000);
    await w.convene.db
      .updateTable("session" as never)
      .set({ expiresAt: past.toISOString() } as never)
      .where("userId" as never, "=", w.member.id as never)
      .execute();
    expect(await whoIs(w.app, w.member.cookie)).toBeNull();
  });
});
