/** The scheduled reminder scan and the notifications written with a change: who is told, once. */
import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeConvene, makeCycle, makeGoal, organisationIds, type Person, person } from "../test-support.ts";
import { scanReminders } from "./reminders.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const c = await makeConvene();
  cleanups.push(c.close);
  const orgs = await organisationIds(c);
  const [convenor, first, second, observer] = await Promise.all([
    person(c, "convenor"),
    person(c, "member", orgs[0]),
    person(c, "member", orgs[1]),
    person(c, "observer"),
  ]);
  return { c, orgs, convenor, first, second, observer };
}

const inbox = async (c: Convene, p: Person) => json(await call(c.app, "GET", "/api/notifications", { cookie: p.cookie }));
const kinds = async (c: Convene, p: Person) => (await inbox(c, p)).notifications.map((n: { kind: string }) => n.kind).sort();

describe("the reminder scan", () => {
  it("tells an organisation that has not answered an alert closing within a day, once however often it runs", async () => {
    const { c, orgs, first, second, observer } = await setup();
    const res = await call(c.app, "POST", "/api/alerts", {
      cookie: first.cookie,
      body: {
        title: "Closing",
        situation: "S",
        ask: "A",
        urgency: "routine",
        deadline: addDays(new Date(), 3).toISOString(),
        visibility: "members",
      },
    });
    const alert = (await json(res)).alert;
    expect(
      (
        await call(c.app, "PUT", `/api/alerts/${alert.id}/answer`, {
          cookie: first.cookie,
          body: { organisationId: orgs[0], response: "join" },
        })
      ).status,
    ).toBeLessThan(300);
    // Two days from now the alert closes within a day; two scans, as two servers would run.
    const later = addDays(new Date(), 2.5);
    await scanReminders(c.db, later);
    await scanReminders(c.db, later);
    const told = (await inbox(c, second)).notifications.filter((n: { kind: string }) => n.kind === "alert_closing");
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe("Closing within a day: Closing");
    // The organisation that answered is not reminded; the observer may not see a members' alert.
    expect(await kinds(c, first)).not.toContain("alert_closing");
    expect((await inbox(c, observer)).total).toBe(0);
    // Closing reminders are emailed at once, once.
    const emails = await c.db.selectFrom("outbox").select("payload").where("channel", "=", "email").execute();
    expect(emails.filter((e) => e.payload.includes("Closing within a day"))).toHaveLength(
      (await c.db.selectFrom("notifications").select("id").where("kind", "=", "alert_closing").execute()).length,
    );
  });

  it("reminds only those who may sign for an organisation of a statement closing, and asks again after the text changes", async () => {
    const { c, orgs, convenor, first, second } = await setup();
    const colleague = await person(c, "member", orgs[0]);
    const made = await call(c.app, "POST", "/api/statements", {
      cookie: convenor.cookie,
      body: { title: "Letter", text: "We ask.", deadline: addDays(new Date(), 3).toISOString(), visibility: "members" },
    });
    expect(made.status).toBe(201);
    const statement = (await json(made)).statement;
    // Only `first` may sign for the first organisation; nobody is marked for the second.
    const marked = await call(c.app, "PUT", `/api/statements/${statement.id}/signers/${orgs[0]}`, {
      cookie: convenor.cookie,
      body: { userIds: [first.id] },
    });
    expect(marked.status).toBe(200);
    const closing = async (p: Person) =>
      (await inbox(c, p)).notifications
        .filter((n: { kind: string }) => n.kind === "statement_closing")
        .map((n: { summary: string }) => n.summary);
    const later = addDays(new Date(), 2.5);
    await scanReminders(c.db, later);
    expect(await closing(first)).toEqual([expect.stringContaining("has not signed yet")]);
    expect(await closing(colleague)).toEqual([]);
    expect(await closing(second)).toEqual([]);

    // Signed, then the text changes: the signature is not on the text now, so `first` is asked again.
    const signed = await call(c.app, "PUT", `/api/statements/${statement.id}/signature`, {
      cookie: first.cookie,
      body: { named: true, textVersion: 1 },
    });
    expect(signed.status).toBe(201);
    await scanReminders(c.db, later);
    expect(await closing(first)).toHaveLength(1);
    const edited = await call(c.app, "PATCH", `/api/statements/${statement.id}`, {
      cookie: convenor.cookie,
      body: { version: statement.version, text: "We ask, again." },
    });
    expect(edited.status).toBe(200);
    await scanReminders(c.db, later);
    await scanReminders(c.db, later);
    const after = await closing(first);
    expect(after).toHaveLength(2);
    expect(after[0]).toContain("has not confirmed the new text yet");
    expect(await closing(colleague)).toEqual([]);
  });

  it("tells people who may attend of a meeting in the coming week, at the level they may see", async () => {
    const { c, convenor, first, observer } = await setup();
    for (const visibility of ["members", "public"]) {
      const res = await call(c.app, "POST", "/api/meetings", {
        cookie: convenor.cookie,
        body: { kind: "ad_hoc", title: `Meeting ${visibility}`, startsAt: addDays(new Date(), 3).toISOString(), visibility },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await scanReminders(c.db, new Date());
    await scanReminders(c.db, new Date());
    const mine = (await inbox(c, first)).notifications.filter((n: { kind: string }) => n.kind === "meeting_soon");
    expect(mine).toHaveLength(2);
    expect(mine[0].entity).toBe("meeting");
    // Observers are not asked to attend.
    expect((await inbox(c, observer)).total).toBe(0);
  });

  it("tells the lead organisation of a goal waiting for an update, once per update interval", async () => {
    const { c, orgs, convenor, first, second } = await setup();
    const cycle = await makeCycle(c.app, convenor.cookie);
    await makeGoal(c.app, convenor.cookie, { cycleId: cycle.id, title: "Quiet goal", leadOrganisationId: orgs[0], visibility: "members" });
    // The cycle asks for an update every 42 days: quiet since creation, it is waiting on day 43.
    const now = new Date();
    await scanReminders(c.db, addDays(now, 10));
    expect(await kinds(c, first)).not.toContain("goal_waiting");
    await scanReminders(c.db, addDays(now, 43));
    await scanReminders(c.db, addDays(now, 44));
    const waiting = (await inbox(c, first)).notifications.filter((n: { kind: string }) => n.kind === "goal_waiting");
    expect(waiting.map((n: { title: string }) => n.title)).toEqual(["Waiting for an update: Quiet goal"]);
    expect(await kinds(c, second)).not.toContain("goal_waiting");
  });
});

describe("notifications written with the change", () => {
  it("tell the lead organisation of a change to its goal, not whoever made it", async () => {
    const { c, orgs, convenor, first, second } = await setup();
    const cycle = await makeCycle(c.app, convenor.cookie);
    const goal = await makeGoal(c.app, convenor.cookie, {
      cycleId: cycle.id,
      title: "Led goal",
      leadOrganisationId: orgs[0],
      visibility: "members",
    });
    const res = await call(c.app, "PATCH", `/api/goals/${goal.id}`, {
      cookie: convenor.cookie,
      body: { version: goal.version, status: "at_risk" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const changed = (await inbox(c, first)).notifications.filter((n: { kind: string }) => n.kind === "goal_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0].summary).toContain("changed its status");
    expect(await kinds(c, second)).not.toContain("goal_changed");
    expect(await kinds(c, convenor)).not.toContain("goal_changed");
  });

  it("tell the lead organisation of an update posted on its goal by a supporting organisation or the convenor, at the update's level", async () => {
    const { c, orgs, convenor, first, second } = await setup();
    const colleague = await person(c, "member", orgs[0]);
    const cycle = await makeCycle(c.app, convenor.cookie);
    const goal = await makeGoal(c.app, convenor.cookie, {
      cycleId: cycle.id,
      title: "Shared goal",
      leadOrganisationId: orgs[0],
      supportingOrganisationIds: [orgs[1]!],
      visibility: "members",
    });
    const post = async (who: Person, body: Record<string, unknown>) => {
      const res = await call(c.app, "POST", "/api/updates", { cookie: who.cookie, body: { goalId: goal.id, values: [], ...body } });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    const updates = async (p: Person) =>
      (await inbox(c, p)).notifications
        .filter((n: { title: string }) => n.title.startsWith("Update on a goal you lead"))
        .map((n: { summary: string }) => n.summary);
    await post(second, { note: "We briefed the APPG on the findings." });
    expect(await updates(first)).toEqual([expect.stringMatching(/^member \d+ posted an update on it\.$/)]);
    expect(await updates(colleague)).toHaveLength(1);
    // The lead organisation's own update is no news to it; a convenor-only update reaches no member.
    await post(first, { note: "Our own update" });
    await post(convenor, { note: "A convenor-only word", visibility: "convenor" });
    expect(await updates(colleague)).toHaveLength(1);
    expect(await updates(second)).toEqual([]);
  });
});
