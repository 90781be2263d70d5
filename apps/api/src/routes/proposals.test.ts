import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, organisationIds, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  // A second member of the first organisation, and a member of a second organisation.
  const [colleague, other] = await Promise.all([person(w.convene, "member", orgs[0]), person(w.convene, "member", orgs[1])]);
  return { ...w, orgs, colleague, other };
}
type App = Awaited<ReturnType<typeof setup>>["app"];

async function propose(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/proposals", {
    cookie,
    body: { question: "Shall we write to the Foreign Secretary?", kind: "consent", closesAt: inDays(7), quorum: 2, ...fields },
  });
  if (res.status !== 201) throw new Error(`propose: ${res.status} ${await res.text()}`);
  return (await json(res)).proposal as { id: number; version: number; state: string; tally: { organisations: number } };
}

describe("proposals", () => {
  it("the convenor puts a question, audited; members and observers cannot", async () => {
    const { app, convenor, member, observer, convene: c } = await setup();
    const p = await propose(app, convenor.cookie);
    expect(p).toMatchObject({ state: "open", version: 1, tally: { organisations: 0 } });
    expect((await auditOf(c, "proposal", p.id))[0]).toMatchObject({ action: "create", userId: convenor.id });
    const body = { question: "Q", kind: "consent", closesAt: inDays(1), quorum: 1 };
    expect((await call(app, "POST", "/api/proposals", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/proposals", { cookie: observer.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/proposals", { body })).status).toBe(401);
  });

  it("names the bad fields in plain words", async () => {
    const { app, convenor } = await setup();
    const res = await call(app, "POST", "/api/proposals", {
      cookie: convenor.cookie,
      body: { kind: "consent", closesAt: inDays(1), quorum: 1 },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.fields).toEqual([{ field: "question", message: "Enter the question" }]);
  });

  it("keeps one position per organisation: a second member's change replaces it and records who did", async () => {
    const { app, convenor, member, colleague, convene: c } = await setup();
    const p = await propose(app, convenor.cookie);
    const first = await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { stance: "agree" } });
    expect(first.status).toBe(201);
    const second = await call(app, "PUT", `/api/proposals/${p.id}/position`, {
      cookie: colleague.cookie,
      body: { stance: "disagree", reason: "Not this month" },
    });
    expect(second.status).toBe(200);
    const page = await json(await call(app, "GET", `/api/proposals/${p.id}`, { cookie: member.cookie }));
    expect(page.proposal.tally).toMatchObject({ organisations: 1, stances: { agree: 0, disagree: 1 } });
    expect(page.positions).toHaveLength(1);
    expect(page.positions[0]).toMatchObject({
      organisationId: member.organisationId,
      stance: "disagree",
      givenByName: expect.stringContaining("member"),
    });
    const rows = await c.db.selectFrom("proposalPositions").selectAll().where("proposalId", "=", p.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.givenById).toBe(colleague.id);
    expect((await auditOf(c, "proposal_position", rows[0]!.id)).map((a) => a.action)).toEqual(["update", "create"]);
  });

  it("refuses a block with no reason (400) and a member speaking for another organisation (403)", async () => {
    const { app, convenor, member, orgs } = await setup();
    const p = await propose(app, convenor.cookie);
    const block = await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { stance: "block" } });
    expect(block.status).toBe(400);
    expect((await json(block)).error.details.fields).toEqual([{ field: "reason", message: "Give a reason for blocking" }]);
    const elsewhere = await call(app, "PUT", `/api/proposals/${p.id}/position`, {
      cookie: member.cookie,
      body: { organisationId: orgs[1], stance: "agree" },
    });
    expect(elsewhere.status).toBe(403);
  });

  it("takes no position after closing (409), and refuses a stale version (409)", async () => {
    const { app, convenor, member } = await setup();
    const p = await propose(app, convenor.cookie);
    const closed = await call(app, "POST", `/api/proposals/${p.id}/close`, { cookie: convenor.cookie, body: { version: 1 } });
    expect(closed.status).toBe(200);
    const late = await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { stance: "agree" } });
    expect(late.status).toBe(409);
    // Its own code, as a closed alert's `alert_closed`, so the dashboard can tell it from a stale version.
    expect((await json(late)).error).toMatchObject({ code: "proposal_closed", message: expect.stringContaining("has closed") });
    const edit = await call(app, "PATCH", `/api/proposals/${p.id}`, { cookie: convenor.cookie, body: { version: 2, question: "Again?" } });
    expect(edit.status).toBe(409);
    expect((await json(edit)).error.code).toBe("proposal_closed");
    const stale = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: 1, outcome: "Agreed" },
    });
    expect(stale.status).toBe(409);
    const outcome = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: 2, outcome: "Agreed" },
    });
    expect((await json(outcome)).proposal).toMatchObject({ state: "closed", outcome: "Agreed", version: 3 });
  });

  it("counts the quorum in organisations and lists, for the convenor only, who has not given a position", async () => {
    const { app, convenor, member, colleague, other, orgs } = await setup();
    const p = await propose(app, convenor.cookie, { quorum: 2 });
    await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { stance: "agree" } });
    await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: colleague.cookie, body: { stance: "agree" } });
    let results = await json(await call(app, "GET", `/api/proposals/${p.id}/results`, { cookie: convenor.cookie }));
    // Two people, one organisation: no quorum.
    expect(results.result).toEqual({ kind: "no_quorum", organisations: 1, quorum: 2 });
    await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: other.cookie, body: { stance: "abstain" } });
    results = await json(await call(app, "GET", `/api/proposals/${p.id}/results`, { cookie: convenor.cookie }));
    expect(results.result).toEqual({ kind: "consent_given" });
    const notGiven = results.notGiven.map((o: { id: number }) => o.id);
    expect(notGiven).not.toContain(orgs[0]);
    expect(notGiven).not.toContain(orgs[1]);
    expect(notGiven).toHaveLength(orgs.length - 2);
    expect((await call(app, "GET", `/api/proposals/${p.id}/results`, { cookie: member.cookie })).status).toBe(403);
  });

  it("shows a position the convenor recorded for an organisation as recorded by the convenor", async () => {
    const { app, convenor, member, other, orgs } = await setup();
    const p = await propose(app, convenor.cookie);
    await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { stance: "agree" } });
    const recorded = await call(app, "PUT", `/api/proposals/${p.id}/position`, {
      cookie: convenor.cookie,
      body: { organisationId: orgs[1], stance: "disagree", reason: "Said at the meeting on Tuesday" },
    });
    expect(recorded.status).toBe(201);
    const page = await json(await call(app, "GET", `/api/proposals/${p.id}`, { cookie: member.cookie }));
    const byOrg = Object.fromEntries(page.positions.map((x: { organisationId: number }) => [x.organisationId, x]));
    expect(byOrg[orgs[0]!]).toMatchObject({ stance: "agree", recordedByConvenor: false });
    expect(byOrg[orgs[1]!]).toMatchObject({ stance: "disagree", recordedByConvenor: true });
    const theirs = await json(await call(app, "GET", `/api/proposals/${p.id}`, { cookie: other.cookie }));
    expect(theirs.proposal.myPosition).toMatchObject({ stance: "disagree", recordedByConvenor: true });
  });

  it("checks positions against the kind: a time takes slot indexes", async () => {
    const { app, convenor, member } = await setup();
    const p = await propose(app, convenor.cookie, { kind: "time", options: ["Tue 10:00", "Wed 14:00"] });
    const bad = await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { choices: [2] } });
    expect(await badFields(bad)).toEqual(["choices"]);
    const ok = await call(app, "PUT", `/api/proposals/${p.id}/position`, { cookie: member.cookie, body: { choices: [0, 1] } });
    expect((await json(ok)).proposal.tally.options).toEqual([1, 1]);
  });

  it("hides members-only proposals from observers (404), and extends and withdraws for the convenor", async () => {
    const { app, convenor, observer } = await setup();
    const p = await propose(app, convenor.cookie, { visibility: "members" });
    expect((await call(app, "GET", `/api/proposals/${p.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await json(await call(app, "GET", "/api/proposals", { cookie: observer.cookie }))).proposals).toEqual([]);
    const extended = await call(app, "POST", `/api/proposals/${p.id}/extend`, {
      cookie: convenor.cookie,
      body: { version: 1, closesAt: inDays(14) },
    });
    expect(extended.status).toBe(200);
    const withdrawn = await call(app, "POST", `/api/proposals/${p.id}/withdraw`, { cookie: convenor.cookie, body: { version: 2 } });
    expect((await json(withdrawn)).proposal.state).toBe("withdrawn");
  });
});

describe("a proposal's links to an alert, a meeting and a goal", () => {
  async function meetingOf(app: App, cookie: string, fields: Record<string, unknown>) {
    const res = await call(app, "POST", "/api/meetings", {
      cookie,
      body: { kind: "ad_hoc", title: "Coordination call", startsAt: "2026-06-12T10:00:00Z", visibility: "members", ...fields },
    });
    if (res.status !== 201) throw new Error(`meeting: ${res.status} ${await res.text()}`);
    return (await json(res)).meeting as { id: number; version: number };
  }
  async function alertOf(app: App, cookie: string, fields: Record<string, unknown>) {
    const res = await call(app, "POST", "/api/alerts", {
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
    if (res.status !== 201) throw new Error(`alert: ${res.status} ${await res.text()}`);
    return (await json(res)).alert as { id: number };
  }

  it("shows each linked record's title to a viewer who may see it, and nothing of a hidden one", async () => {
    const { app, convenor, member } = await setup();
    const cycle = await makeCycle(app, convenor.cookie);
    const secret = { goal: "MARKER-convenor-goal", meeting: "MARKER-convenor-meeting", alert: "MARKER-convenor-alert" };
    const hiddenGoal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: secret.goal, visibility: "convenor" });
    const hiddenMeeting = await meetingOf(app, convenor.cookie, { title: secret.meeting, visibility: "convenor" });
    const hiddenAlert = await alertOf(app, convenor.cookie, { title: secret.alert, visibility: "convenor" });
    const hidden = await propose(app, convenor.cookie, { goalId: hiddenGoal.id, meetingId: hiddenMeeting.id, alertId: hiddenAlert.id });

    const seen = await call(app, "GET", `/api/proposals/${hidden.id}`, { cookie: member.cookie });
    expect(seen.status).toBe(200);
    const text = await seen.text();
    for (const marker of Object.values(secret)) expect(text).not.toContain(marker);
    expect(JSON.parse(text).proposal.links).toEqual({ alert: null, meeting: null, goal: null });
    const listed = await (await call(app, "GET", "/api/proposals", { cookie: member.cookie })).text();
    for (const marker of Object.values(secret)) expect(listed).not.toContain(marker);

    const asConvenor = await json(await call(app, "GET", `/api/proposals/${hidden.id}`, { cookie: convenor.cookie }));
    expect(asConvenor.proposal.links).toEqual({
      alert: { id: hiddenAlert.id, title: secret.alert },
      meeting: { id: hiddenMeeting.id, title: secret.meeting, startsAt: "2026-06-12T10:00:00.000Z" },
      goal: { id: hiddenGoal.id, title: secret.goal, cycleId: cycle.id },
    });

    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Shared goal" });
    const meeting = await meetingOf(app, convenor.cookie, { title: "Shared meeting" });
    const alert = await alertOf(app, convenor.cookie, { title: "Shared alert" });
    const shared = await propose(app, convenor.cookie, { goalId: goal.id, meetingId: meeting.id, alertId: alert.id });
    const asMember = await json(await call(app, "GET", `/api/proposals/${shared.id}`, { cookie: member.cookie }));
    expect(asMember.proposal.links).toMatchObject({
      alert: { id: alert.id, title: "Shared alert" },
      meeting: { id: meeting.id, title: "Shared meeting" },
      goal: { id: goal.id, title: "Shared goal" },
    });

    // A deleted meeting or goal is simply not shown any more.
    expect((await call(app, "DELETE", `/api/meetings/${meeting.id}`, { cookie: convenor.cookie })).status).toBe(200);
    expect((await call(app, "DELETE", `/api/goals/${goal.id}`, { cookie: convenor.cookie })).status).toBe(200);
    const after = await json(await call(app, "GET", `/api/proposals/${shared.id}`, { cookie: convenor.cookie }));
    expect(after.proposal.links).toMatchObject({ meeting: null, goal: null, alert: { id: alert.id } });
  });

  it("refuses a deleted meeting as it refuses a missing one (400, in plain words)", async () => {
    const { app, convenor } = await setup();
    const meeting = await meetingOf(app, convenor.cookie, {});
    expect((await call(app, "DELETE", `/api/meetings/${meeting.id}`, { cookie: convenor.cookie })).status).toBe(200);
    const body = { question: "Q", kind: "consent", closesAt: inDays(1), quorum: 1 };
    for (const meetingId of [meeting.id, 99_999]) {
      const res = await call(app, "POST", "/api/proposals", { cookie: convenor.cookie, body: { ...body, meetingId } });
      expect(res.status).toBe(400);
      expect((await json(res)).error.details.fields).toEqual([{ field: "meetingId", message: "There is no such meeting" }]);
    }
  });

  it("lists a meeting's proposals on its page, each only to a viewer who may see it", async () => {
    const { app, convenor, member, observer } = await setup();
    const meeting = await meetingOf(app, convenor.cookie, { visibility: "public" });
    const open = await propose(app, convenor.cookie, { meetingId: meeting.id, question: "Shall we meet the minister?" });
    const marker = "MARKER-convenor-only-proposal";
    await propose(app, convenor.cookie, { meetingId: meeting.id, question: marker, visibility: "convenor" });
    await propose(app, convenor.cookie, { question: "Not for this meeting" });

    const asMember = await json(await call(app, "GET", `/api/meetings/${meeting.id}`, { cookie: member.cookie }));
    expect(asMember.proposals).toEqual([
      expect.objectContaining({ id: open.id, question: "Shall we meet the minister?", state: "open", kind: "consent" }),
    ]);
    const asObserver = await call(app, "GET", `/api/meetings/${meeting.id}`, { cookie: observer.cookie });
    const text = await asObserver.text();
    expect(JSON.parse(text).proposals).toEqual([]);
    expect(text).not.toContain(marker);
    const asConvenor = await json(await call(app, "GET", `/api/meetings/${meeting.id}`, { cookie: convenor.cookie }));
    expect(asConvenor.proposals.map((p: { question: string }) => p.question)).toEqual(["Shall we meet the minister?", marker]);
  });
});
