/**
 * Several API instances on one PostgreSQL database (npm run test:postgres): two servers on their
 * own ports, one database, and a client that does not care which one answers.
 */
import { request } from "node:http";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConvene } from "./server.ts";
import { createAccount } from "./services/accounts.ts";
import { type Instance, startInstance as start, stopInstance } from "./test-instance.ts";

const SECRET = "one secret shared by every instance, 32+ chars";
const PASSWORD = "correct horse battery";
const PUBLIC_URL = "http://localhost:8787";
const startInstance = (database: string) => start(database, { AUTH_SECRET: SECRET, PUBLIC_URL });

describe.runIf(testEngine === "postgres")("two API processes on one PostgreSQL database", () => {
  const instances: Instance[] = [];
  const origin = PUBLIC_URL;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const database = await freshTestDatabase();
    // The people, made here with the servers' own password hashing (scrypt).
    const setup = await createConvene({ databasePath: database, secret: SECRET, publicUrl: PUBLIC_URL });
    try {
      for (const [email, role] of [
        ["convenor@example.org", "convenor"],
        ["limited@example.org", "observer"],
        ["disabled@example.org", "observer"],
        ["new-password@example.org", "observer"],
      ] as const)
        ids[email] = (
          await createAccount(setup.auth, setup.db, { email, name: email, password: PASSWORD, role, organisationId: null }, null)
        ).id;
      // The servers enforce two-factor for the convenor (main.ts has no way to turn it off): a
      // passkey row, as the passkey plugin writes one, lets the password sign-in below through.
      const ctx = await setup.auth.$context;
      await ctx.adapter.create({
        model: "passkey",
        data: {
          name: "Test key",
          publicKey: "not-a-real-key",
          userId: ids["convenor@example.org"],
          credentialID: "test-credential",
          counter: 0,
          deviceType: "singleDevice",
          backedUp: false,
          createdAt: new Date(),
        },
      });
    } finally {
      await setup.close();
    }
    instances.push(...(await Promise.all([startInstance(database), startInstance(database)])));
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances) await stopInstance(instance);
  });

  const send = (i: number, method: string, path: string, o: { cookie?: string; body?: unknown } = {}) =>
    fetch(`${instances[i]!.url}${path}`, {
      method,
      headers: {
        origin,
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });

  const signIn = (i: number, email: string, password: string) => send(i, "POST", "/api/auth/sign-in/email", { body: { email, password } });

  let cookie = "";

  it("accepts on one instance the session made through the other", async () => {
    const res = await signIn(0, "convenor@example.org", PASSWORD);
    expect(res.status).toBe(200);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const me = await send(1, "GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe("convenor@example.org");
  });

  it("gives the same answer whichever instance serves the request", async () => {
    const created = await send(0, "POST", "/api/cycles", {
      cookie,
      body: { name: "Written through the first", workshopDate: "2027-01-10", agmDate: "2027-12-10" },
    });
    expect(created.status).toBe(201);
    for (const path of ["/api/cycles", "/api/organisations", "/api/themes", "/api/goals", "/api/me"]) {
      const [a, b] = await Promise.all([send(0, "GET", path, { cookie }), send(1, "GET", path, { cookie })]);
      expect(a.status, path).toBe(200);
      expect(await b.text(), path).toBe(await a.text());
    }
    const cycles = (await (await send(1, "GET", "/api/cycles", { cookie })).json()) as { cycles: { name: string }[] };
    expect(cycles.cycles.map((c) => c.name)).toContain("Written through the first");
  });

  it("ends the session everywhere when it is signed out through either", async () => {
    expect((await send(1, "POST", "/api/auth/sign-out", { cookie, body: {} })).status).toBe(200);
    expect(((await (await send(0, "GET", "/api/me", { cookie })).json()) as { user: unknown }).user).toBeNull();
  });

  /**
   * Signs in from another loopback address (all of 127/8 is this machine): Better Auth limits
   * sign-in per client address, and the limit test below counts the attempts from 127.0.0.1.
   */
  const signInFrom = (i: number, email: string, localAddress: string) =>
    new Promise<string>((done, fail) => {
      const body = JSON.stringify({ email, password: PASSWORD });
      const req = request(
        `${instances[i]!.url}/api/auth/sign-in/email`,
        {
          method: "POST",
          localAddress,
          headers: { origin, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          if (res.statusCode !== 200) fail(new Error(`sign-in of ${email} answered ${res.statusCode}`));
          else done((res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; "));
        },
      );
      req.on("error", fail);
      req.end(body);
    });
  const whoIs = async (i: number, cookie: string) =>
    ((await (await send(i, "GET", "/api/me", { cookie })).json()) as { user: unknown }).user;

  it("refuses at once, on one instance, an account disabled through the other", async () => {
    const convenor = await signInFrom(1, "convenor@example.org", "127.0.0.2");
    const disabled = await signInFrom(0, "disabled@example.org", "127.0.0.2");
    expect(await whoIs(0, disabled)).not.toBeNull();
    expect((await send(1, "POST", `/api/accounts/${ids["disabled@example.org"]}/disable`, { cookie: convenor, body: {} })).status).toBe(
      200,
    );
    expect(await whoIs(0, disabled)).toBeNull();
  });

  it("refuses at once, on one instance, the other sessions of a password changed through the other", async () => {
    const here = await signInFrom(1, "new-password@example.org", "127.0.0.3");
    const elsewhere = await signInFrom(0, "new-password@example.org", "127.0.0.3");
    expect(await whoIs(0, elsewhere)).not.toBeNull();
    const changed = await send(1, "POST", "/api/auth/change-password", {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: "a different password", revokeOtherSessions: true },
    });
    expect(changed.status).toBe(200);
    expect(await whoIs(0, elsewhere)).toBeNull();
    expect(await whoIs(1, elsewhere)).toBeNull();
  });

  it("counts sign-in attempts made through both instances against one limit", async () => {
    // The limit is 5 a minute for one account from one address (sign-in-limit.ts), counted in the
    // shared database: five wrong passwords split between the two instances use it up.
    for (const i of [1, 0, 1, 0, 1]) expect((await signIn(i, "limited@example.org", "not the password")).status).toBe(401);
    // The next is refused whichever instance gets it, even with the right password.
    expect((await signIn(1, "limited@example.org", PASSWORD)).status).toBe(429);
    expect((await signIn(0, "limited@example.org", PASSWORD)).status).toBe(429);
  });
});
