/**
 * Preferences, digests, quiet hours, rest periods and unsubscribe, over a real SMTP conversation
 * (test-smtp.ts). Time is the clock each test hands the worker, never waited for.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { addDays, defaultPreferences } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeConvene, ORIGIN, organisationIds, type Person, person } from "../../test-support.ts";
import { smtpMailer } from "./mailer.ts";
import { testSmtpServer } from "./test-smtp.ts";
import { unsubscribeKey } from "./unsubscribe.ts";
import { createDeliveryWorker } from "./worker.ts";

const FROM = "Convene <convene@example.org>";
const SECRET = "a test secret that is at least 32 characters long";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(databasePath?: string) {
  const server = await testSmtpServer();
  cleanups.push(server.close);
  const c = await makeConvene({ mail: { smtpUrl: server.url, from: FROM }, ...(databasePath ? { databasePath } : {}) });
  cleanups.push(c.close);
  const orgs = await organisationIds(c);
  const [convenor, raiser, colleague] = await Promise.all([
    person(c, "convenor"),
    person(c, "member", orgs[0]),
    person(c, "member", orgs[1]),
  ]);
  return { server, c, convenor, raiser, colleague };
}

/** The next 09:00 UTC after now: later than every row the test writes, and within a day of them. */
function nextNineUtc(): Date {
  const now = new Date();
  const nine = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  return nine.getTime() > now.getTime() ? nine : addDays(nine, 1);
}
const hoursAfter = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

async function prefer(c: Convene, who: Person, changes: Record<string, unknown>) {
  const current = await json(await call(c.app, "GET", "/api/notifications/preferences", { cookie: who.cookie }));
  const res = await call(c.app, "PUT", "/api/notifications/preferences", {
    cookie: who.cookie,
    body: { ...current.preferences, timeZone: "UTC", ...changes, version: current.version },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
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

const header = (mail: { headerLines: readonly { key: string; line: string }[] }, key: string) =>
  mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, "");

describe("the digest", () => {
  it("groups by kind, caps each at ten with how many more, links to the inbox, and goes once a period", async () => {
    const { server, c, raiser, colleague } = await setUp();
    await prefer(c, colleague, { digestFrequency: "daily" });
    for (let i = 1; i <= 12; i += 1) await raise(c, raiser, { urgency: "routine", title: `Routine worry ${i}` });
    // An urgent alert goes at once, and so is not repeated in the digest.
    await raise(c, raiser, { title: "Urgent worry" });
    const at = nextNineUtc();
    await c.delivery.deliverDue(at);
    expect(server.received.filter((r) => r.to[0] === colleague.email).map((r) => r.mail.subject)).toEqual(["New alert: Urgent worry"]);

    expect(await c.delivery.makeDigests(at)).toBeGreaterThanOrEqual(1);
    await c.delivery.deliverDue(at);
    const digests = server.received.filter((r) => r.to[0] === colleague.email && r.mail.subject?.includes("digest"));
    expect(digests).toHaveLength(1);
    const mail = digests[0]!.mail;
    expect(mail.subject).toBe("Your daily Convene digest: 12 things for you");
    expect(mail.text).toContain("Alert raised (12)");
    expect(mail.text).toContain("New alert: Routine worry 12");
    expect(mail.text).not.toContain("New alert: Routine worry 2\n");
    expect(mail.text).toContain("- and 2 more");
    expect(mail.text).not.toContain("Urgent worry");
    expect(mail.text).toContain(`See everything in your inbox: ${ORIGIN}/inbox`);
    expect(mail.html).toContain(`href="${ORIGIN}/inbox"`);
    expect(mail.html).toContain("<li>and 2 more</li>");
    expect(header(mail, "list-unsubscribe")).toMatch(new RegExp(`^<${ORIGIN}/api/unsubscribe/[^>]+>$`));
    expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");

    // The same period again, or later that day: nothing more.
    expect(await c.delivery.makeDigests(at)).toBe(0);
    expect(await c.delivery.makeDigests(hoursAfter(at, 5))).toBe(0);
    // The next day's digest covers only what came since: nothing new, so no email.
    expect(await c.delivery.makeDigests(hoursAfter(at, 24))).toBe(0);
    await c.delivery.deliverDue(hoursAfter(at, 24));
    expect(server.received.filter((r) => r.to[0] === colleague.email && r.mail.subject?.includes("digest"))).toHaveLength(1);
  });

  it("is checked again when it is sent: what the person may no longer see, or has read, is left out", async () => {
    const { server, c, raiser, colleague } = await setUp();
    await prefer(c, colleague, { digestFrequency: "daily" });
    const hidden = await raise(c, raiser, { urgency: "routine", title: "Soon to be convenor-only" });
    const read = await raise(c, raiser, { urgency: "routine", title: "Read in the dashboard" });
    await raise(c, raiser, { urgency: "routine", title: "Still for everyone" });
    const at = nextNineUtc();
    expect(await c.delivery.makeDigests(at)).toBeGreaterThanOrEqual(1);
    // Between the digest being made and sent (a mail server down, say): one alert is narrowed,
    // one is read in the inbox.
    await c.db.updateTable("alerts").set({ visibility: "convenor" }).where("id", "=", hidden.id).execute();
    await c.db
      .updateTable("notifications")
      .set({ readAt: at.toISOString() })
      .where("userId", "=", colleague.id)
      .where("entity", "=", "alert")
      .where("entityId", "=", read.id)
      .execute();
    await c.delivery.deliverDue(at);
    const digests = server.received.filter((r) => r.to[0] === colleague.email && r.mail.subject?.includes("digest"));
    expect(digests.map((d) => d.mail.subject)).toEqual(["Your daily Convene digest: 1 thing for you"]);
    const mail = digests[0]!.mail;
    expect(mail.text).toContain("Still for everyone");
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain("Soon to be convenor-only");
      expect(part).not.toContain("Read in the dashboard");
    }
  });

  it("is not sent when nothing in it may still be seen, nor to an account disabled since", async () => {
    const { server, c, raiser, colleague, convenor } = await setUp();
    // A second convenor still sees the narrowed alert, but their account is disabled meanwhile.
    const leaving = await person(c, "convenor");
    await prefer(c, colleague, { digestFrequency: "daily" });
    await prefer(c, leaving, { digestFrequency: "daily" });
    const alert = await raise(c, raiser, { urgency: "routine", title: "Narrowed before sending" });
    const at = nextNineUtc();
    expect(await c.delivery.makeDigests(at)).toBeGreaterThanOrEqual(2);
    await c.db.updateTable("alerts").set({ visibility: "convenor" }).where("id", "=", alert.id).execute();
    const disabled = await call(c.app, "POST", `/api/accounts/${leaving.id}/disable`, { cookie: convenor.cookie });
    expect(disabled.status).toBe(200);
    await c.delivery.deliverDue(at);
    const digestsTo = server.received.filter((r) => r.mail.subject?.includes("digest")).map((r) => r.to[0]);
    expect(digestsTo).not.toContain(colleague.email);
    expect(digestsTo).not.toContain(leaving.email);
    const reasons = await c.db.selectFrom("outbox").select("lastError").where("cancelledAt", "is not", null).execute();
    expect(reasons.map((r) => r.lastError)).toEqual([
      "Nothing in the digest is still unread and visible to its recipient.",
      "Nothing in the digest is still unread and visible to its recipient.",
    ]);
  });

  it(`is made once per person per period by two workers on two connections (${testEngine})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "convene-digest-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const location = await freshTestDatabase(dir);
    const { server, c, raiser, colleague, convenor } = await setUp(location);
    await prefer(c, colleague, { digestFrequency: "daily" });
    await prefer(c, convenor, { digestFrequency: "daily" });
    await raise(c, raiser, { urgency: "routine" });
    const second = await openDatabase(location);
    cleanups.push(second.close);
    const mail = { smtpUrl: server.url, from: FROM };
    const key = unsubscribeKey(SECRET);
    const a = createDeliveryWorker({ db: c.db, mailer: smtpMailer(mail), publicUrl: ORIGIN, unsubscribeKey: key });
    const b = createDeliveryWorker({ db: second.db, mailer: smtpMailer(mail), publicUrl: ORIGIN, unsubscribeKey: key });
    cleanups.push(a.stop, b.stop);
    const at = nextNineUtc();
    // Two SQLite connections in one process cannot hold overlapping transactions (better-sqlite3
    // waits for the lock on the one thread that would release it), so there they take turns; on
    // PostgreSQL, where several instances really share a database, they race.
    const [ma, mb] =
      testEngine === "postgres"
        ? await Promise.all([a.makeDigests(at), b.makeDigests(at)])
        : [await a.makeDigests(at), await b.makeDigests(at)];
    expect(ma + mb).toBe(2);
    await Promise.all([a.deliverDue(at), b.deliverDue(at)]);
    expect(server.recipients()).toEqual([colleague.email, convenor.email].sort());
  });
});

describe("quiet hours", () => {
  it("hold an email back until they end, and let an urgent alert through only when allowed", async () => {
    const { server, c, raiser, colleague, convenor } = await setUp();
    const at = nextNineUtc();
    await prefer(c, colleague, { quietFrom: "08:00", quietTo: "10:00" });
    await prefer(c, convenor, { quietFrom: "08:00", quietTo: "10:00", urgentBreaksQuiet: true });
    await raise(c, raiser);
    await c.delivery.deliverDue(at);
    expect(server.recipients()).toEqual([convenor.email]);
    const held = await c.db.selectFrom("outbox").selectAll().where("sentAt", "is", null).execute();
    expect(held).toHaveLength(1);
    expect(held[0]!.nextAttemptAt).toBe(hoursAfter(at, 1).toISOString());
    expect(held[0]!.attempts).toBe(0);
    // Not a failure: the convenor's delivery view shows nothing failing.
    const status = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: convenor.cookie }));
    expect(status.failingCount).toBe(0);
    await c.delivery.deliverDue(hoursAfter(at, 0.5));
    expect(server.received).toHaveLength(1);
    await c.delivery.deliverDue(hoursAfter(at, 1));
    expect(server.recipients()).toEqual([colleague.email, convenor.email].sort());
  });

  it("put a digest off until they end", async () => {
    const { server, c, raiser, colleague } = await setUp();
    const at = nextNineUtc();
    await prefer(c, colleague, { digestFrequency: "daily", quietFrom: "08:00", quietTo: "10:00" });
    await raise(c, raiser, { urgency: "routine" });
    // Raised 23.5 hours before the digest was due, so 24.5 hours before quiet hours let it be made:
    // a first digest must still carry it (it once looked back exactly a day from when it was made).
    await c.db
      .updateTable("notifications")
      .set({ createdAt: hoursAfter(at, -23.5).toISOString() })
      .execute();
    await c.delivery.makeDigests(at);
    await c.delivery.deliverDue(at);
    expect(server.recipients()).not.toContain(colleague.email);
    await c.delivery.makeDigests(hoursAfter(at, 1));
    await c.delivery.deliverDue(hoursAfter(at, 1));
    expect(server.recipients()).toContain(colleague.email);
    expect(server.received.find((r) => r.to[0] === colleague.email)?.mail.text).toContain("Mass arrests reported");
  });
});

describe("a rest period", () => {
  it("holds everything but urgent alerts by email, while the inbox still fills", async () => {
    const { server, c, raiser, colleague, convenor } = await setUp();
    const at = nextNineUtc();
    await prefer(c, colleague, { kinds: { ...defaultPreferences().kinds, alert_raised: "instant" }, digestFrequency: "daily" });
    const res = await call(c.app, "POST", "/api/notifications/rest-periods", {
      cookie: convenor.cookie,
      body: { startsAt: hoursAfter(at, -24).toISOString(), endsAt: hoursAfter(at, 24).toISOString(), reason: "The group's annual rest" },
    });
    expect(res.status).toBe(201);
    await raise(c, raiser, { urgency: "routine", title: "A routine worry" });
    await raise(c, raiser, { title: "An urgent worry" });
    expect(await c.delivery.makeDigests(at)).toBe(0);
    await c.delivery.deliverDue(at);
    const toColleague = () => server.received.filter((r) => r.to[0] === colleague.email).map((r) => r.mail.subject);
    expect(toColleague()).toEqual(["New alert: An urgent worry"]);
    const inbox = await json(await call(c.app, "GET", "/api/notifications", { cookie: colleague.cookie }));
    expect(inbox.total).toBe(2);
    await c.delivery.deliverDue(hoursAfter(at, 24));
    expect(toColleague()).toEqual(["New alert: An urgent worry", "New alert: A routine worry"]);
  });

  it("is the convenor's to declare and end, with its dates checked", async () => {
    const { c, colleague, convenor } = await setUp();
    const body = { startsAt: new Date().toISOString(), endsAt: addDays(new Date(), 7).toISOString(), reason: "Rest" };
    expect((await call(c.app, "POST", "/api/notifications/rest-periods", { cookie: colleague.cookie, body })).status).toBe(403);
    const bad = await call(c.app, "POST", "/api/notifications/rest-periods", {
      cookie: convenor.cookie,
      body: { ...body, endsAt: addDays(new Date(), -1).toISOString() },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toContain("The end must be after the start");
    const made = (await json(await call(c.app, "POST", "/api/notifications/rest-periods", { cookie: convenor.cookie, body }))).restPeriod;
    const listed = await json(await call(c.app, "GET", "/api/notifications/rest-periods", { cookie: colleague.cookie }));
    expect(listed.current.map((r: { id: number }) => r.id)).toEqual([made.id]);
    const ended = await call(c.app, "POST", `/api/notifications/rest-periods/${made.id}/end`, { cookie: convenor.cookie });
    expect(ended.status).toBe(200);
    expect((await call(c.app, "POST", `/api/notifications/rest-periods/${made.id}/end`, { cookie: convenor.cookie })).status).toBe(409);
    expect((await call(c.app, "POST", "/api/notifications/rest-periods/999/end", { cookie: convenor.cookie })).status).toBe(404);
  });
});

describe("unsubscribe", () => {
  it("one-click POST turns off only that person's email for that kind, and a GET only asks", async () => {
    const { server, c, raiser, colleague, convenor } = await setUp();
    await raise(c, raiser);
    await c.delivery.deliverDue();
    const mail = server.received.find((r) => r.to[0] === colleague.email)!.mail;
    const link = header(mail, "list-unsubscribe")!.slice(1, -1);
    expect(mail.text).toContain(`To stop emails about “alert raised”: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);
    const path = new URL(link).pathname;

    const page = await c.app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop these emails?");
    const before = await json(await call(c.app, "GET", "/api/notifications/preferences", { cookie: colleague.cookie }));
    expect(before.preferences.kinds.alert_raised).toBe("digest");

    // As a mail provider sends it: a form body, no Origin, no cookie.
    const res = await c.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unsubscribed: ["alert_raised"] });
    const after = await json(await call(c.app, "GET", "/api/notifications/preferences", { cookie: colleague.cookie }));
    expect(after.preferences).toEqual({ ...before.preferences, kinds: { ...before.preferences.kinds, alert_raised: "off" } });
    const others = await json(await call(c.app, "GET", "/api/notifications/preferences", { cookie: convenor.cookie }));
    expect(others.preferences.kinds.alert_raised).toBe("digest");

    server.received.length = 0;
    await raise(c, raiser, { title: "A second worry" });
    await c.delivery.deliverDue();
    expect(server.recipients()).toEqual([convenor.email]);
    const inbox = await json(await call(c.app, "GET", "/api/notifications", { cookie: colleague.cookie }));
    expect(inbox.total).toBe(2);
  });

  it("refuses a link that was not signed by this server", async () => {
    const { c } = await setUp();
    const forged = `${Buffer.from(JSON.stringify(["someone", "alert_raised"])).toString("base64url")}.bad`;
    expect((await c.app.request(`/api/unsubscribe/${forged}`)).status).toBe(404);
    const res = await c.app.request(`/api/unsubscribe/${forged}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(res.status).toBe(404);
  });
});

describe("preferences", () => {
  it("are checked in plain words, saved with a version, and say whether email is on", async () => {
    const { c, colleague } = await setUp();
    const current = await json(await call(c.app, "GET", "/api/notifications/preferences", { cookie: colleague.cookie }));
    expect(current).toMatchObject({ version: 0, email: { on: true }, restPeriods: [] });
    expect(current.preferences.digestFrequency).toBe("weekly");
    const bad = await call(c.app, "PUT", "/api/notifications/preferences", {
      cookie: colleague.cookie,
      body: { ...current.preferences, timeZone: "Mars/Olympus", quietFrom: "22:00", quietTo: null, version: 0 },
    });
    expect(bad.status).toBe(400);
    const fields = (await json(bad)).error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["timeZone"]));
    const saved = await prefer(c, colleague, { digestFrequency: "daily" });
    expect(saved.version).toBe(1);
    const stale = await call(c.app, "PUT", "/api/notifications/preferences", {
      cookie: colleague.cookie,
      body: { ...current.preferences, version: 0 },
    });
    expect(stale.status).toBe(409);
    const off = await makeConvene();
    cleanups.push(off.close);
    const someone = await person(off, "member", (await organisationIds(off))[0]);
    const status = await json(await call(off.app, "GET", "/api/notifications/preferences", { cookie: someone.cookie }));
    expect(status.email.on).toBe(false);
  });
});
