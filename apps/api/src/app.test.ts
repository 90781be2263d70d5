import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, fromAddress, json, makeConvene, ORIGIN, PASSWORD, person, signInResponse, world } from "./test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("the HTTP surface", () => {
  it("answers the health check without sign-in", async () => {
    convene = await makeConvene();
    const res = await convene.app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("sends security headers: a CSP with no inline script, nosniff, a referrer policy, no framing", async () => {
    convene = await makeConvene();
    const res = await convene.app.request("/api/health");
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuses a form-encoded POST from another site (CSRF)", async () => {
    const w = await world();
    convene = w.convene;
    const res = await w.app.request("/api/themes", {
      method: "POST",
      headers: { origin: "https://evil.example", cookie: w.convenor.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "name=Hijacked",
    });
    expect(res.status).toBe(403);
    expect(await w.convene.db.selectFrom("themes").select("id").where("name", "=", "Hijacked").executeTakeFirst()).toBeUndefined();
  });

  it("refuses a form-encoded cross-site POST to sign-in too", async () => {
    convene = await makeConvene();
    const p = await person(convene, "member");
    const res = await convene.app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: `email=${encodeURIComponent(p.email)}&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("answers malformed JSON with a 400 JSON error, not a 500", async () => {
    const w = await world();
    convene = w.convene;
    const res = await w.app.request("/api/themes", {
      method: "POST",
      headers: { origin: ORIGIN, cookie: w.convenor.cookie, "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBeTypeOf("string");
    expect(body.error.message).toBeTypeOf("string");
  });

  it("gzips a JSON answer when the client accepts it, and not otherwise", async () => {
    const w = await world();
    convene = w.convene;
    const zipped = await call(w.app, "GET", "/api/organisations", {
      cookie: w.member.cookie,
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
    const body = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8"));
    expect(body.organisations.length).toBeGreaterThan(10);
    const plain = await call(w.app, "GET", "/api/organisations", { cookie: w.member.cookie });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(body);
  });

  it("answers an unknown API route with a 404 JSON error", async () => {
    convene = await makeConvene();
    const res = await convene.app.request("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });

  it("describes the API at /api/openapi.json", async () => {
    convene = await makeConvene();
    const res = await convene.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/goals",
      "/goals/{id}",
      "/cycles",
      "/measures",
      "/updates",
      "/themes",
      "/organisations",
      "/accounts/invitations",
      "/audit",
      "/me",
    ]) {
      expect(paths).toContain(p);
    }
    for (const p of ["/health", "/me", "/cycles", "/themes", "/organisations", "/accounts"]) expect(doc.paths[p]?.get, p).toBeDefined();
  });

  it("serves a readable API reference at /api/docs without inline script", async () => {
    convene = await makeConvene();
    const res = await convene.app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("swagger-ui");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect((await convene.app.request("/api/docs/init.js")).status).toBe(200);
    expect((await convene.app.request("/api/docs/swagger-ui.css")).status).toBe(200);
  });
});

describe("signing in", () => {
  it("gives a session cookie that is HttpOnly and SameSite", async () => {
    convene = await makeConvene();
    const p = await person(convene, "member");
    const res = await signInResponse(convene.app, p.email);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password with 401", async () => {
    convene = await makeConvene();
    const p = await person(convene, "member");
    expect((await signInResponse(convene.app, p.email, "not the password")).status).toBe(401);
  });

  it("is rate limited per account and client address", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 3 } });
    const p = await person(convene, "member"); // signs in once
    const statuses: number[] = [];
    const client = fromAddress();
    for (let i = 0; i < 5; i++) statuses.push((await signInResponse(convene.app, p.email, "wrong password!", client)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Even the right password waits out the window.
    expect((await signInResponse(convene.app, p.email, PASSWORD, client)).status).toBe(429);
    // Another address is not held back by the first one's attempts.
    expect((await signInResponse(convene.app, p.email, undefined, fromAddress())).status).toBe(200);
  });

  it("ignores a client-supplied address header when rate limiting", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 2 } });
    const p = await person(convene, "member");
    const statuses: number[] = [];
    const client = fromAddress();
    for (let i = 0; i < 3; i++) {
      const res = await call(convene.app, "POST", "/api/auth/sign-in/email", {
        body: { email: p.email, password: "wrong password!" },
        headers: { "x-convene-client-ip": `203.0.113.${i}` },
        env: client,
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it("knows who is signed in at /api/me, and nobody without a cookie", async () => {
    const w = await world();
    convene = w.convene;
    const res = await call(w.app, "GET", "/api/me", { cookie: w.member.cookie });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.user).toMatchObject({ email: w.member.email, role: "member", organisationId: w.member.organisationId });
    expect(body.user.organisation.id).toBe(w.member.organisationId);
    expect(body.group.name).toBe("UK Civil Society Atrocity Prevention Working Group");
    const anon = await json(await call(w.app, "GET", "/api/me"));
    expect(anon.user).toBeNull();
  });
});
