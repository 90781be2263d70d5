/**
 * Email through a real SMTP conversation: an smtp-server on 127.0.0.1 receives, mailparser reads
 * what arrived. The worker runs only when a test calls deliverDue(), so nothing here waits on time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimDueDeliveries, type Db, openDatabase } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { addDays } from "@convene/domain";
import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Convene, call, json, makeConvene, ORIGIN, organisationIds, type Person, person } from "../../test-support.ts";
import { smtpMailer } from "./mailer.ts";
import { testSmtpServer } from "./test-smtp.ts";
import { createDeliveryWorker } from "./worker.ts";

const FROM = "Convene <convene@example.org>";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function smtp() {
  const server = await testSmtpServer();
  cleanups.push(server.close);
  return server;
}

async function convene(options: Parameters<typeof makeConvene>[0] = {}) {
  const c = await makeConvene(options);
  cleanups.push(c.close);
  return c;
}

/** The convenor, two members of the first organisation, one of the second, and an observer. */
async function people(c: Convene) {
  const orgs = await organisationIds(c);
  const [convenor, raiser, colleague, other, observer] = await Promise.all([
    person(c, "convenor"),
    person(c, "member", orgs[0]),
    person(c, "member", orgs[0]),
    person(c, "member", orgs[1]),
    person(c, "observer"),
  ]);
  return { convenor, raiser, colleague, other, observer };
}

async function raise(c: Convene, by: Person, fields: Record<string, unknown> = {}) {
  const res = await call(c.app, "POST", "/api/alerts", {
    cookie: by.cookie,
    body: {
      title: "Mass arrests reported",
      situation: "Country X",
      urgency: "critical",
      ask: "Sign a joint statement to the Foreign Secretary",
      deadline: addDays(new Date(), 3).toISOString(),
      visibility: "members",
      ...fields,
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).alert as { id: number };
}

const outboxRows = (c: Convene) => c.db.selectFrom("outbox").selectAll().orderBy("id").execute();

describe("email for a raised alert", () => {
  it("reaches each member of each organisation asked and the convenor once, with text and HTML parts", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    const alert = await raise(c, p.raiser);

    expect(await c.delivery.deliverDue()).toEqual({ sent: 3, failed: 0, cancelled: 0 });
    // The raiser is not told of their own alert; the observer is not asked to answer.
    expect(server.recipients()).toEqual([p.colleague.email, p.convenor.email, p.other.email].sort());
    const mail = server.received.find((r) => r.to[0] === p.other.email)!.mail;
    expect(mail.subject).toBe("New alert: Mass arrests reported");
    expect(mail.from?.text).toContain("convene@example.org");
    expect(mail.text).toContain("The ask: Sign a joint statement to the Foreign Secretary");
    expect(mail.text).toContain(`${ORIGIN}/alerts/${alert.id}`);
    expect(mail.html).toContain(`href="${ORIGIN}/alerts/${alert.id}"`);
    expect(mail.html).toContain("<h1");

    // A second run finds nothing left to send.
    expect(await c.delivery.deliverDue()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
    expect(server.received).toHaveLength(3);
    const rows = await outboxRows(c);
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1 && r.claimedUntil === null)).toBe(true);
  });

  it("never emails a person below the alert's visibility", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    const second = await person(c, "convenor");
    await raise(c, p.convenor, { visibility: "convenor", title: "A convenor-only worry" });

    await c.delivery.deliverDue();
    expect(server.recipients()).toEqual([second.email]);
    // Nobody below the level even has a notification carrying the title.
    const told = await c.db.selectFrom("notifications").select("userId").execute();
    expect(told.map((t) => t.userId)).toEqual([second.id]);
  });

  it("does not send to someone who lost sight of the alert before the email went", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser);
    await c.db.updateTable("user").set({ role: "observer", organisationId: null }).where("id", "=", p.other.id).execute();

    expect(await c.delivery.deliverDue()).toEqual({ sent: 2, failed: 0, cancelled: 1 });
    expect(server.recipients()).not.toContain(p.other.email);
    const cancelled = (await outboxRows(c)).filter((r) => r.cancelledAt !== null);
    expect(cancelled.map((r) => r.lastError)).toEqual(["The recipient may no longer see this record."]);
  });

  it("sends routine alerts to the inbox only, not by email", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser, { urgency: "routine" });
    expect(await outboxRows(c)).toEqual([]);
    expect(await c.db.selectFrom("notifications").select("id").execute()).toHaveLength(3);
    await c.delivery.deliverDue();
    expect(server.received).toEqual([]);
  });

  it("keeps a failed email with its error and sends it on a later try, the alert saved all along", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    server.state.refusing = true;
    const alert = await raise(c, p.raiser);
    expect((await call(c.app, "GET", `/api/alerts/${alert.id}`, { cookie: p.colleague.cookie })).status).toBe(200);

    const now = new Date();
    expect(await c.delivery.deliverDue(now)).toEqual({ sent: 0, failed: 3, cancelled: 0 });
    let rows = await outboxRows(c);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.sentAt).toBeNull();
      expect(row.lastError).toContain("Mailbox busy");
      expect(row.attempts).toBe(1);
      expect(Date.parse(row.nextAttemptAt)).toBeGreaterThan(now.getTime());
    }
    // Not due again yet: the same moment sends nothing and tries nothing.
    expect(await c.delivery.deliverDue(now)).toEqual({ sent: 0, failed: 0, cancelled: 0 });

    // The convenor sees the failure and its error; nobody else may look.
    const status = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.convenor.cookie }));
    expect(status).toMatchObject({ email: { on: true }, waiting: 3, failingCount: 3, sent: 0 });
    expect(status.failing[0].lastError).toContain("Mailbox busy");
    expect(status.failing[0].payload).toBeUndefined();
    expect((await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.colleague.cookie })).status).toBe(403);

    server.state.refusing = false;
    expect(await c.delivery.deliverDue(new Date(now.getTime() + 10 * 60_000))).toEqual({ sent: 3, failed: 0, cancelled: 0 });
    expect(server.recipients()).toEqual([p.colleague.email, p.convenor.email, p.other.email].sort());
    rows = await outboxRows(c);
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 2 && r.lastError === null)).toBe(true);
  });

  it("fails cleanly when the mail server cannot be reached, and keeps the email", async () => {
    const server = await smtp();
    const unreachable = server.url; // this server is closed below, so its port refuses
    await server.close();
    cleanups.pop();
    const c = await convene({ mail: { smtpUrl: unreachable, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser);
    expect(await c.delivery.deliverDue()).toEqual({ sent: 0, failed: 3, cancelled: 0 });
    const rows = await outboxRows(c);
    expect(rows.every((r) => r.sentAt === null && r.cancelledAt === null && (r.lastError ?? "").length > 0)).toBe(true);
  });

  it("sends no email when email is not set up, and keeps it for when it is", async () => {
    const c = await convene();
    const p = await people(c);
    await raise(c, p.raiser);
    expect(await c.delivery.deliverDue()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
    const rows = await outboxRows(c);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.sentAt === null && r.cancelledAt === null && r.attempts === 0 && r.claimedUntil === null)).toBe(true);
    const status = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.convenor.cookie }));
    expect(status).toMatchObject({ email: { on: false }, waiting: 3, failingCount: 0, sent: 0 });

    const server = await smtp();
    const worker = createDeliveryWorker({ db: c.db, mailer: smtpMailer({ smtpUrl: server.url, from: FROM }), publicUrl: ORIGIN });
    cleanups.push(worker.stop);
    expect((await worker.deliverDue()).sent).toBe(3);
  });

  it("sends each email once when two runs of one worker overlap", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser);
    const runs = await Promise.all([c.delivery.deliverDue(), c.delivery.deliverDue()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect(server.recipients()).toEqual([p.colleague.email, p.convenor.email, p.other.email].sort());
  });

  it(`sends each email once when two workers on two connections claim at once (${testEngine})`, async () => {
    const server = await smtp();
    // A file on SQLite (an in-memory database cannot be opened twice); its own database on PostgreSQL.
    const dir = mkdtempSync(join(tmpdir(), "convene-delivery-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const location = await freshTestDatabase(dir);
    const c = await convene({ databasePath: location, mail: { smtpUrl: server.url, from: FROM } });
    const orgs = await organisationIds(c);
    const raiser = await person(c, "member", orgs[0]);
    // Enough recipients that the two workers' batches overlap.
    for (const org of orgs.slice(1, 13)) await person(c, "member", org);
    await raise(c, raiser);
    const expected = (await outboxRows(c)).length;
    expect(expected).toBe(12);

    const second = await openDatabase(location);
    cleanups.push(second.close);
    const mail = { smtpUrl: server.url, from: FROM };
    const a = createDeliveryWorker({ db: c.db, mailer: smtpMailer(mail), publicUrl: ORIGIN, batchSize: 2 });
    const b = createDeliveryWorker({ db: second.db, mailer: smtpMailer(mail), publicUrl: ORIGIN, batchSize: 2 });
    cleanups.push(a.stop, b.stop);
    const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
    expect(ra.sent + rb.sent).toBe(expected);
    const recipients = server.recipients();
    expect(recipients).toHaveLength(expected);
    expect(new Set(recipients).size).toBe(expected);
  });
});

/** Makes every insert into `table` fail, as a full disk would: a trigger on either engine. */
async function failInserts(db: Db, table: string) {
  if (testEngine === "postgres") {
    await sql
      .raw(
        `create function fail_${table}() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
         create trigger fail_${table} before insert on "${table}" for each row execute function fail_${table}();`,
      )
      .execute(db);
  } else {
    await sql
      .raw(`create trigger fail_${table} before insert on "${table}" begin select raise(abort, 'injected failure'); end`)
      .execute(db);
  }
  // The server reports its own failure as a 500; keep the expected log line out of the test output.
  vi.spyOn(console, "error").mockImplementation(() => {});
}

const count = async (db: Db, table: "alerts" | "notifications" | "outbox") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the outbox and the change that caused it", () => {
  it("commit together: when the outbox cannot be written, the alert is not saved either", async () => {
    const c = await convene();
    const p = await people(c);
    await failInserts(c.db, "outbox");
    const res = await call(c.app, "POST", "/api/alerts", {
      cookie: p.raiser.cookie,
      body: { title: "T", situation: "S", ask: "A", urgency: "critical", deadline: addDays(new Date(), 3).toISOString() },
    });
    expect(res.status).toBe(500);
    expect([await count(c.db, "alerts"), await count(c.db, "notifications"), await count(c.db, "outbox")]).toEqual([0, 0, 0]);
  });

  it("lose nothing when the server stops between the change and the delivery, and send once", async () => {
    const server = await smtp();
    const dir = mkdtempSync(join(tmpdir(), "convene-restart-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const location = await freshTestDatabase(dir);
    const before = await makeConvene({ databasePath: location });
    const p = await people(before);
    await raise(before, p.raiser);
    await before.close();

    const after = await convene({ databasePath: location, mail: { smtpUrl: server.url, from: FROM } });
    expect((await after.delivery.deliverDue()).sent).toBe(3);
    expect((await after.delivery.deliverDue()).sent).toBe(0);
    expect(server.recipients()).toEqual([p.colleague.email, p.convenor.email, p.other.email].sort());
  });

  it("send what a worker claimed and never finished, once its lease has run out", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser);
    const now = new Date();
    // A worker that claims the rows and then dies without sending.
    const lost = await claimDueDeliveries(c.db, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 60_000).toISOString(),
      workerId: "gone",
      limit: 10,
    });
    expect(lost).toHaveLength(3);
    expect((await c.delivery.deliverDue(now)).sent).toBe(0);
    expect((await c.delivery.deliverDue(new Date(now.getTime() + 61_000))).sent).toBe(3);
    expect(server.received).toHaveLength(3);
  });
});
