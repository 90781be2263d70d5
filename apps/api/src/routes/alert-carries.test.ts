/**
 * An alert carrying a proposal or a statement ("Sign by Friday"): what it may carry, who sees
 * it named, and how the raise notice says it.
 */
import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeConvene, organisationIds, type Person, person } from "../test-support.ts";

let c: Convene;
afterEach(async () => {
  await c?.close();
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();
const MARKER = "CARRIED-MARKER-51c9";

async function setup() {
  c = await makeConvene();
  const orgs = await organisationIds(c);
  const [convenor, raiser, other, observer] = await Promise.all([
    person(c, "convenor"),
    person(c, "member", orgs[0]),
    person(c, "member", orgs[1]),
    person(c, "observer"),
  ]);
  return { convenor, raiser, other, observer };
}

async function statement(convenor: Person, fields: Record<string, unknown> = {}) {
  const res = await call(c.app, "POST", "/api/statements", {
    cookie: convenor.cookie,
    body: { title: `Open letter ${MARKER}`, text: "We ask.", deadline: inDays(4), visibility: "members", ...fields },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).statement as { id: number; version: number };
}

async function proposal(convenor: Person) {
  const res = await call(c.app, "POST", "/api/proposals", {
    cookie: convenor.cookie,
    body: { question: "Do we brief the minister?", kind: "consent", closesAt: inDays(3), quorum: 1, visibility: "members" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).proposal as { id: number };
}

const raise = (by: Person, fields: Record<string, unknown>) =>
  call(c.app, "POST", "/api/alerts", {
    cookie: by.cookie,
    body: {
      title: "Sign by Friday",
      situation: "Country X",
      ask: "Sign the letter",
      deadline: inDays(3),
      visibility: "members",
      ...fields,
    },
  });

describe("an alert carrying a proposal or statement", () => {
  it("names what it carries to those who see the alert, and says so in the raise notice", async () => {
    const { convenor, raiser, other } = await setup();
    const s = await statement(convenor);
    const res = await raise(raiser, { statementId: s.id, urgency: "routine" });
    expect(res.status, await res.clone().text()).toBe(201);
    const { alert } = await json(res);
    expect(alert.carries).toMatchObject({ kind: "statement", id: s.id, title: `Open letter ${MARKER}`, state: "open" });
    expect(alert.statementId).toBe(s.id);
    const seen = await json(await call(c.app, "GET", `/api/alerts/${alert.id}`, { cookie: other.cookie }));
    expect(seen.alert.carries.title).toBe(`Open letter ${MARKER}`);
    const inbox = await json(await call(c.app, "GET", "/api/notifications", { cookie: other.cookie }));
    const notice = inbox.notifications.find((n: { kind: string }) => n.kind === "alert_raised");
    expect(notice.summary).toContain(`Sign “Open letter ${MARKER}” by`);
  });

  it("refuses two things at once, a closed or missing one, and one seen by fewer people than the alert", async () => {
    const { convenor, raiser } = await setup();
    const s = await statement(convenor);
    const p = await proposal(convenor);
    const secret = await statement(convenor, { visibility: "convenor" });
    const both = await raise(raiser, { statementId: s.id, proposalId: p.id });
    expect(both.status).toBe(400);
    expect(JSON.stringify(await json(both))).toContain("An alert can carry a proposal or a statement, not both");
    const missing = await raise(raiser, { proposalId: 9999 });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await json(missing))).toContain("There is no such proposal");
    // A member cannot see the convenor-only statement: to them it does not exist.
    const hidden = await raise(raiser, { statementId: secret.id });
    expect(hidden.status).toBe(400);
    expect(JSON.stringify(await json(hidden))).toContain("There is no such statement");
    // The convenor can, but the members the alert goes to could not.
    const narrower = await raise(convenor, { statementId: secret.id });
    expect(narrower.status).toBe(400);
    expect(JSON.stringify(await json(narrower))).toContain("That statement is seen by fewer people than the alert (members)");
    const published = await call(c.app, "POST", `/api/statements/${s.id}/publish`, {
      cookie: convenor.cookie,
      body: { version: s.version, publishedOn: new Date().toISOString().slice(0, 10) },
    });
    expect(published.status, await published.clone().text()).toBe(200);
    const closed = await raise(raiser, { statementId: s.id });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(await json(closed))).toContain("That statement is not open for signatures");
  });

  it("never names to a member what was narrowed from them since, and lets an edit swap what it carries", async () => {
    const { convenor, raiser, observer } = await setup();
    const s = await statement(convenor);
    const p = await proposal(convenor);
    const { alert } = await json(await raise(raiser, { statementId: s.id }));
    const narrowed = await call(c.app, "PATCH", `/api/statements/${s.id}`, {
      cookie: convenor.cookie,
      body: { version: s.version, visibility: "convenor" },
    });
    expect(narrowed.status, await narrowed.clone().text()).toBe(200);
    for (const who of [raiser, observer]) {
      const res = await call(c.app, "GET", "/api/alerts", { cookie: who.cookie });
      expect(JSON.stringify(await json(res))).not.toContain(MARKER);
    }
    const mine = (await json(await call(c.app, "GET", `/api/alerts/${alert.id}`, { cookie: raiser.cookie }))).alert;
    expect([mine.carries, mine.statementId]).toEqual([null, null]);
    // Carrying the proposal instead lets the statement go.
    const swapped = await call(c.app, "PATCH", `/api/alerts/${alert.id}`, {
      cookie: raiser.cookie,
      body: { version: mine.version, proposalId: p.id },
    });
    expect(swapped.status, await swapped.clone().text()).toBe(200);
    const now = (await json(swapped)).alert;
    expect(now.carries).toMatchObject({ kind: "proposal", id: p.id, title: "Do we brief the minister?" });
    const asConvenor = (await json(await call(c.app, "GET", `/api/alerts/${alert.id}`, { cookie: convenor.cookie }))).alert;
    expect([asConvenor.proposalId, asConvenor.statementId]).toEqual([p.id, null]);
  });
});
