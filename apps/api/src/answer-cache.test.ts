/**
 * Overview and compare answers cached per (cycle, level, dates) and checked against the database's
 * answers version: a second instance's write is seen at once, each level gets its own answer, and
 * ETag / If-None-Match answers 304. Also issue 9.7: the observer's view of a public goal completed
 * by a members-only update.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { freshTestDatabase } from "@convene/db/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { fastTestPasswordHasher } from "./auth.ts";
import { createConvene } from "./server.ts";
import { createAccount } from "./services/accounts.ts";
import { type App, type Convene, call, json, makeCycle, makeGoal, makeMeasure, ORIGIN, PASSWORD, signIn, world } from "./test-support.ts";

const opened: Convene[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Two instances on one database (a SQLite file, or one PostgreSQL database), each with its own cache. */
async function twoInstances() {
  const dir = mkdtempSync(join(tmpdir(), "convene-cache-"));
  dirs.push(dir);
  const databasePath = await freshTestDatabase(dir);
  const options = {
    databasePath,
    secret: "a test secret that is at least 32 characters long",
    publicUrl: ORIGIN,
    signInLimit: { window: 60, max: 1000 },
    passwordHasher: fastTestPasswordHasher,
    // As in test-support.ts (which says why): the convenor here signs in with a password alone.
    enforceTwoFactor: false,
  };
  const a = await createConvene(options);
  opened.push(a);
  const b = await createConvene(options);
  opened.push(b);
  const email = "convenor@example.org";
  await createAccount(a.auth, a.db, { email, name: "Convenor", password: PASSWORD, role: "convenor", organisationId: null }, null);
  // One session, good on both: they share the database and the secret.
  return { a: a.app, b: b.app, cookie: await signIn(a.app, email) };
}

async function overview(app: App, cookie: string, cycleId: number, headers: Record<string, string> = {}) {
  return call(app, "GET", `/api/cycles/${cycleId}/overview?asOf=2026-06-01`, { cookie, headers });
}

describe("cached overview and compare answers", () => {
  it("answers the same bytes with an ETag, 304 when the client has them, and sees another instance's write at once", async () => {
    const { a, b, cookie } = await twoInstances();
    const cycle = await makeCycle(a, cookie);
    const goal = await makeGoal(a, cookie, { cycleId: cycle.id, visibility: "public" });
    const m = await makeMeasure(a, cookie, { goalId: goal.id, baseline: 0, target: 10 });

    const first = await overview(a, cookie, cycle.id);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("content-type")).toMatch(/application\/json/);
    const body = await first.text();
    const again = await overview(a, cookie, cycle.id);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe(body);
    const notModified = await overview(a, cookie, cycle.id, { "if-none-match": etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(await notModified.text()).toBe("");

    // A write through the other instance: instance A's cached answer is not served again.
    const posted = await call(b, "POST", "/api/updates", {
      cookie,
      body: { goalId: goal.id, values: [{ measureId: m.id, value: 5 }], visibility: "public" },
    });
    expect(posted.status).toBe(201);
    const after = await overview(a, cookie, cycle.id, { "if-none-match": etag! });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await json(after)).headline.progress).toBe(0.5);

    // Compare, likewise: cached, 304, and fresh after a rename of the cycle on the other instance.
    const url = `/api/cycles/${cycle.id}/compare?since=2026-01-10`;
    const c1 = await call(a, "GET", url, { cookie });
    expect(c1.status).toBe(200);
    const cTag = c1.headers.get("etag")!;
    expect((await call(a, "GET", url, { cookie, headers: { "if-none-match": cTag } })).status).toBe(304);
    const current = await json(await call(b, "GET", `/api/cycles/${cycle.id}`, { cookie }));
    const renamed = await call(b, "PATCH", `/api/cycles/${cycle.id}`, {
      cookie,
      body: { name: "Renamed cycle", version: current.cycle.version },
    });
    expect(renamed.status).toBe(200);
    const c2 = await call(a, "GET", url, { cookie, headers: { "if-none-match": cTag } });
    expect(c2.status).toBe(200);
    expect((await json(c2)).cycle.name).toBe("Renamed cycle");
  });

  it("keeps the gzipped bytes for clients that take gzip, and caches the goals page until another instance's write", async () => {
    const { a, b, cookie } = await twoInstances();
    const cycle = await makeCycle(a, cookie);
    for (let i = 0; i < 12; i++)
      await makeGoal(a, cookie, { cycleId: cycle.id, visibility: "public", title: `A goal with a long enough title ${i}` });
    const plain = await overview(a, cookie, cycle.id);
    const body = await plain.text();
    // Straight to the app: call() reads every answer as JSON, and this one is gzip on the wire.
    const zipped = await a.request(`/api/cycles/${cycle.id}/overview?asOf=2026-06-01`, {
      headers: { cookie, "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(body);

    const page = `/api/goals?cycleId=${cycle.id}&sort=title.asc`;
    const first = await json(await call(a, "GET", page, { cookie }));
    expect((await call(a, "GET", page, { cookie })).headers.get("etag")).toBeTruthy();
    const goal = first.goals[0];
    const patched = await call(b, "PATCH", `/api/goals/${goal.id}`, { cookie, body: { status: "at_risk", version: goal.version } });
    expect(patched.status).toBe(200);
    const after = await json(await call(a, "GET", page, { cookie }));
    expect(after.goals[0].status).toBe("at_risk");
  });

  it("keeps one answer per visibility level: an observer never gets the members' answer", async () => {
    const w = await world();
    try {
      const cycle = await makeCycle(w.app, w.convenor.cookie);
      const goal = await makeGoal(w.app, w.convenor.cookie, { cycleId: cycle.id, visibility: "public" });
      const m = await makeMeasure(w.app, w.convenor.cookie, { goalId: goal.id, baseline: 0, target: 10 });
      await call(w.app, "POST", "/api/updates", {
        cookie: w.convenor.cookie,
        body: { goalId: goal.id, values: [{ measureId: m.id, value: 10 }], visibility: "members" },
      });
      const asMember = await json(await overview(w.app, w.member.cookie, cycle.id));
      const asObserver = await json(await overview(w.app, w.observer.cookie, cycle.id));
      expect(asMember.headline.progress).toBe(1);
      expect(asObserver.headline.progress).toBe(0);
    } finally {
      await w.convene.close();
    }
  });
});

describe("public means public (issue 9.7)", () => {
  it("shows an observer a public goal completed by a members-only update at the public updates' progress, and says why", async () => {
    const w = await world();
    try {
      const cycle = await makeCycle(w.app, w.convenor.cookie);
      const goal = await makeGoal(w.app, w.convenor.cookie, { cycleId: cycle.id, visibility: "public", title: "Publish the report" });
      const m = await makeMeasure(w.app, w.convenor.cookie, { goalId: goal.id, kind: "milestone", name: "Report out", done: false });
      // The update that completes the goal, and marks it achieved, is for members only.
      const posted = await call(w.app, "POST", "/api/updates", {
        cookie: w.convenor.cookie,
        body: { goalId: goal.id, values: [{ measureId: m.id, value: 1 }], status: "achieved", visibility: "members" },
      });
      expect(posted.status).toBe(201);

      const observer = await json(await overview(w.app, w.observer.cookie, cycle.id));
      expect(observer.headline.progress).toBe(0);
      expect(observer.headline.progressBasis).toBe("Progress counts only the updates shared publicly.");
      expect(observer.headline.achievedShortOfFull).toBe(1);
      const member = await json(await overview(w.app, w.member.cookie, cycle.id));
      expect(member.headline.progress).toBe(1);
      expect(member.headline.achievedShortOfFull).toBe(0);

      // The observer's goal: achieved (the status is the goal's own, public field), at the public figure.
      const seen = await json(await call(w.app, "GET", `/api/goals/${goal.id}`, { cookie: w.observer.cookie }));
      expect(seen.goal.status).toBe("achieved");
      expect(seen.goal.progress).toBe(0);
      expect(seen.updates).toEqual([]);

      // The public page says so beside the goal.
      const on = await call(w.app, "PUT", "/api/data/settings/public-page", { cookie: w.convenor.cookie, body: { enabled: true } });
      expect(on.status).toBe(200);
      const page = await json(await call(w.app, "GET", "/api/public"));
      expect(page.progressBasis).toBe("Progress counts only the updates shared publicly.");
      const publicGoal = page.goals.find((g: { id: number }) => g.id === goal.id);
      expect(publicGoal.progress).toBe(0);
      expect(publicGoal.progressNote).toBe("Marked achieved. Its progress counts only the updates shared publicly, which show 0 %.");
    } finally {
      await w.convene.close();
    }
  });
});
