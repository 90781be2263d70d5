/**
 * Answer links, over a real SMTP conversation: an urgent alert's email arrives with links that
 * open a confirm page (GET records nothing), record the organisation's answer on the page's
 * POST, and work once; a closed, withdrawn or past-deadline alert's link records nothing. Also
 * the raiser's "who will be told" counts, and what the convenor sees of a failing mail server.
 */
import { Writable } from "node:stream";
import { addDays, alertAudienceSentence } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { smtpMailer } from "../services/delivery/mailer.ts";
import { testSmtpServer } from "../services/delivery/test-smtp.ts";
import { createDeliveryWorker } from "../services/delivery/worker.ts";
import { type App, type Convene, call, json, makeConvene, ORIGIN, organisationIds, type Person, person } from "../test-support.ts";

const FROM = "Convene <convene@example.org>";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
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
  return { convenor, raiser, colleague, other, observer, orgs };
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
  return (await json(res)).alert as { id: number; version: number };
}

/** The answer links in a received email's text, by answer. */
function answerLinks(text: string) {
  const links: Record<string, string> = {};
  for (const m of text.matchAll(/(https?:\/\/\S+\/api\/answer-links\/\S+\?response=(\w+))/g)) links[m[2]!] = m[1]!;
  return links;
}

/** Follows a link as a browser would: a GET of its path. */
const open = (app: App, url: string) => app.request(new URL(url).pathname + new URL(url).search, { method: "GET" });

/** Presses the confirm page's button: a form POST from Convene's own page. */
const confirm = (app: App, url: string, response: string, origin = ORIGIN) =>
  app.request(new URL(url).pathname, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ response }).toString(),
  });

const answers = (c: Convene, alertId: number) =>
  c.db.selectFrom("alertAnswers").select(["organisationId", "response", "answeredByName"]).where("alertId", "=", alertId).execute();

describe("answer links in an urgent alert's email", () => {
  it("arrive at once to each member of each organisation asked, and record the answer only after the confirm page", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    const alert = await raise(c, p.raiser);

    expect(await c.delivery.deliverDue()).toEqual({ sent: 3, failed: 0, cancelled: 0 });
    expect(server.recipients()).toEqual([p.colleague.email, p.convenor.email, p.other.email].sort());
    const mailTo = (who: Person) => server.received.find((r) => r.to[0] === who.email)!.mail;
    const mail = mailTo(p.other);
    const links = answerLinks(mail.text ?? "");
    expect(Object.keys(links).sort()).toEqual(["cannot", "join", "need_info"]);
    for (const url of Object.values(links)) expect(mail.html).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
    // The convenor answers for any organisation in the dashboard; their email carries no links.
    expect(answerLinks(mailTo(p.convenor).text ?? "")).toEqual({});
    // Only the token's hash is kept: neither the outbox nor the links table holds a working link.
    const token = new URL(links.join!).pathname.split("/").pop()!;
    const stored = await c.db.selectFrom("alertAnswerLinks").selectAll().execute();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(await c.db.selectFrom("outbox").select("payload").execute())).not.toContain(token);

    // Following the link (as a mail scanner would) shows the confirm page and records nothing.
    for (let i = 0; i < 2; i++) {
      const page = await open(c.app, links.join!);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(page.headers.get("cache-control")).toBe("no-store");
      const body = await page.text();
      expect(body).toContain('<meta name="referrer" content="no-referrer">');
      expect(body).toContain("Mass arrests reported");
      expect(body).toMatch(/<input type="radio" name="response" value="join" checked>/);
      expect(body).toContain('<button type="submit">Confirm answer</button>');
    }
    expect(await answers(c, alert.id)).toEqual([]);

    // The button records it, through the dashboard's service: audit entry, notifications.
    const done = await confirm(c.app, links.join!, "join");
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Answer recorded");
    const otherName = (await c.db.selectFrom("user").select("name").where("id", "=", p.other.id).executeTakeFirstOrThrow()).name;
    expect(await answers(c, alert.id)).toEqual([{ organisationId: p.orgs[1], response: "join", answeredByName: otherName }]);
    const audit = await c.db.selectFrom("auditEntries").select(["userId", "action"]).where("entity", "=", "alert_answer").execute();
    expect(audit).toEqual([{ userId: p.other.id, action: "create" }]);
    const told = await c.db.selectFrom("notifications").select("userId").where("kind", "=", "alert_answered").execute();
    expect(told.map((t) => t.userId).sort()).toEqual([p.convenor.id, p.raiser.id].sort());

    // A second use, of this link or of the same email's others, is refused and records nothing.
    const again = await confirm(c.app, links.cannot!, "cannot");
    expect(again.status).toBe(410);
    const againText = await again.text();
    expect(againText).toContain("This link has already been used");
    expect(againText).toContain("Nothing new has been recorded");
    expect((await open(c.app, links.join!)).status).toBe(410);
    expect(await answers(c, alert.id)).toEqual([{ organisationId: p.orgs[1], response: "join", answeredByName: otherName }]);

    // The colleague's own links still work, and show their organisation has not answered yet.
    const colleagueLinks = answerLinks(mailTo(p.colleague).text ?? "");
    const colleaguePage = await (await open(c.app, colleagueLinks.need_info!)).text();
    expect(colleaguePage).toMatch(/value="need_info" checked/);
    expect(colleaguePage).not.toContain("has already answered");
  });

  it("expire with the alert: withdrawn, closed or past its deadline, a link records nothing", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    const withdrawn = await raise(c, p.raiser, { title: "To be withdrawn" });
    const closed = await raise(c, p.raiser, { title: "To be closed" });
    const late = await raise(c, p.raiser, { title: "Past its deadline" });
    await c.delivery.deliverDue();
    const linkFor = (title: string) =>
      answerLinks(server.received.find((r) => r.to[0] === p.other.email && r.mail.subject?.includes(title))!.mail.text ?? "").join!;

    const w = await call(c.app, "POST", `/api/alerts/${withdrawn.id}/withdraw`, {
      cookie: p.convenor.cookie,
      body: { version: withdrawn.version, reason: "" },
    });
    expect(w.status).toBe(200);
    const cl = await call(c.app, "POST", `/api/alerts/${closed.id}/close`, {
      cookie: p.convenor.cookie,
      body: { version: closed.version, outcome: "Done", successful: false },
    });
    expect(cl.status).toBe(200);
    await c.db
      .updateTable("alerts")
      .set({ deadline: addDays(new Date(), -1).toISOString() })
      .where("id", "=", late.id)
      .execute();

    for (const [title, words] of [
      ["To be withdrawn", "withdrawn"],
      ["To be closed", "closed"],
      ["Past its deadline", "deadline"],
    ] as const) {
      const page = await open(c.app, linkFor(title));
      expect(page.status).toBe(410);
      const text = await page.text();
      expect(text).toContain("This alert no longer takes answers");
      expect(text).toContain(words);
      expect(text).toContain("nothing has been recorded");
      const post = await confirm(c.app, linkFor(title), "join");
      expect(post.status).toBe(410);
    }
    const all = await c.db.selectFrom("alertAnswers").select("id").execute();
    expect(all).toEqual([]);
    expect(await c.db.selectFrom("alertAnswerLinks").select("id").where("usedAt", "is not", null).execute()).toEqual([]);
  });

  it("refuse an unknown token, a cross-site post, a made-up answer, an alert since hidden, and a person who has left the organisation", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    const alert = await raise(c, p.raiser);
    await c.delivery.deliverDue();
    const link = answerLinks(server.received.find((r) => r.to[0] === p.other.email)!.mail.text ?? "").join!;

    const unknown = await open(c.app, `${ORIGIN}/api/answer-links/not-a-real-token?response=join`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This link does not work");
    expect((await confirm(c.app, link, "join", "https://elsewhere.example")).status).toBe(403);
    const bad = await confirm(c.app, link, "maybe");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Nothing has been recorded");

    // An alert since hidden from the person answers like a link that never existed.
    await c.db.updateTable("alerts").set({ visibility: "convenor" }).where("id", "=", alert.id).execute();
    const hidden = await confirm(c.app, link, "join");
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("Mass arrests reported");
    await c.db.updateTable("alerts").set({ visibility: "members" }).where("id", "=", alert.id).execute();

    await c.db.updateTable("user").set({ organisationId: p.orgs[2]! }).where("id", "=", p.other.id).execute();
    const moved = await confirm(c.app, link, "join");
    expect(moved.status).toBe(403);
    expect(await moved.text()).toContain("no longer answers for");
    expect(await answers(c, alert.id)).toEqual([]);
  });

  it("never reach an observer, and an observer's email never carries a members-only title", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await raise(c, p.raiser, { title: "Members-only worry", visibility: "members" });
    await raise(c, p.convenor, { title: "Public call to act", visibility: "public" });
    // Someone answers the members-only alert by link: its "answered" notices go out too.
    await c.delivery.deliverDue();
    const link = answerLinks(
      server.received.find((r) => r.to[0] === p.other.email && r.mail.subject?.includes("Members-only"))!.mail.text ?? "",
    ).join!;
    expect((await confirm(c.app, link, "join")).status).toBe(200);
    await c.delivery.deliverDue();

    const toObserver = server.received.filter((r) => r.to.includes(p.observer.email));
    for (const r of toObserver) expect(`${r.mail.subject} ${r.mail.text} ${r.mail.html}`).not.toContain("Members-only worry");
    expect(toObserver).toEqual([]);
    const observerNotes = await c.db.selectFrom("notifications").select("title").where("userId", "=", p.observer.id).execute();
    expect(observerNotes.filter((n) => n.title.includes("Members-only"))).toEqual([]);
  });
});

describe("who will be told, before raising", () => {
  it("counts the people and organisations the outbox then writes, by email or only in the dashboard", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    await person(c, "member", p.orgs[2]);
    const audience = async (query: string, who: Person = p.raiser) => {
      const res = await call(c.app, "GET", `/api/alerts/audience?${query}`, { cookie: who.cookie });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await json(res)).audience;
    };

    // Colleague (org 1), other (org 2), the third organisation's member, and the convenor.
    const urgent = await audience("visibility=members&urgency=critical");
    expect(urgent).toEqual({
      emailOn: true,
      people: 4,
      organisations: 3,
      byEmail: { people: 4, organisations: 3 },
      dashboardOnly: { people: 0, organisations: 0 },
    });
    expect(alertAudienceSentence(urgent)).toBe("4 people in 3 organisations by email");
    const routine = await audience("visibility=public&urgency=routine");
    expect(routine.dashboardOnly).toEqual({ people: 4, organisations: 3 });
    expect(alertAudienceSentence(routine)).toBe("4 people in 3 organisations only in the dashboard");
    // The convenor's own convenor-only alert tells nobody else (there is no other convenor).
    expect((await audience("visibility=convenor&urgency=critical", p.convenor)).people).toBe(0);

    // The same plan as the outbox: raising it writes exactly that many emails.
    await raise(c, p.raiser);
    expect(await c.db.selectFrom("outbox").select("id").execute()).toHaveLength(urgent.byEmail.people);

    expect((await call(c.app, "GET", "/api/alerts/audience?visibility=convenor", { cookie: p.raiser.cookie })).status).toBe(400);
    expect((await call(c.app, "GET", "/api/alerts/audience?urgency=soon", { cookie: p.raiser.cookie })).status).toBe(400);
    expect((await call(c.app, "GET", "/api/alerts/audience", { cookie: p.observer.cookie })).status).toBe(403);
    expect((await call(c.app, "GET", "/api/alerts/audience")).status).toBe(401);
  });

  it("says everyone hears only in the dashboard when email is off", async () => {
    const c = await convene();
    const p = await people(c);
    const res = await call(c.app, "GET", "/api/alerts/audience?visibility=members&urgency=critical", { cookie: p.raiser.cookie });
    const { audience } = await json(res);
    expect(audience).toMatchObject({ emailOn: false, people: 3, byEmail: { people: 0 }, dashboardOnly: { people: 3, organisations: 2 } });
    expect(alertAudienceSentence(audience)).toBe("3 people in 2 organisations only in the dashboard");
  });
});

describe("delivery status for the convenor", () => {
  it("keeps a failing email with its error, and sends it at once on 'retry now'", async () => {
    const server = await smtp();
    const c = await convene({ mail: { smtpUrl: server.url, from: FROM } });
    const p = await people(c);
    server.state.refusing = true;
    await raise(c, p.raiser);
    const now = new Date();
    expect((await c.delivery.deliverDue(now)).failed).toBe(3);
    const status = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.convenor.cookie }));
    expect(status.email.on).toBe(true);
    expect(status.email.error).toContain("Mailbox busy");
    expect(Date.parse(status.failing[0].nextAttemptAt)).toBeGreaterThan(now.getTime());

    server.state.refusing = false;
    expect((await call(c.app, "POST", "/api/notifications/deliveries/retry", { cookie: p.colleague.cookie })).status).toBe(403);
    const retry = await call(c.app, "POST", "/api/notifications/deliveries/retry", { cookie: p.convenor.cookie });
    expect(await json(retry)).toEqual({ retried: 3 });
    // Due at once, without waiting out the backoff.
    expect(await c.delivery.deliverDue(new Date())).toEqual({ sent: 3, failed: 0, cancelled: 0 });
    const after = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.convenor.cookie }));
    expect(after).toMatchObject({ email: { on: true, error: null }, waiting: 0, failingCount: 0, sent: 3 });
    const audit = await c.db.selectFrom("auditEntries").select(["action", "userId"]).where("entity", "=", "delivery").execute();
    expect(audit).toEqual([{ action: "retry", userId: p.convenor.id }]);
  });

  it("starts with a malformed SMTP_URL, saves the change, and tells the convenor and the log what is wrong", async () => {
    const badUrl = "smtp://mail.example.org:not-a-port";
    const c = await convene({ mail: { smtpUrl: badUrl, from: FROM } });
    const p = await people(c);
    const alert = await raise(c, p.raiser);
    expect((await call(c.app, "GET", `/api/alerts/${alert.id}`, { cookie: p.colleague.cookie })).status).toBe(200);
    expect(await c.delivery.deliverDue()).toEqual({ sent: 0, failed: 3, cancelled: 0 });
    const status = await json(await call(c.app, "GET", "/api/notifications/deliveries", { cookie: p.convenor.cookie }));
    expect(status.email.error).toContain("SMTP_URL is not a mail server address Convene can use");
    expect(status.failing[0].lastError).toContain("Fix SMTP_URL");
    expect(status).toMatchObject({ waiting: 3, failingCount: 3 });

    // The start-up check says so in the log, once, without the password.
    const lines: string[] = [];
    const logger = createLogger(
      "info",
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const worker = createDeliveryWorker({
      db: c.db,
      mailer: smtpMailer({ smtpUrl: "smtp://user:secret-password@mail.example.org:not-a-port", from: FROM }),
      publicUrl: ORIGIN,
      logger,
    });
    cleanups.push(worker.stop);
    expect((await worker.checkMailer()).error).toContain("SMTP_URL is not a mail server address");
    expect(lines.join("")).toContain("email cannot be sent");
    expect(lines.join("")).not.toContain("secret-password");
  });

  it("names an unreachable mail server at start-up", async () => {
    const server = await smtp();
    const url = server.url;
    await server.close();
    cleanups.pop();
    const worker = createDeliveryWorker({ db: (await convene()).db, mailer: smtpMailer({ smtpUrl: url, from: FROM }), publicUrl: ORIGIN });
    cleanups.push(worker.stop);
    const health = await worker.checkMailer();
    expect(health.error).toMatch(/The mail server 127\.0\.0\.1:\d+ in SMTP_URL refused the connection/);
    expect(worker.health()).toEqual(health);
  });
});
