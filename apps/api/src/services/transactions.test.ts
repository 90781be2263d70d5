/**
 * One transaction per write: a write made of several rows commits whole or not at all. Each test
 * makes the second half of a write fail — a rule refusing it, or a failure injected with a
 * database trigger — and checks that nothing of the first half was kept.
 */
import { type Db, openDatabase } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { type KyselyPlugin, sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditOf, type Convene, call, json, makeCycle, makeGoal, makeMeasure, person, world } from "../test-support.ts";
import { updateGoal } from "./goals.ts";
import { exportableTables, exportDatabase, restoreDatabase } from "./json-export.ts";

let open: Convene | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await open?.close();
  open = undefined;
});

async function setup() {
  const w = await world();
  open = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  return { ...w, cycle };
}

/**
 * Makes every insert into `table` fail from now on (or those matching `when`, written against
 * the new row as `new.column`), as a full disk or a lost connection would: a trigger on either engine.
 */
async function failInserts(db: Db, table: string, when = "true") {
  if (testEngine === "postgres") {
    await sql
      .raw(
        `create function fail_${table}() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$;
         create trigger fail_${table} before insert on "${table}" for each row when (${when}) execute function fail_${table}();`,
      )
      .execute(db);
  } else {
    await sql
      .raw(`create trigger fail_${table} before insert on "${table}" when ${when} begin select raise(abort, 'injected failure'); end`)
      .execute(db);
  }
  // The server reports its own failure as a 500; keep the expected log line out of the test output.
  vi.spyOn(console, "error").mockImplementation(() => {});
}

const count = async (db: Db, table: "goals" | "meetingDecisions" | "measures" | "milestones") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function makeMeeting(convene: Convene, cookie: string) {
  const res = await call(convene.app, "POST", "/api/meetings", {
    cookie,
    body: { kind: "ad_hoc", title: "Emerging threat", startsAt: "2026-06-12T10:00:00Z", visibility: "members" },
  });
  expect(res.status).toBe(201);
  return (await json(res)).meeting as { id: number };
}

describe("one transaction per write", () => {
  it("a decision that creates a goal keeps no goal when recording the decision fails", async () => {
    const { convene, app, convenor, cycle } = await setup();
    const meeting = await makeMeeting(convene, convenor.cookie);
    const goalsBefore = await count(convene.db, "goals");
    await failInserts(convene.db, "meetingDecisions");

    const res = await call(app, "POST", `/api/meetings/${meeting.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "create_goal", text: "We adopt a new goal", goal: { cycleId: cycle.id, title: "Half-made goal" } },
    });

    expect(res.status).toBe(500);
    expect(await count(convene.db, "goals")).toBe(goalsBefore);
    const audit = await convene.db
      .selectFrom("auditEntries")
      .select("id")
      .where("entity", "=", "goal")
      .where("action", "=", "create")
      .execute();
    expect(audit).toHaveLength(0);
  });

  it("a decision whose goal change the goal rules refuse records no decision", async () => {
    const { convene, app, convenor, cycle } = await setup();
    const meeting = await makeMeeting(convene, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const renamed = await call(app, "PATCH", `/api/goals/${goal.id}`, {
      cookie: convenor.cookie,
      body: { version: goal.version, title: "Renamed" },
    });
    expect(renamed.status).toBe(200);

    // The decision is written first, then the goal change is refused: the goal version is stale.
    const res = await call(app, "POST", `/api/meetings/${meeting.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "change_goal", text: "We drop it", goalId: goal.id, goalVersion: goal.version, status: "dropped" },
    });

    expect(res.status).toBe(409);
    expect(await count(convene.db, "meetingDecisions")).toBe(0);
    expect(await auditOf(convene, "meeting_decision", 1)).toHaveLength(0);
    const after = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }));
    expect(after.goal).toMatchObject({ status: "not_started", title: "Renamed" });
  });

  it("copy forward keeps no copy when copying a measure fails", async () => {
    const { convene, app, convenor, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    const next = await makeCycle(app, convenor.cookie, { workshopDate: "2027-01-10", agmDate: "2027-12-10" });
    await failInserts(convene.db, "measures");

    const res = await call(app, "POST", `/api/goals/${goal.id}/copy-forward`, { cookie: convenor.cookie, body: { cycleId: next.id } });

    expect(res.status).toBe(500);
    expect(await convene.db.selectFrom("goals").select("id").where("cycleId", "=", next.id).execute()).toHaveLength(0);
    const audit = await convene.db.selectFrom("auditEntries").select("id").where("action", "=", "copy_forward").execute();
    expect(audit).toHaveLength(0);
  });

  it("a goal import keeps none of its goals when a later goal's measure fails", async () => {
    const { convene, app, convenor, cycle } = await setup();
    const goalsBefore = await count(convene.db, "goals");
    await failInserts(convene.db, "measures", `new.name = 'Poisoned'`);
    const csv = [
      "title,measure_name,measure_kind,baseline,target",
      "First goal,Meetings,number,0,6",
      "Second goal,Poisoned,number,0,6",
    ].join("\n");

    const res = await call(app, "POST", "/api/data/goals/import", { cookie: convenor.cookie, body: { cycleId: cycle.id, csv } });

    expect(res.status).toBe(500);
    expect(await count(convene.db, "goals")).toBe(goalsBefore);
    expect(await count(convene.db, "measures")).toBe(0);
  });

  it("recording an alert as a milestone keeps no milestone when the alert's version is stale", async () => {
    const { convene, app, convenor } = await setup();
    const raised = await call(app, "POST", "/api/alerts", {
      cookie: convenor.cookie,
      body: {
        title: "Threat",
        situation: "Something is happening",
        ask: "Sign the letter",
        urgency: "high",
        deadline: new Date(Date.now() + 86_400_000 * 3).toISOString(),
        visibility: "members",
      },
    });
    expect(raised.status).toBe(201);
    const alert = (await json(raised)).alert as { id: number; version: number };
    const closed = await call(app, "POST", `/api/alerts/${alert.id}/close`, {
      cookie: convenor.cookie,
      body: { version: alert.version, outcome: "The letter went out", successful: true },
    });
    expect(closed.status).toBe(200);
    const milestonesBefore = await count(convene.db, "milestones");

    const res = await call(app, "POST", `/api/alerts/${alert.id}/milestone`, { cookie: convenor.cookie, body: { version: alert.version } });

    expect(res.status).toBe(409);
    expect(await count(convene.db, "milestones")).toBe(milestonesBefore);
  });
});

/** Counts the statements a piece of work sends to the database. */
function statementCounter() {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { counter, plugin };
}

describe("a goal PATCH", () => {
  it("reads the goal once and returns it as a fresh read shows it", async () => {
    const { convene, app, convenor, cycle } = await setup();
    const orgs = await convene.db.selectFrom("organisations").select("id").orderBy("id").limit(3).execute();
    const theme = await convene.db.selectFrom("themes").select("id").executeTakeFirstOrThrow();
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, supportingOrganisationIds: [orgs[2]!.id] });
    await makeMeasure(app, convenor.cookie, { goalId: goal.id });
    const { counter, plugin } = statementCounter();
    const counted = convene.db.withPlugin(plugin);
    const actor = { id: convenor.id, name: "convenor" };
    const current = (await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }))).goal;

    // A plain edit: read the goal (4 statements), update it, bump the cached answers' version, audit it.
    const titled = await counted
      .transaction()
      .execute((trx) => updateGoal(trx, actor, goal.id, { version: current.version, title: "New title" }));
    expect(counter.statements).toBe(7);

    // Every field that joins another table: theme, lead and supporters.
    counter.statements = 0;
    const moved = await counted.transaction().execute((trx) =>
      updateGoal(trx, actor, goal.id, {
        version: titled.version,
        themeId: theme.id,
        leadOrganisationId: orgs[0]!.id,
        supportingOrganisationIds: [orgs[1]!.id],
        status: "at_risk",
      }),
    );
    // At most 10 for the edit, and a fixed number for the stored-progress upkeep a status change
    // needs (queries/stored-progress.ts), whatever the size of the goal's cycle, and a fixed few for
    // the lead organisation's notice (its people, their preferences, the inbox rows, the hooks).
    expect(counter.statements).toBeLessThanOrEqual(10 + 18 + 4);

    const fresh = (await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }))).goal;
    expect(moved).toEqual(fresh);
  });

  it("answers the HTTP PATCH with the goal a fresh read shows", async () => {
    const { app, convenor, cycle } = await setup();
    const member = await person(open!, "member");
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    const res = await call(app, "PATCH", `/api/goals/${goal.id}`, {
      cookie: convenor.cookie,
      body: { version: goal.version, title: "Renamed", leadOrganisationId: member.organisationId },
    });
    expect(res.status).toBe(200);
    const fresh = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }));
    expect((await json(res)).goal).toEqual(fresh.goal);
  });
});

describe("accounts and restore in one transaction", () => {
  /** An invitation link's token, made by the convenor through the API. */
  async function invitation(app: Convene["app"], cookie: string, email: string) {
    const res = await call(app, "POST", "/api/accounts/invitations", { cookie, body: { email, name: "New Person", role: "observer" } });
    expect(res.status).toBe(201);
    return new URL((await json(res)).link).searchParams.get("token")!;
  }

  it("accepting an invitation makes no account, and keeps the link usable, when the audit entry fails", async () => {
    const { convene, app, convenor } = await setup();
    const token = await invitation(app, convenor.cookie, "half@example.org");
    await failInserts(convene.db, "auditEntries", "new.entity = 'user'");

    const res = await call(app, "POST", `/api/invitations/${token}/accept`, { body: { password: "a long enough password" } });

    expect(res.status).toBe(500);
    // Better Auth's own writes (the user and its password login) were in the same transaction.
    expect(await convene.db.selectFrom("user").select("id").where("email", "=", "half@example.org").execute()).toEqual([]);
    const link = await convene.db.selectFrom("invitations").select("usedAt").where("email", "=", "half@example.org").executeTakeFirst();
    expect(link?.usedAt).toBeNull();
  });

  it("disabling an account leaves it enabled, and its session working, when the audit entry fails", async () => {
    const { convene, app, convenor, member } = await setup();
    await failInserts(convene.db, "auditEntries", "new.entity = 'user'");

    const res = await call(app, "POST", `/api/accounts/${member.id}/disable`, { cookie: convenor.cookie });

    expect(res.status).toBe(500);
    const row = await convene.db.selectFrom("user").select("banned").where("id", "=", member.id).executeTakeFirstOrThrow();
    expect(Boolean(row.banned)).toBe(false);
    expect((await json(await call(app, "GET", "/api/me", { cookie: member.cookie }))).user).toMatchObject({ id: member.id });
  });

  it("a restore keeps no row when its last write fails", async () => {
    const { convene, app, convenor, cycle } = await setup();
    await makeGoal(app, convenor.cookie, { cycleId: cycle.id, title: "Kept only whole" });
    const doc = await exportDatabase(convene.db);
    const target = await openDatabase(await freshTestDatabase());
    try {
      // The restore's own audit entry is the last thing it writes.
      await failInserts(target.db, "auditEntries", "new.entity = 'database'");
      await expect(target.db.transaction().execute((trx) => restoreDatabase(trx, doc))).rejects.toThrow(/injected failure/);
      const tables = await exportableTables(target.db);
      const counts = await Promise.all(
        tables.map(async (t) =>
          Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(target.db)).rows[0]?.n),
        ),
      );
      expect(Object.fromEntries(tables.map((t, i) => [t, counts[i]]).filter(([, n]) => n !== 0))).toEqual({});
    } finally {
      await target.close();
    }
  });
});
