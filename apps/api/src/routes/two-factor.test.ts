import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, cookieFrom, json, makeConvene, PASSWORD, person, signInResponse } from "../test-support.ts";

let convene: Convene;
afterEach(async () => {
  await convene?.close();
});

/** The code an authenticator app shows now, from the otpauth:// address the QR code carries. */
async function codeFor(totpURI: string): Promise<string> {
  const secret = new URL(totpURI).searchParams.get("secret")!;
  return createOTP(base32.decode(secret)).totp();
}

async function emailOf(cookie: string): Promise<string | null> {
  return (await json(await call(convene.app, "GET", "/api/me", { cookie }))).user?.email ?? null;
}

/** Turns two-factor on for a signed-in person as the account page does: password, then a first code. */
async function turnOn(cookie: string) {
  const enabled = await call(convene.app, "POST", "/api/auth/two-factor/enable", { cookie, body: { password: PASSWORD } });
  expect(enabled.status).toBe(200);
  const { totpURI, backupCodes } = await json<{ totpURI: string; backupCodes: string[] }>(enabled);
  expect(totpURI).toMatch(/^otpauth:\/\/totp\/Convene:/);
  expect(backupCodes).toHaveLength(10);
  const confirmed = await call(convene.app, "POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await codeFor(totpURI) } });
  expect(confirmed.status).toBe(200);
  return { totpURI, backupCodes };
}

describe("two-factor sign-in", () => {
  it("asks for the authenticator code after the password, and signs in with it", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const { totpURI } = await turnOn(me.cookie);

    const signIns = async () =>
      (await convene.db.selectFrom("auditEntries").select("action").where("action", "like", "sign_in%").execute()).map((r) => r.action);
    const before = await signIns();
    const first = await signInResponse(convene.app, me.email);
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({ twoFactorRedirect: true });
    const pending = cookieFrom(first);
    // The password alone opens nothing.
    expect(await emailOf(pending)).toBeNull();

    const wrong = await call(convene.app, "POST", "/api/auth/two-factor/verify-totp", { cookie: pending, body: { code: "000000" } });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });

    const ok = await call(convene.app, "POST", "/api/auth/two-factor/verify-totp", {
      cookie: pending,
      body: { code: await codeFor(totpURI) },
    });
    expect(ok.status).toBe(200);
    expect(await emailOf(cookieFrom(ok))).toBe(me.email);
    // The password step is not yet a sign-in; the wrong code is a failure; the right one is the sign-in.
    expect((await signIns()).slice(before.length)).toEqual(["sign_in_failed", "sign_in"]);
    const setup = await convene.db.selectFrom("auditEntries").selectAll().where("action", "=", "two_factor").execute();
    expect(setup).toEqual([expect.objectContaining({ userId: me.id, entityId: me.id })]);
  });

  it("signs in with a backup code once, and not twice", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const { backupCodes } = await turnOn(me.cookie);
    const code = backupCodes[0]!;

    const pending = cookieFrom(await signInResponse(convene.app, me.email));
    const ok = await call(convene.app, "POST", "/api/auth/two-factor/verify-backup-code", { cookie: pending, body: { code } });
    expect(ok.status).toBe(200);
    expect(await emailOf(cookieFrom(ok))).toBe(me.email);

    const again = cookieFrom(await signInResponse(convene.app, me.email));
    const reused = await call(convene.app, "POST", "/api/auth/two-factor/verify-backup-code", { cookie: again, body: { code } });
    expect(reused.status).toBe(401);
  });

  it("is reset by the convenor (audited), after which the password alone signs in; nobody else may reset it", async () => {
    convene = await makeConvene();
    const convenor = await person(convene, "convenor");
    const me = await person(convene, "member");
    const other = await person(convene, "member");
    await turnOn(me.cookie);

    const refused = await call(convene.app, "POST", `/api/accounts/${me.id}/reset-two-factor`, { cookie: other.cookie });
    expect(refused.status).toBe(403);
    const missing = await call(convene.app, "POST", "/api/accounts/nobody/reset-two-factor", { cookie: convenor.cookie });
    expect(missing.status).toBe(404);
    const reset = await call(convene.app, "POST", `/api/accounts/${me.id}/reset-two-factor`, { cookie: convenor.cookie });
    expect(await json(reset)).toEqual({ twoFactor: false });

    const signedIn = await signInResponse(convene.app, me.email);
    expect(await json(signedIn)).not.toHaveProperty("twoFactorRedirect");
    expect(await emailOf(cookieFrom(signedIn))).toBe(me.email);
    const entry = await convene.db
      .selectFrom("auditEntries")
      .selectAll()
      .where("action", "=", "two_factor")
      .where("userId", "=", convenor.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity: "user", entityId: me.id });
    expect(JSON.parse(entry.before!)).toEqual({ twoFactor: "on" });

    // The person is told in their inbox, and an email waits in the outbox for when mail is set up.
    const inbox = await json(await call(convene.app, "GET", "/api/notifications", { cookie: cookieFrom(signedIn) }));
    expect(JSON.stringify(inbox)).toContain("Your two-factor sign-in was reset");
    const emails = await convene.db.selectFrom("outbox").select("payload").execute();
    expect(emails.filter((e) => e.payload.includes(me.email) && e.payload.includes("two-factor"))).toHaveLength(1);
  });
});

describe("passkeys", () => {
  it("lists a person's own passkeys only, and refuses to remove one that is not theirs", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const listed = await call(convene.app, "GET", "/api/auth/passkey/list-user-passkeys", { cookie: me.cookie });
    expect(listed.status).toBe(200);
    expect(await json(listed)).toEqual([]);
    const anonymous = await call(convene.app, "GET", "/api/auth/passkey/list-user-passkeys");
    expect(anonymous.status).toBe(401);
    const removed = await call(convene.app, "POST", "/api/auth/passkey/delete-passkey", {
      cookie: me.cookie,
      body: { id: "not-a-passkey" },
    });
    expect(removed.status).toBeGreaterThanOrEqual(400);
    expect(removed.status).toBeLessThan(500);
    expect((await json(removed)).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
