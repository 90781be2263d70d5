import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { auditOf, type Convene, call, json, makeCycle, makeGoal, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();

async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  return { ...w, cycle };
}
type App = Awaited<ReturnType<typeof setup>>["app"];

/** A proposal put and closed early, ready for its outcome. */
async function closedProposal(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/proposals", {
    cookie,
    body: { question: "Shall we take on a self-care goal?", kind: "consent", closesAt: inDays(7), quorum: 1, ...fields },
  });
  const { proposal } = await json(res);
  const closed = await json(
    await call(app, "POST", `/api/proposals/${proposal.id}/close`, { cookie, body: { version: proposal.version } }),
  );
  return closed.proposal as { id: number; version: number };
}

describe("a proposal's outcome as a decision", () => {
  it("creates a goal by the meeting-decision rules, in the decisions log as decided by proposal", async () => {
    const { app, convenor, member, observer, cycle, convene: c } = await setup();
    const p = await closedProposal(app, convenor.cookie, { visibility: "members" });
    const res = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: {
        version: p.version,
        outcome: "Agreed: a self-care guide",
        decision: { action: "create_goal", goal: { cycleId: cycle.id, title: "Self-care guide" } },
      },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.proposal).toMatchObject({ state: "closed", outcome: "Agreed: a self-care guide" });
    expect(body.decision).toMatchObject({ proposalId: p.id, meetingId: null, goalAction: "created", text: "Agreed: a self-care guide" });
    const goal = await c.db.selectFrom("goals").selectAll().where("id", "=", body.decision.goalId).executeTakeFirstOrThrow();
    // The goal takes the proposal's visibility, as a meeting decision's goal takes the meeting's.
    expect(goal).toMatchObject({ title: "Self-care guide", visibility: "members", description: "Agreed: a self-care guide" });
    expect((await auditOf(c, "goal", goal.id))[0]).toMatchObject({ action: "create" });
    expect((await auditOf(c, "meeting_decision", body.decision.id))[0]).toMatchObject({ action: "create" });

    const forGoal = await json(await call(app, "GET", `/api/meetings/for-goal/${goal.id}`, { cookie: member.cookie }));
    expect(forGoal.meetings).toEqual([]);
    expect(forGoal.proposals).toEqual([
      expect.objectContaining({ id: p.id, question: "Shall we take on a self-care goal?", goalAction: "created" }),
    ]);
    const seenByObserver = await json(await call(app, "GET", `/api/meetings/for-goal/${goal.id}`, { cookie: observer.cookie }));
    expect(seenByObserver.proposals).toEqual([]);
  });

  it("changes a goal with its version; a stale goal version takes the outcome back with it (409)", async () => {
    const { app, convenor, cycle, convene: c } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const p = await closedProposal(app, convenor.cookie);
    const stale = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: {
        version: p.version,
        outcome: "Drop it",
        decision: { action: "change_goal", goalId: goal.id, goalVersion: goal.version + 5, status: "dropped" },
      },
    });
    expect(stale.status).toBe(409);
    expect(await c.db.selectFrom("proposals").select(["outcome", "version"]).where("id", "=", p.id).executeTakeFirst()).toEqual({
      outcome: null,
      version: p.version,
    });
    expect(await c.db.selectFrom("meetingDecisions").selectAll().where("proposalId", "=", p.id).execute()).toEqual([]);

    const noChange = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: p.version, outcome: "Drop it", decision: { action: "change_goal", goalId: goal.id, goalVersion: goal.version } },
    });
    expect(noChange.status).toBe(400);

    const ok = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: {
        version: p.version,
        outcome: "Drop it",
        decision: { action: "change_goal", goalId: goal.id, goalVersion: goal.version, status: "dropped" },
      },
    });
    expect(ok.status).toBe(200);
    expect((await json(ok)).decision).toMatchObject({ goalId: goal.id, goalAction: "changed" });
    expect(await c.db.selectFrom("goals").select("status").where("id", "=", goal.id).executeTakeFirst()).toEqual({ status: "dropped" });
  });

  it("appears in its linked meeting's decisions, never to a viewer who may not see the proposal", async () => {
    const { app, convenor, member, observer, convene: c } = await setup();
    const meeting = (
      await json(
        await call(app, "POST", "/api/meetings", {
          cookie: convenor.cookie,
          body: { kind: "ad_hoc", title: "Emerging threat", startsAt: "2026-06-12T10:00:00Z", visibility: "public" },
        }),
      )
    ).meeting;
    const p = await closedProposal(app, convenor.cookie, { visibility: "members", meetingId: meeting.id });
    const marker = "MARKER-members-only-outcome";
    const first = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: p.version, outcome: "First words" },
    });
    expect((await json(first)).decision).toMatchObject({ meetingId: meeting.id, proposalId: p.id, goalAction: null });
    // A correction with no goal effect rewrites the proposal's decision instead of logging a second one.
    const again = await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: p.version + 1, outcome: marker },
    });
    expect(again.status).toBe(200);
    expect(await c.db.selectFrom("meetingDecisions").select("text").where("proposalId", "=", p.id).execute()).toEqual([{ text: marker }]);

    const asMember = await json(await call(app, "GET", `/api/meetings/${meeting.id}`, { cookie: member.cookie }));
    expect(asMember.decisions).toEqual([
      expect.objectContaining({ text: marker, proposalId: p.id, proposalQuestion: "Shall we take on a self-care goal?" }),
    ]);
    expect(asMember.meeting.decisionCount).toBe(1);
    const observed = await call(app, "GET", `/api/meetings/${meeting.id}`, { cookie: observer.cookie });
    const text = await observed.text();
    expect(text).not.toContain(marker);
    expect(JSON.parse(text).meeting.decisionCount).toBe(0);
  });

  it("records no decision for a withdrawn proposal, and refuses it a goal effect (409)", async () => {
    const { app, convenor, cycle } = await setup();
    const created = await json(
      await call(app, "POST", "/api/proposals", {
        cookie: convenor.cookie,
        body: { question: "Q", kind: "consent", closesAt: inDays(3), quorum: 1 },
      }),
    );
    const w = await json(
      await call(app, "POST", `/api/proposals/${created.proposal.id}/withdraw`, {
        cookie: convenor.cookie,
        body: { version: 1, reason: "Overtaken" },
      }),
    );
    const refused = await call(app, "POST", `/api/proposals/${created.proposal.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: w.proposal.version, outcome: "x", decision: { action: "create_goal", goal: { cycleId: cycle.id, title: "x" } } },
    });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.code).toBe("proposal_withdrawn");
    const words = await call(app, "POST", `/api/proposals/${created.proposal.id}/outcome`, {
      cookie: convenor.cookie,
      body: { version: w.proposal.version, outcome: "Overtaken by events" },
    });
    expect((await json(words)).decision).toBeNull();
  });

  it("answers on the proposal's page the goal its outcome created or changed, only to a viewer who may see that goal", async () => {
    const { app, convenor, member, cycle } = await setup();
    const p = await closedProposal(app, convenor.cookie, { visibility: "members" });
    const created = await json(
      await call(app, "POST", `/api/proposals/${p.id}/outcome`, {
        cookie: convenor.cookie,
        body: {
          version: p.version,
          outcome: "Agreed",
          decision: { action: "create_goal", goal: { cycleId: cycle.id, title: "Self-care guide" } },
        },
      }),
    );
    const page = await json(await call(app, "GET", `/api/proposals/${p.id}`, { cookie: member.cookie }));
    expect(page.decisions).toEqual([
      expect.objectContaining({
        goalAction: "created",
        goalId: created.decision.goalId,
        goalTitle: "Self-care guide",
        goalStatus: "not_started",
      }),
    ]);

    // A convenor-only goal changed by a members' proposal: the member sees the decision, never the goal.
    const marker = "MARKER-convenor-only-goal";
    const hidden = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: marker, visibility: "convenor" });
    const q = await closedProposal(app, convenor.cookie, { visibility: "members", goalId: hidden.id });
    const changed = await call(app, "POST", `/api/proposals/${q.id}/outcome`, {
      cookie: convenor.cookie,
      body: {
        version: q.version,
        outcome: "Put it on hold",
        decision: { action: "change_goal", goalId: hidden.id, goalVersion: hidden.version, status: "at_risk" },
      },
    });
    expect(changed.status).toBe(200);
    const res = await call(app, "GET", `/api/proposals/${q.id}`, { cookie: member.cookie });
    const text = await res.text();
    expect(text).not.toContain(marker);
    expect(JSON.parse(text).decisions).toEqual([expect.objectContaining({ text: "Put it on hold", goalId: null, goalTitle: null })]);
    const asConvenor = await json(await call(app, "GET", `/api/proposals/${q.id}`, { cookie: convenor.cookie }));
    expect(asConvenor.decisions).toEqual([
      expect.objectContaining({ goalAction: "changed", goalId: hidden.id, goalTitle: marker, goalStatus: "at_risk" }),
    ]);
  });
});
