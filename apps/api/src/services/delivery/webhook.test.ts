/**
 * Webhooks through a real HTTP receiver on 127.0.0.1: it checks each request's signature as a
 * receiver would, and keeps the body to check its shape. Delivery runs only when a test calls
 * deliverDue(), so nothing waits on time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeConvene, ORIGIN, organisationIds, type Person, person } from "../../test-support.ts";
import { signatureHeader, timestampHeader, verifyWebhookSignature } from "./webhook-message.ts";
import { createDeliveryWorker } from "./worker.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Arrival {
  secretOk: boolean;
  event: string | undefined;
  body: any;
}

/** A receiver that checks signatures with `secret` and can be told to fail for a while. */
async function receiver(secret: string) {
  const arrivals: Arrival[] = [];
  const state = { failing: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const secretOk = verifyWebhookSignature(
        secret,
        {
          signature: req.headers[signatureHeader.toLowerCase()] as string,
          timestamp: req.headers[timestampHeader.toLowerCase()] as string,
        },
        raw,
        Math.floor(Date.now() / 1000),
      );
      arrivals.push({ secretOk, event: req.headers["x-convene-event"] as string | undefined, body: JSON.parse(raw) });
      res.writeHead(state.failing ? 503 : 200, { "content-type": "text/plain" }).end(state.failing ? "down for maintenance" : "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return { url, arrivals, state };
}

async function convene(options: Parameters<typeof makeConvene>[0] = {}) {
  const c = await makeConvene(options);
  cleanups.push(c.close);
  return c;
}

const SECRET = "a-shared-secret-for-tests-0123456789";

async function addHook(c: Convene, convenor: Person, fields: Record<string, unknown>) {
  const res = await call(c.app, "POST", "/api/webhooks", {
    cookie: convenor.cookie,
    body: { name: "Hook", format: "plain", events: ["alert_raised"], visibility: "members", secret: SECRET, ...fields },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)) as { webhook: { id: number; version: number }; secret: string };
}

async function raise(c: Convene, by: Person, fields: Record<string, unknown> = {}) {
  const res = await call(c.app, "POST", "/api/alerts", {
    cookie: by.cookie,
    body: {
      title: "Mass arrests reported",
      situation: "Country X",
      urgency: "critical",
      ask: "Sign a joint statement",
      deadline: addDays(new Date(), 3).toISOString(),
      visibility: "members",
      ...fields,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).alert as { id: number };
}

async function setup() {
  const c = await convene();
  const orgs = await organisationIds(c);
  const [convenor, member] = await Promise.all([person(c, "convenor"), person(c, "member", orgs[0])]);
  return { c, convenor, member };
}

describe("webhooks", () => {
  it("sends a signed body shaped for each kind of receiver", async () => {
    const { c, convenor, member } = await setup();
    const hooks = await receiver(SECRET);
    for (const format of ["plain", "slack", "teams", "matrix"])
      await addHook(c, convenor, { name: format, format, url: `${hooks.url}?${format}` });
    const alert = await raise(c, member);
    expect(await c.delivery.deliverDue()).toEqual({ sent: 4, failed: 0, cancelled: 0 });
    expect(hooks.arrivals).toHaveLength(4);
    expect(hooks.arrivals.every((a) => a.secretOk && a.event === "alert_raised")).toBe(true);
    const link = `${ORIGIN}/alerts/${alert.id}`;
    const bodies = hooks.arrivals.map((a) => a.body);
    const plain = bodies.find((b) => b.kind);
    expect(plain).toMatchObject({
      kind: "alert_raised",
      visibility: "members",
      title: "New alert: Mass arrests reported",
      record: { entity: "alert", id: alert.id, url: link },
    });
    const slack = bodies.find((b) => typeof b.text === "string" && b.text.startsWith("*"));
    expect(slack.text).toBe(`*New alert: Mass arrests reported*\n${plain.summary}\n<${link}|Open it in Convene>`);
    const teams = bodies.find((b) => b.type === "message");
    expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0].content.type).toBe("AdaptiveCard");
    expect(teams.attachments[0].content.actions[0]).toEqual({ type: "Action.OpenUrl", title: "Open it in Convene", url: link });
    const matrix = bodies.find((b) => b.html);
    expect(matrix.text).toContain(link);
    expect(matrix.html).toContain("<strong>New alert: Mass arrests reported</strong>");
  });

  it("never tells a hook of more than its visibility allows", async () => {
    const { c, convenor, member } = await setup();
    const hooks = await receiver(SECRET);
    await addHook(c, convenor, { url: hooks.url, visibility: "public" });
    await raise(c, member, { visibility: "members", title: "Members only" });
    await raise(c, member, { visibility: "public", title: "For everyone" });
    expect((await c.delivery.deliverDue()).sent).toBe(1);
    expect(hooks.arrivals.map((a) => a.body.title)).toEqual(["New alert: For everyone"]);
  });

  it("hears only the events it chose, and nothing while disabled", async () => {
    const { c, convenor, member } = await setup();
    const hooks = await receiver(SECRET);
    const { webhook } = await addHook(c, convenor, { url: hooks.url, events: ["alert_answered"] });
    await raise(c, member);
    const off = await call(c.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      cookie: convenor.cookie,
      body: { version: webhook.version, events: ["alert_raised"], enabled: false },
    });
    expect(off.status).toBe(200);
    await raise(c, member);
    expect((await c.delivery.deliverDue()).sent).toBe(0);
    expect(hooks.arrivals).toHaveLength(0);
  });

  it("retries a failing receiver with backoff, showing its last error to the convenor", async () => {
    const { c, convenor, member } = await setup();
    const hooks = await receiver(SECRET);
    const { webhook } = await addHook(c, convenor, { url: hooks.url });
    hooks.state.failing = true;
    await raise(c, member);
    const now = new Date();
    expect(await c.delivery.deliverDue(now)).toEqual({ sent: 0, failed: 1, cancelled: 0 });
    const listed = await json(await call(c.app, "GET", "/api/webhooks", { cookie: convenor.cookie }));
    expect(listed.webhooks[0].lastError).toBe("The hook answered 503 Service Unavailable: down for maintenance");
    // Not again before its backoff has passed.
    expect((await c.delivery.deliverDue(now)).sent).toBe(0);
    hooks.state.failing = false;
    expect((await c.delivery.deliverDue(new Date(now.getTime() + 61_000))).sent).toBe(1);
    expect(hooks.arrivals).toHaveLength(2);
    const again = await json(await call(c.app, "GET", `/api/webhooks/${webhook.id}`, { cookie: convenor.cookie }));
    expect(again.webhook.lastError).toBeNull();
    expect(again.webhook.lastDeliveredAt).not.toBeNull();
  });

  it("refuses a bad address when saved, and never answers the secret after it was made", async () => {
    const { c, convenor, member } = await setup();
    const bad = async (url: string) => {
      const res = await call(c.app, "POST", "/api/webhooks", {
        cookie: convenor.cookie,
        body: { name: "Bad", url, format: "slack", events: ["alert_raised"] },
      });
      expect(res.status).toBe(400);
      return (await json(res)).error.details.fields[0].message as string;
    };
    expect(await bad("ftp://example.org/hook")).toBe("The hook's address must start https:// (or http:// for localhost)");
    expect(await bad("http://hooks.example.org/x")).toBe(
      "The hook's address must start https://; plain http:// is allowed only for localhost, 127.0.0.1 or [::1]",
    );
    expect(await bad("not a url")).toBe("Enter the hook's full address, starting https://");

    const made = await call(c.app, "POST", "/api/webhooks", {
      cookie: convenor.cookie,
      body: { name: "Slack", url: "https://hooks.slack.com/services/T/B/X", format: "slack", events: ["alert_raised"] },
    });
    const { secret, webhook } = await json(made);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const text = await (await call(c.app, "GET", "/api/webhooks", { cookie: convenor.cookie })).text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain("secret");
    const audit = await c.db.selectFrom("auditEntries").select(["before", "after"]).where("entity", "=", "webhook").execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect((await call(c.app, "GET", "/api/webhooks", { cookie: member.cookie })).status).toBe(403);
    expect((await call(c.app, "GET", `/api/webhooks/${webhook.id}`, { cookie: member.cookie })).status).toBe(403);
  });

  it("sends a test event at once, and a failing one shows its error", async () => {
    const { c, convenor } = await setup();
    const hooks = await receiver(SECRET);
    const { webhook } = await addHook(c, convenor, { url: hooks.url, format: "slack" });
    const res = await call(c.app, "POST", `/api/webhooks/${webhook.id}/test`, { cookie: convenor.cookie });
    expect(await json(res)).toMatchObject({ ok: true, error: null });
    expect(hooks.arrivals[0]).toMatchObject({ secretOk: true, event: "test" });
    hooks.state.failing = true;
    const failed = await json(await call(c.app, "POST", `/api/webhooks/${webhook.id}/test`, { cookie: convenor.cookie }));
    expect(failed).toMatchObject({ ok: false, error: "The hook answered 503 Service Unavailable: down for maintenance" });
    expect(failed.webhook.lastError).toBe(failed.error);
  });

  it("cancels deliveries of a deleted hook, and restores it", async () => {
    const { c, convenor, member } = await setup();
    const hooks = await receiver(SECRET);
    const { webhook } = await addHook(c, convenor, { url: hooks.url });
    await raise(c, member);
    expect((await call(c.app, "DELETE", `/api/webhooks/${webhook.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect(await c.delivery.deliverDue()).toEqual({ sent: 0, failed: 0, cancelled: 1 });
    expect((await json(await call(c.app, "GET", "/api/webhooks", { cookie: convenor.cookie }))).webhooks).toHaveLength(0);
    const back = await call(c.app, "POST", `/api/webhooks/${webhook.id}/restore`, { cookie: convenor.cookie });
    expect((await json(back)).webhook.id).toBe(webhook.id);
  });

  it(`delivers each event once when two instances' workers claim at once (${testEngine})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "convene-hooks-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const location = await freshTestDatabase(dir);
    const c = await convene({ databasePath: location });
    const orgs = await organisationIds(c);
    const [convenor, member] = await Promise.all([person(c, "convenor"), person(c, "member", orgs[0])]);
    const hooks = await receiver(SECRET);
    await addHook(c, convenor, { url: hooks.url });
    for (let i = 0; i < 6; i += 1) await raise(c, member, { title: `Alert ${i}` });
    const second = await openDatabase(location);
    cleanups.push(second.close);
    const a = createDeliveryWorker({ db: c.db, publicUrl: ORIGIN, batchSize: 2 });
    const b = createDeliveryWorker({ db: second.db, publicUrl: ORIGIN, batchSize: 2 });
    const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
    expect(ra.sent + rb.sent).toBe(6);
    expect(new Set(hooks.arrivals.map((x) => x.body.title)).size).toBe(6);
    expect(hooks.arrivals).toHaveLength(6);
  });
});
