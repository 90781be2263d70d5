import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, organisationIds, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const ago = (days: number) => addDays(new Date(), -days).toISOString();
const inDays = (days: number) => addDays(new Date(), days).toISOString();

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  const other = await person(w.convene, "member", orgs[1]);
  const cycle = await makeCycle(w.app, w.convenor.cookie, { updateIntervalDays: 42 });
  return { ...w, orgs, other, cycle };
}
type World = Awaited<ReturnType<typeof setup>>;

async function raise(w: World, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(w.app, "POST", "/api/alerts", {
    cookie,
    body: {
      title: "Mass arrests reported",
      situation: "Country X",
      kind: "emerging_threat",
      urgency: "critical",
      ask: "Sign a joint statement",
      deadline: inDays(3),
      visibility: "members",
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`raise: ${res.status} ${await res.text()}`);
  return (await json(res)).alert as { id: number; version: number };
}

async function milestone(w: World, fields: Record<string, unknown>) {
  const res = await call(w.app, "POST", "/api/milestones", {
    cookie: w.convenor.cookie,
    body: { title: "Open letter", kind: "open_letter", date: "2026-06-01", ...fields },
  });
  if (res.status !== 201) throw new Error(`milestone: ${res.status} ${await res.text()}`);
  return (await json(res)).milestone as { id: number };
}

type Feed = {
  lastSeenAt: string | null;
  since: string;
  asOf: string;
  firstVisit: boolean;
  items: { kind: string; id: number; title: string }[];
};
const feedOf = async (w: World, cookie: string) => {
  const res = await call(w.app, "GET", "/api/feed", { cookie });
  expect(res.status).toBe(200);
  return json<Feed>(res);
};

describe("GET /api/feed", () => {
  it("needs a signed-in person", async () => {
    const w = await setup();
    expect((await call(w.app, "GET", "/api/feed")).status).toBe(401);
    expect((await call(w.app, "POST", "/api/feed/seen", { body: {} })).status).toBe(401);
  });

  it("shows the last 14 days on a first visit", async () => {
    const w = await setup();
    const fresh = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Fresh goal" });
    const old = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Old goal" });
    await w.convene.db
      .updateTable("goals")
      .set({ createdAt: ago(20) })
      .where("id", "=", old.id)
      .execute();
    const feed = await feedOf(w, w.member.cookie);
    expect(feed.firstVisit).toBe(true);
    expect(feed.lastSeenAt).toBeNull();
    expect(Date.parse(feed.asOf) - Date.parse(feed.since)).toBeGreaterThanOrEqual(addDays(new Date(0), 14).getTime() - 1000);
    expect(feed.items.filter((i) => i.kind === "goal").map((i) => i.id)).toEqual([fresh.id]);
  });

  it("lists new goals, updates, milestones, alerts and meetings, newest first", async () => {
    const w = await setup();
    const goal = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Briefings", leadOrganisationId: w.orgs[0] });
    const upd = await call(w.app, "POST", "/api/updates", { cookie: w.member.cookie, body: { goalId: goal.id, note: "Briefed six MPs" } });
    expect(upd.status).toBe(201);
    await milestone(w, { visibility: "members" });
    await raise(w, w.member.cookie);
    const meeting = await call(w.app, "POST", "/api/meetings", {
      cookie: w.convenor.cookie,
      body: { kind: "ad_hoc", title: "Emergency call", startsAt: inDays(2), visibility: "members" },
    });
    expect(meeting.status).toBe(201);
    const feed = await feedOf(w, w.other.cookie);
    expect(new Set(feed.items.map((i) => i.kind))).toEqual(new Set(["goal", "update", "milestone", "alert", "meeting"]));
    const times = feed.items.map((i) => (i as unknown as { at: string }).at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("never shows an observer (or a member) what they may not see, not even as a count", async () => {
    const w = await setup();
    await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Members goal", visibility: "members" });
    const hiddenGoal = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Secret goal", visibility: "convenor" });
    const publicGoal = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Public goal", visibility: "public" });
    // A members-only update on a public goal is members-only.
    await call(w.app, "POST", "/api/updates", {
      cookie: w.convenor.cookie,
      body: { goalId: publicGoal.id, note: "Quiet progress", visibility: "members" },
    });
    // A public-looking update on a convenor-only goal stays hidden with its goal.
    await call(w.app, "POST", "/api/updates", {
      cookie: w.convenor.cookie,
      body: { goalId: hiddenGoal.id, note: "x", visibility: "convenor" },
    });
    await milestone(w, { visibility: "convenor", title: "Private milestone" });
    await milestone(w, { visibility: "public", title: "Public milestone" });
    await raise(w, w.member.cookie, { visibility: "members" });

    const observer = await feedOf(w, w.observer.cookie);
    expect(observer.items.map((i) => i.title).sort()).toEqual(["Public goal", "Public milestone"]);
    const member = await feedOf(w, w.member.cookie);
    expect(member.items.map((i) => i.title)).not.toContain("Secret goal");
    expect(member.items.map((i) => i.title)).not.toContain("Private milestone");
    expect(member.items.filter((i) => i.kind === "update").map((i) => i.title)).toEqual(["Public goal"]);
    const convenor = await feedOf(w, w.convenor.cookie);
    expect(convenor.items.map((i) => i.title)).toContain("Secret goal");
  });

  it("does not move on by itself; marking as seen advances the mark, audited, and never backwards", async () => {
    const w = await setup();
    await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "First" });
    const first = await feedOf(w, w.member.cookie);
    expect((await feedOf(w, w.member.cookie)).items).toHaveLength(1); // reading does not mark it seen

    const seen = await call(w.app, "POST", "/api/feed/seen", { cookie: w.member.cookie, body: { until: first.asOf } });
    expect(seen.status).toBe(200);
    expect((await json(seen)).lastSeenAt).toBe(first.asOf);
    const after = await feedOf(w, w.member.cookie);
    expect(after).toMatchObject({ firstVisit: false, lastSeenAt: first.asOf, since: first.asOf, items: [] });
    const [entry] = await auditOf(w.convene, "feed", w.member.id);
    expect(entry).toMatchObject({ action: "update", userId: w.member.id });

    await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Second" });
    expect((await feedOf(w, w.member.cookie)).items.map((i) => i.title)).toEqual(["Second"]);
    // An older mark does not move it back; a mark in the future is held at now.
    await call(w.app, "POST", "/api/feed/seen", { cookie: w.member.cookie, body: { until: ago(30) } });
    expect((await feedOf(w, w.member.cookie)).lastSeenAt).toBe(first.asOf);
    await call(w.app, "POST", "/api/feed/seen", { cookie: w.member.cookie, body: { until: inDays(30) } });
    const now = await feedOf(w, w.member.cookie);
    expect(Date.parse(now.lastSeenAt ?? "")).toBeLessThanOrEqual(Date.now());
    expect(now.items).toEqual([]);
    // Another person's mark is their own.
    expect((await feedOf(w, w.other.cookie)).firstVisit).toBe(true);
  });

  it("names a bad mark", async () => {
    const w = await setup();
    const res = await call(w.app, "POST", "/api/feed/seen", { cookie: w.member.cookie, body: { until: "yesterday" } });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["until"]);
  });
});

type NeedsYou = {
  scope: string;
  intervalDays: number;
  organisations: {
    id: number;
    staleGoals: { id: number; title: string }[];
    unansweredAlerts: { id: number; title: string }[];
  }[];
};
const needsYou = async (w: World, cookie: string, cycleId = w.cycle.id) => {
  const res = await call(w.app, "GET", `/api/feed/needs-you?cycleId=${cycleId}`, { cookie });
  expect(res.status).toBe(200);
  return json<NeedsYou>(res);
};

describe("GET /api/feed/needs-you", () => {
  async function staleWorld() {
    const w = await setup();
    const [own, otherOrg] = [w.orgs[0]!, w.orgs[1]!];
    const staleOwn = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Stale own", leadOrganisationId: own });
    const freshOwn = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Fresh own", leadOrganisationId: own });
    const justInside = await makeGoal(w.app, w.convenor.cookie, { cycleId: w.cycle.id, title: "Inside", leadOrganisationId: own });
    const done = await makeGoal(w.app, w.convenor.cookie, {
      cycleId: w.cycle.id,
      title: "Done",
      leadOrganisationId: own,
      status: "achieved",
    });
    const staleOther = await makeGoal(w.app, w.convenor.cookie, {
      cycleId: w.cycle.id,
      title: "Stale other",
      leadOrganisationId: otherOrg,
    });
    const supported = await makeGoal(w.app, w.convenor.cookie, {
      cycleId: w.cycle.id,
      title: "Supported only",
      leadOrganisationId: otherOrg,
      supportingOrganisationIds: [own],
    });
    const old = ago(60);
    for (const g of [staleOwn, freshOwn, done, staleOther, supported, justInside]) {
      await w.convene.db.updateTable("goals").set({ createdAt: old }).where("id", "=", g.id).execute();
    }
    // An update 40 days ago is inside the 42-day interval; one 50 days ago is not.
    await call(w.app, "POST", "/api/updates", { cookie: w.member.cookie, body: { goalId: freshOwn.id, note: "Recent" } });
    await call(w.app, "POST", "/api/updates", { cookie: w.member.cookie, body: { goalId: justInside.id, note: "Inside" } });
    await call(w.app, "POST", "/api/updates", { cookie: w.member.cookie, body: { goalId: staleOwn.id, note: "Long ago" } });
    await w.convene.db
      .updateTable("progressUpdates")
      .set({ createdAt: ago(40) })
      .where("goalId", "=", justInside.id)
      .execute();
    await w.convene.db
      .updateTable("progressUpdates")
      .set({ createdAt: ago(50) })
      .where("goalId", "=", staleOwn.id)
      .execute();
    return { ...w, own, otherOrg, staleOwn, staleOther, supported };
  }

  it("lists a member's own organisation's stale led goals only, by the cycle's interval", async () => {
    const w = await staleWorld();
    const body = await needsYou(w, w.member.cookie);
    expect(body).toMatchObject({ scope: "organisation", intervalDays: 42 });
    expect(body.organisations.map((o) => o.id)).toEqual([w.own]);
    expect(body.organisations[0]!.staleGoals.map((g) => g.title)).toEqual(["Stale own"]);
  });

  it("follows the cycle's chosen interval", async () => {
    const w = await staleWorld();
    await call(w.app, "PATCH", `/api/cycles/${w.cycle.id}`, {
      cookie: w.convenor.cookie,
      body: { version: w.cycle.version, updateIntervalDays: 35 },
    });
    const body = await needsYou(w, w.member.cookie);
    expect(body.intervalDays).toBe(35);
    expect(body.organisations[0]!.staleGoals.map((g) => g.title).sort()).toEqual(["Inside", "Stale own"]);
  });

  it("shows the convenor every organisation with something outstanding", async () => {
    const w = await staleWorld();
    const body = await needsYou(w, w.convenor.cookie);
    expect(body.scope).toBe("all");
    const byId = new Map(body.organisations.map((o) => [o.id, o]));
    expect(byId.get(w.own)?.staleGoals.map((g) => g.title)).toEqual(["Stale own"]);
    expect(
      byId
        .get(w.otherOrg)
        ?.staleGoals.map((g) => g.title)
        .sort(),
    ).toEqual(["Stale other", "Supported only"]);
    expect(body.organisations.every((o) => o.staleGoals.length + o.unansweredAlerts.length > 0)).toBe(true);
  });

  it("lists open alerts the organisation has not answered; answered, closed and past-deadline ones drop off", async () => {
    const w = await setup();
    const answered = await raise(w, w.member.cookie, { title: "Answered" });
    const waiting = await raise(w, w.member.cookie, { title: "Waiting" });
    const closed = await raise(w, w.member.cookie, { title: "Closed" });
    const expired = await raise(w, w.member.cookie, { title: "Expired" });
    const secret = await raise(w, w.convenor.cookie, { title: "Convenor only", visibility: "convenor" });
    await call(w.app, "PUT", `/api/alerts/${answered.id}/answer`, { cookie: w.member.cookie, body: { response: "join" } });
    await call(w.app, "POST", `/api/alerts/${closed.id}/close`, {
      cookie: w.convenor.cookie,
      body: { version: closed.version, outcome: "Done", successful: true },
    });
    await w.convene.db
      .updateTable("alerts")
      .set({ deadline: ago(1) })
      .where("id", "=", expired.id)
      .execute();

    const mine = await needsYou(w, w.member.cookie);
    expect(mine.organisations[0]!.unansweredAlerts.map((a) => a.title)).toEqual(["Waiting"]);
    const theirs = await needsYou(w, w.other.cookie);
    expect(theirs.organisations[0]!.unansweredAlerts.map((a) => a.title).sort()).toEqual(["Answered", "Waiting"]);
    const all = await needsYou(w, w.convenor.cookie);
    const titles = new Set(all.organisations.flatMap((o) => o.unansweredAlerts.map((a) => a.title)));
    expect([...titles].sort()).toEqual(["Answered", "Waiting"]);
    expect(waiting.id).toBeGreaterThan(0);
    expect(secret.id).toBeGreaterThan(0);
  });

  it("refuses observers, checks the cycle and names a bad query", async () => {
    const w = await setup();
    expect((await call(w.app, "GET", `/api/feed/needs-you?cycleId=${w.cycle.id}`)).status).toBe(401);
    expect((await call(w.app, "GET", `/api/feed/needs-you?cycleId=${w.cycle.id}`, { cookie: w.observer.cookie })).status).toBe(403);
    expect((await call(w.app, "GET", "/api/feed/needs-you?cycleId=9999", { cookie: w.member.cookie })).status).toBe(404);
    const bad = await call(w.app, "GET", "/api/feed/needs-you?cycleId=abc", { cookie: w.member.cookie });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["cycleId"]);
  });

  it("gives a member with no organisation an empty list", async () => {
    const w = await setup();
    const { createAccount } = await import("../services/accounts.ts");
    const { signIn } = await import("../test-support.ts");
    await createAccount(
      w.convene.auth,
      w.convene.db,
      { email: "loose@example.org", name: "Loose", password: "correct horse battery", role: "member", organisationId: null },
      null,
    );
    const cookie = await signIn(w.app, "loose@example.org");
    expect((await needsYou(w, cookie)).organisations).toEqual([]);
  });
});

describe("proposals and statements in What needs you and What's new", () => {
  async function put(w: World, path: string, body: Record<string, unknown>) {
    const res = await call(w.app, "POST", path, { cookie: w.convenor.cookie, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return json(res);
  }
  const propose = async (w: World, fields: Record<string, unknown> = {}) =>
    (await put(w, "/api/proposals", { question: "Shall we?", kind: "consent", closesAt: inDays(5), quorum: 1, ...fields })).proposal;
  const draft = async (w: World, fields: Record<string, unknown> = {}) =>
    (await put(w, "/api/statements", { title: "Open letter", text: "Dear leaders", deadline: inDays(4), ...fields })).statement;

  it("lists open proposals and statements awaiting the organisation, with their closing time", async () => {
    const w = await setup();
    const waiting = await propose(w, { question: "Waiting" });
    const given = await propose(w, { question: "Given" });
    await propose(w, { question: "Convenor only", visibility: "convenor" });
    await call(w.app, "PUT", `/api/proposals/${given.id}/position`, { cookie: w.member.cookie, body: { stance: "agree" } });
    const unsigned = await draft(w, { title: "Unsigned" });
    const signed = await draft(w, { title: "Signed" });
    const changed = await draft(w, { title: "Changed since signing" });
    const at = new Date().toISOString();
    const sign = (statementId: number, confirmedTextVersion: number) =>
      w.convene.db
        .insertInto("statementSignatures")
        .values({
          statementId,
          organisationId: w.orgs[0]!,
          named: 1,
          confirmedTextVersion,
          signedById: w.member.id,
          signedByName: "M",
          createdAt: at,
          updatedAt: at,
        })
        .execute();
    await sign(signed.id, 1);
    await sign(changed.id, 1);
    await w.convene.db.updateTable("statements").set({ textVersion: 2 }).where("id", "=", changed.id).execute();

    const mine = (await json(await call(w.app, "GET", `/api/feed/needs-you?cycleId=${w.cycle.id}`, { cookie: w.member.cookie })))
      .organisations[0];
    expect(mine.proposalsAwaiting).toEqual([expect.objectContaining({ id: waiting.id, question: "Waiting", closesAt: waiting.closesAt })]);
    expect(mine.statementsAwaiting).toEqual([
      expect.objectContaining({ id: unsigned.id, toConfirm: false, deadline: unsigned.deadline }),
      expect.objectContaining({ id: changed.id, toConfirm: true }),
    ]);
    const theirs = (await json(await call(w.app, "GET", `/api/feed/needs-you?cycleId=${w.cycle.id}`, { cookie: w.other.cookie })))
      .organisations[0];
    expect(theirs.proposalsAwaiting.map((p: { question: string }) => p.question)).toEqual(["Waiting", "Given"]);
    expect(theirs.statementsAwaiting).toHaveLength(3);
  });

  it("shows proposals closed and statements published since the last visit, never a members-only one to an observer", async () => {
    const w = await setup();
    const marker = "MARKER-members-only";
    const pub = await propose(w, { question: "Public question", visibility: "public" });
    const hidden = await propose(w, { question: `${marker} question`, visibility: "members" });
    for (const p of [pub, hidden])
      await call(w.app, "POST", `/api/proposals/${p.id}/close`, {
        cookie: w.convenor.cookie,
        body: { version: p.version, outcome: `Agreed ${p.question}` },
      });
    const letter = await draft(w, { title: "Public letter", visibility: "public" });
    const secretLetter = await draft(w, { title: `${marker} letter`, visibility: "members" });
    for (const st of [letter, secretLetter])
      expect(
        (
          await call(w.app, "POST", `/api/statements/${st.id}/publish`, {
            cookie: w.convenor.cookie,
            body: { version: st.version, publishedOn: "2026-11-30" },
          })
        ).status,
      ).toBe(200);

    const asMember = await feedOf(w, w.member.cookie);
    const kinds = (f: Feed) =>
      f.items.filter((i) => i.kind === "proposal_closed" || i.kind === "statement_published").map((i) => `${i.kind}:${i.id}`);
    expect(kinds(asMember).sort()).toEqual(
      [
        `proposal_closed:${pub.id}`,
        `proposal_closed:${hidden.id}`,
        `statement_published:${letter.id}`,
        `statement_published:${secretLetter.id}`,
      ].sort(),
    );
    const observed = await call(w.app, "GET", "/api/feed", { cookie: w.observer.cookie });
    const text = await observed.text();
    expect(text).not.toContain(marker);
    expect(kinds(JSON.parse(text)).sort()).toEqual([`proposal_closed:${pub.id}`, `statement_published:${letter.id}`].sort());
  });
});
