import { afterEach, describe, expect, it } from "vitest";
import { parseTrustedProxies } from "./client-address.ts";
import { waitWords } from "./sign-in-limit.ts";
import { type Convene, call, fromAddress, json, makeConvene, ORIGIN, PASSWORD, person, signInResponse } from "./test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("the sign-in rate limit", () => {
  it("holds back one account from one address, not the room sharing that address", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 3, perAddressMax: 50 } });
    const [alice, bob] = [await person(convene, "member"), await person(convene, "member")];
    const wifi = fromAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signInResponse(convene.app, alice.email, "wrong password!", wifi)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    const locked = await signInResponse(convene.app, alice.email.toUpperCase(), PASSWORD, wifi);
    expect(locked.status).toBe(429);
    const wait = Number(locked.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const error = (await json(locked)).error;
    expect(error.code).toBe("rate_limited");
    expect(error.message).toBe(`Too many attempts to sign in to this account. Try again in ${waitWords(wait)}.`);
    expect(error.details).toEqual({ retryAfterSeconds: wait, scope: "account" });

    // Someone else in the same room signs in; the same account from another address does too.
    expect((await signInResponse(convene.app, bob.email, PASSWORD, wifi)).status).toBe(200);
    expect((await signInResponse(convene.app, alice.email, PASSWORD, fromAddress())).status).toBe(200);
  });

  it("holds back one address trying many accounts, with a looser limit", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 3, perAddressMax: 5 } });
    const wifi = fromAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signInResponse(convene.app, `guess${i}@example.org`, "wrong password!", wifi)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const res = await signInResponse(convene.app, "another@example.org", "wrong password!", wifi);
    expect(res.status).toBe(429);
    expect((await json(res)).error).toMatchObject({ details: { scope: "address" }, message: expect.stringMatching(/from this network/) });
    expect((await signInResponse(convene.app, "another@example.org", "wrong password!", fromAddress())).status).toBe(401);
  });

  it("says how long to wait in words", () => {
    expect(waitWords(1)).toBe("1 second");
    expect(waitWords(40)).toBe("40 seconds");
    expect(waitWords(60)).toBe("1 minute");
    expect(waitWords(61)).toBe("2 minutes");
  });
});

describe("signing in at the wrong address", () => {
  it("names the address Convene is set up for", async () => {
    convene = await makeConvene();
    const p = await person(convene, "member");
    const res = await call(convene.app, "POST", "/api/auth/sign-in/email", {
      body: { email: p.email, password: PASSWORD },
      headers: { origin: "http://127.0.0.1:8787" },
      env: fromAddress(),
    });
    expect(res.status).toBe(403);
    const error = (await json(res)).error;
    expect(error.message).toBe(
      `Convene is set up to be opened at ${ORIGIN}, not at http://127.0.0.1:8787, so signing in here cannot work. Open ${ORIGIN}/sign-in and sign in there.`,
    );
    expect(error.details).toEqual({ address: "http://127.0.0.1:8787", useAddress: ORIGIN, authCode: "INVALID_ORIGIN" });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("behind a trusted proxy (TRUST_PROXY), counts each client apart, and believes no header from anyone else", async () => {
    convene = await makeConvene({
      signInLimit: { window: 60, max: 2, perAddressMax: 50 },
      trustProxy: parseTrustedProxies("127.0.0.1"),
    });
    const alice = await person(convene, "member");
    const proxy = fromAddress("127.0.0.1");
    const viaProxy = (client: string, password = "wrong password!") =>
      call(convene!.app, "POST", "/api/auth/sign-in/email", {
        body: { email: alice.email, password },
        headers: { "x-forwarded-for": client },
        env: proxy,
      });
    expect([
      (await viaProxy("203.0.113.1")).status,
      (await viaProxy("203.0.113.1")).status,
      (await viaProxy("203.0.113.1")).status,
    ]).toEqual([401, 401, 429]);
    // Another client behind the same proxy has a count of its own, and its session records its own address.
    const signedIn = await viaProxy("203.0.113.2", PASSWORD);
    expect(signedIn.status).toBe(200);
    const ctx = await convene.auth.$context;
    const sessions = await ctx.internalAdapter.listSessions(alice.id);
    expect(sessions.map((s) => s.ipAddress)).toContain("203.0.113.2");

    // A client reaching Convene directly cannot pick a fresh count by sending the header itself.
    const direct = fromAddress();
    const forged = async (n: number) =>
      (
        await call(convene!.app, "POST", "/api/auth/sign-in/email", {
          body: { email: alice.email, password: "wrong password!" },
          headers: { "x-forwarded-for": `198.51.100.${n}` },
          env: direct,
        })
      ).status;
    expect([await forged(1), await forged(2), await forged(3)]).toEqual([401, 401, 429]);
  });
});
