/**
 * Issue 13.4: the convenor must have two-factor sign-in, and may require it of everyone. The
 * rule is checked once, in the session middleware, so these tests probe an ordinary route
 * (GET /api/cycles) and the routes a person needs to set it up.
 */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, cookieFrom, json, makeConvene, PASSWORD, type Person, person } from "../test-support.ts";

let convene: Convene;
afterEach(async () => {
  await convene?.close();
});

const ordinary = (cookie: string) => call(convene.app, "GET", "/api/cycles", { cookie });

/** Sets up an authenticator app as the account page does; Better Auth then gives the person a new session cookie. */
async function withAuthenticator(p: Person): Promise<string> {
  const enabled = await call(convene.app, "POST", "/api/auth/two-factor/enable", { cookie: p.cookie, body: { password: PASSWORD } });
  expect(enabled.status).toBe(200);
  const { totpURI } = await json<{ totpURI: string }>(enabled);
  const secret = new URL(totpURI).searchParams.get("secret")!;
  const code = await createOTP(base32.decode(secret)).totp();
  const confirmed = await call(convene.app, "POST", "/api/auth/two-factor/verify-totp", { cookie: p.cookie, body: { code } });
  expect(confirmed.status).toBe(200);
  return cookieFrom(confirmed);
}

/**
 * A registered passkey, written as the passkey plugin writes one after a WebAuthn ceremony (the
 * ceremony itself is tested in Chromium, apps/web/e2e/two-factor.test.ts).
 */
async function withPasskey(p: Person): Promise<void> {
  const ctx = await convene.auth.$context;
  await ctx.adapter.create({
    model: "passkey",
    data: {
      name: "Work laptop",
      publicKey: "not-a-real-key",
      userId: p.id,
      credentialID: `credential-${p.id}`,
      counter: 0,
      deviceType: "singleDevice",
      backedUp: false,
      transports: "internal",
      createdAt: new Date(),
    },
  });
}

async function requireOfEveryone(convenorCookie: string, required: boolean) {
  const res = await call(convene.app, "PUT", "/api/data/settings/two-factor", { cookie: convenorCookie, body: { required } });
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({ twoFactorForEveryone: required });
}

describe("two-factor sign-in required", () => {
  it("holds back a convenor without it from ordinary routes, but not from what they need to set it up", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");

    const refused = await ordinary(convenor.cookie);
    expect(refused.status).toBe(403);
    const body = await json(refused);
    expect(body.error.code).toBe("two_factor_required");
    expect(body.error.message).toMatch(/^Set up two-factor sign-in before you go on: /);
    // Writes too, and routes of every kind: the check is in the middleware, not in each route.
    const write = await call(convene.app, "POST", "/api/themes", { cookie: convenor.cookie, body: { name: "Early warning" } });
    expect(write.status).toBe(403);
    expect((await call(convene.app, "GET", "/api/accounts", { cookie: convenor.cookie })).status).toBe(403);

    const me = await call(convene.app, "GET", "/api/me", { cookie: convenor.cookie });
    expect(me.status).toBe(200);
    expect((await json(me)).user).toMatchObject({ email: convenor.email, twoFactorRequired: true });
    expect((await call(convene.app, "GET", "/api/health")).status).toBe(200);
    const passkeys = await call(convene.app, "GET", "/api/auth/passkey/list-user-passkeys", { cookie: convenor.cookie });
    expect(passkeys.status).toBe(200);

    const cookie = await withAuthenticator(convenor);
    expect((await ordinary(cookie)).status).toBe(200);
    expect((await json(await call(convene.app, "GET", "/api/me", { cookie }))).user.twoFactorRequired).toBe(false);
  });

  it("lets a convenor with a passkey through", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    await withPasskey(convenor);
    expect((await ordinary(convenor.cookie)).status).toBe(200);
  });

  it("keeps the last factor of a convenor: the app cannot be turned off, nor the only passkey removed", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    const cookie = await withAuthenticator(convenor);
    const off = await call(convene.app, "POST", "/api/auth/two-factor/disable", { cookie, body: { password: PASSWORD } });
    expect(off.status).toBe(409);
    expect((await json(off)).error).toEqual({
      code: "two_factor_kept",
      message: "Your account must keep two-factor sign-in: add a passkey before you turn the authenticator app off.",
    });
    expect((await ordinary(cookie)).status).toBe(200);
    // With a passkey as well, the app may go; then the passkey is the last and stays.
    await withPasskey(convenor);
    const offNow = await call(convene.app, "POST", "/api/auth/two-factor/disable", { cookie, body: { password: PASSWORD } });
    expect(offNow.status, await offNow.clone().text()).toBe(200);
    const after = cookieFrom(offNow) || cookie;
    const [key] = await json<{ id: string }[]>(await call(convene.app, "GET", "/api/auth/passkey/list-user-passkeys", { cookie: after }));
    const removed = await call(convene.app, "POST", "/api/auth/passkey/delete-passkey", { cookie: after, body: { id: key!.id } });
    expect(removed.status).toBe(409);
    expect((await json(removed)).error.code).toBe("two_factor_kept");
  });

  it("lets a held-back person see and end their sessions", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    expect((await call(convene.app, "GET", "/api/sessions", { cookie: convenor.cookie })).status).toBe(200);
  });

  it("lets a held-back person sign out, and anyone reach the public routes", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    const out = await call(convene.app, "POST", "/api/auth/sign-out", { cookie: convenor.cookie, body: {} });
    expect(out.status).toBe(200);
    expect((await ordinary(convenor.cookie)).status).toBe(401);
    expect((await call(convene.app, "GET", "/api/public")).status).not.toBe(403);
  });

  it("holds back members and observers without it while the convenor requires it of everyone, and lifts it when turned off", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    const convenorCookie = await withAuthenticator(convenor);
    const member = await person(convene, "member");
    const observer = await person(convene, "observer");
    const withApp = await person(convene, "member");
    const withKey = await person(convene, "member");
    const withAppCookie = await withAuthenticator(withApp);
    await withPasskey(withKey);

    // Off by default: only the convenor needs it.
    expect((await ordinary(member.cookie)).status).toBe(200);
    const settings = await call(convene.app, "GET", "/api/data/settings", { cookie: convenorCookie });
    expect(await json(settings)).toMatchObject({ twoFactorForEveryone: false });

    await requireOfEveryone(convenorCookie, true);
    expect((await ordinary(member.cookie)).status).toBe(403);
    expect((await ordinary(observer.cookie)).status).toBe(403);
    expect((await json(await call(convene.app, "GET", "/api/me", { cookie: member.cookie }))).user.twoFactorRequired).toBe(true);
    expect((await ordinary(withAppCookie)).status).toBe(200);
    expect((await ordinary(withKey.cookie)).status).toBe(200);
    expect((await ordinary(convenorCookie)).status).toBe(200);

    // The member sets it up, and is let through at once.
    const memberCookie = await withAuthenticator(member);
    expect((await ordinary(memberCookie)).status).toBe(200);

    await requireOfEveryone(convenorCookie, false);
    expect((await ordinary(observer.cookie)).status).toBe(200);

    const entries = await convene.db
      .selectFrom("auditEntries")
      .selectAll()
      .where("entity", "=", "setting")
      .where("entityId", "=", "twoFactorForEveryone")
      .orderBy("id")
      .execute();
    expect(entries.map((e) => [e.userId, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      [convenor.id, { twoFactorForEveryone: false }, { twoFactorForEveryone: true }],
      [convenor.id, { twoFactorForEveryone: true }, { twoFactorForEveryone: false }],
    ]);
  });

  it("is the convenor's setting alone, and refuses a body that is not true or false", async () => {
    convene = await makeConvene({ enforceTwoFactor: true });
    const convenor = await person(convene, "convenor");
    const convenorCookie = await withAuthenticator(convenor);
    const member = await person(convene, "member");
    const refused = await call(convene.app, "PUT", "/api/data/settings/two-factor", { cookie: member.cookie, body: { required: true } });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe("forbidden");
    const bad = await call(convene.app, "PUT", "/api/data/settings/two-factor", { cookie: convenorCookie, body: { required: "yes" } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/required/i);
    const anonymous = await call(convene.app, "PUT", "/api/data/settings/two-factor", { body: { required: true } });
    expect(anonymous.status).toBe(401);
  });

  it("is not enforced when test support turns it off, as for every other API test", async () => {
    convene = await makeConvene();
    const convenor = await person(convene, "convenor");
    expect((await ordinary(convenor.cookie)).status).toBe(200);
    expect((await json(await call(convene.app, "GET", "/api/me", { cookie: convenor.cookie }))).user.twoFactorRequired).toBe(false);
  });
});
