import { columnNames, tableNames } from "@convene/db";
import { addDays } from "@convene/domain";
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.ts";
import { listDormant, sweepDormant } from "../services/personal-data.ts";
import {
  type Convene,
  call,
  json,
  makeConvene,
  makeCycle,
  makeGoal,
  makeMeasure,
  organisationIds,
  PASSWORD,
  person,
  signIn,
  signInResponse,
} from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const NAME = "Zebedee Quillfeather";
const EMAIL = "zebedee.quillfeather@example.org";
const inDays = (days: number) => addDays(new Date(), days).toISOString();

/** Every (table, column) whose text holds `needle`, whatever its case: the whole database, read from the catalogue. */
async function whereItStands(db: Kysely<any>, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tableNames(db)) {
    for (const column of await columnNames(db, table)) {
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from ${sql.table(table)}
        where lower(cast(${sql.ref(column)} as text)) like ${`%${needle.toLowerCase()}%`}`.execute(db);
      if (Number(rows[0]?.n) > 0) found.push(`${table}.${column}`);
    }
  }
  return found;
}

/** A coalition where one member, Zebedee, has done a bit of everything; a colleague at another organisation too. */
async function setup(options: Parameters<typeof makeConvene>[0] = {}) {
  const c = await makeConvene(options);
  convene = c;
  const app = c.app;
  const orgs = await organisationIds(c);
  const convenor = await person(c, "convenor");
  const other = await person(c, "member", orgs[1]);
  const made = await createAccount(
    c.auth,
    c.db,
    { email: EMAIL, name: NAME, password: PASSWORD, role: "member", organisationId: orgs[0]! },
    { id: convenor.id, name: "convenor" },
  );
  // A mistyped password first: the failed sign-in is audited with the address.
  await signInResponse(app, EMAIL, "not the password at all");
  const zeb = { id: made.id, email: EMAIL, cookie: await signIn(app, EMAIL), organisationId: orgs[0]! };
  const orgName = (await c.db.selectFrom("organisations").select("name").where("id", "=", orgs[0]!).executeTakeFirstOrThrow()).name;

  const cycle = await makeCycle(app, convenor.cookie);
  const goal = await makeGoal(app, convenor.cookie, {
    cycleId: cycle.id,
    title: "A national atrocity prevention strategy",
    leadOrganisationId: orgs[0],
    supportingOrganisationIds: [orgs[1]!],
  });
  const measure = await makeMeasure(app, convenor.cookie, { goalId: goal.id });
  const ok = async (res: Response, _status?: number) => {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return json(res);
  };
  await ok(
    await call(app, "POST", "/api/updates", {
      cookie: zeb.cookie,
      body: { goalId: goal.id, note: "Briefed six MPs", status: "on_track", values: [{ measureId: measure.id, value: 6 }] },
    }),
  );
  await ok(await call(app, "POST", "/api/updates", { cookie: other.cookie, body: { goalId: goal.id, note: "Other's update" } }));
  await ok(
    await call(app, "POST", "/api/contributions", {
      cookie: zeb.cookie,
      body: { organisationId: orgs[0], kind: "drafted", date: "2026-03-04", description: "Drafted the joint briefing", goalId: goal.id },
    }),
  );
  await ok(
    await call(app, "POST", "/api/contributions", {
      cookie: other.cookie,
      body: { organisationId: orgs[1], kind: "spoke", date: "2026-03-05", description: "Spoke at the event" },
    }),
  );
  const alert = (
    await ok(
      await call(app, "POST", "/api/alerts", {
        cookie: zeb.cookie,
        body: {
          title: "Mass arrests reported",
          situation: "Country X",
          kind: "emerging_threat",
          urgency: "critical",
          ask: "Sign a joint statement",
          deadline: inDays(3),
          visibility: "members",
        },
      }),
    )
  ).alert as { id: number };
  const convenorAlert = (
    await ok(
      await call(app, "POST", "/api/alerts", {
        cookie: convenor.cookie,
        body: {
          title: "Election pledge",
          situation: "UK",
          kind: "opportunity",
          urgency: "critical",
          ask: "Write to candidates",
          deadline: inDays(3),
          visibility: "members",
        },
      }),
    )
  ).alert as { id: number };
  await ok(await call(app, "PUT", `/api/alerts/${convenorAlert.id}/answer`, { cookie: zeb.cookie, body: { response: "join" } }), 200);
  await ok(await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: other.cookie, body: { response: "cannot" } }), 200);
  const proposal = (
    await ok(
      await call(app, "POST", "/api/proposals", {
        cookie: convenor.cookie,
        body: { question: "Shall we write to the Foreign Secretary?", kind: "consent", closesAt: inDays(7), quorum: 2 },
      }),
    )
  ).proposal as { id: number };
  await ok(await call(app, "PUT", `/api/proposals/${proposal.id}/position`, { cookie: zeb.cookie, body: { stance: "agree" } }), 200);
  const statement = (
    await ok(
      await call(app, "POST", "/api/statements", {
        cookie: convenor.cookie,
        body: { title: "Open letter", text: "We ask you to act.", deadline: inDays(5), visibility: "public" },
      }),
    )
  ).statement as { id: number };
  await ok(
    await call(app, "PUT", `/api/statements/${statement.id}/signers/${orgs[0]}`, { cookie: convenor.cookie, body: { userIds: [zeb.id] } }),
    200,
  );
  await ok(
    await call(app, "PUT", `/api/statements/${statement.id}/signature`, { cookie: zeb.cookie, body: { named: true, textVersion: 1 } }),
    200,
  );
  return { convene: c, app, orgs, convenor, other, zeb, orgName, goal, alert, convenorAlert, proposal, statement };
}

describe("exporting a person's data", () => {
  it("holds the person's account, sessions, audit entries, writing, answers, positions, signatures and inbox, and nothing of others", async () => {
    const { app, convenor, zeb, other } = await setup();
    const res = await call(app, "GET", `/api/accounts/${zeb.id}/export`, { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="personal-data-/);
    const data = await json(res);
    expect(data.account).toMatchObject({ id: zeb.id, name: NAME, email: EMAIL, role: "member" });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.auditEntries.length).toBeGreaterThan(0);
    expect(data.auditEntries.every((a: { userId: string }) => a.userId === zeb.id)).toBe(true);
    expect(data.progressUpdates.map((u: { note: string }) => u.note)).toEqual(["Briefed six MPs"]);
    expect(data.contributions.map((c: { description: string }) => c.description)).toEqual(["Drafted the joint briefing"]);
    expect(data.alertAnswers).toHaveLength(1);
    expect(data.alertsRaised).toHaveLength(1);
    expect(data.proposalPositions).toHaveLength(1);
    expect(data.statementSignatures).toHaveLength(1);
    expect(data.notifications.length).toBeGreaterThan(0);
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("Other's update");
    expect(text).not.toContain("Spoke at the event");
    // Never a password hash or a two-factor secret.
    expect(text).not.toMatch(/"password"|"secret"|backupCodes/);
  });

  it("is the convenor's alone; an unknown id answers 404", async () => {
    const { app, convenor, zeb, other } = await setup();
    expect((await call(app, "GET", `/api/accounts/${zeb.id}/export`, { cookie: other.cookie })).status).toBe(403);
    expect((await call(app, "GET", `/api/accounts/${zeb.id}/export`, { cookie: zeb.cookie })).status).toBe(403);
    expect((await call(app, "GET", `/api/accounts/${zeb.id}/export`)).status).toBe(401);
    expect((await call(app, "GET", "/api/accounts/nobody/export", { cookie: convenor.cookie })).status).toBe(404);
  });
});

describe("erasing a person", () => {
  it("leaves no trace of their name or address in any table, while the group's record stays whole", async () => {
    const { convene: c, app, convenor, zeb, orgName, goal, alert } = await setup();
    expect(await whereItStands(c.db, NAME)).not.toEqual([]);
    expect(await whereItStands(c.db, EMAIL)).not.toEqual([]);
    const res = await call(app, "POST", `/api/accounts/${zeb.id}/erase`, { cookie: convenor.cookie, body: { confirmName: NAME } });
    expect(res.status).toBe(200);
    const shownAs = `a former member of ${orgName}`;
    expect(await json(res)).toEqual({ erased: zeb.id, shownAs });

    expect(await whereItStands(c.db, NAME)).toEqual([]);
    expect(await whereItStands(c.db, EMAIL)).toEqual([]);
    // Only the audit log still holds the bare account id, which names no one: the fact of what was done to that account.
    expect((await whereItStands(c.db, zeb.id)).every((place) => place.startsWith("auditEntries."))).toBe(true);

    // The goal, its updates, the answers and the signature stay, attributed to the organisation.
    const page = await json(await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie }));
    expect(page.goal.title).toBe("A national atrocity prevention strategy");
    const updates = await c.db.selectFrom("progressUpdates").select(["authorName", "note", "authorId"]).orderBy("id").execute();
    expect(updates).toContainEqual({ authorName: shownAs, note: "Briefed six MPs", authorId: null });
    expect(updates).toHaveLength(2);
    expect(
      await c.db
        .selectFrom("contributions")
        .select("createdByName")
        .where("description", "=", "Drafted the joint briefing")
        .executeTakeFirst(),
    ).toEqual({
      createdByName: shownAs,
    });
    expect((await c.db.selectFrom("alerts").select("raisedByName").where("id", "=", alert.id).executeTakeFirstOrThrow()).raisedByName).toBe(
      shownAs,
    );
    expect(await c.db.selectFrom("alertAnswers").select("answeredByName").execute()).toContainEqual({ answeredByName: shownAs });
    expect(await c.db.selectFrom("proposalPositions").select("givenByName").execute()).toEqual([{ givenByName: shownAs }]);
    expect(await c.db.selectFrom("statementSignatures").select(["signedByName", "signedById"]).execute()).toEqual([
      { signedByName: shownAs, signedById: null },
    ]);
    // The audit log keeps the facts: the erasure itself, and what they did, by nobody named.
    const erasure = await c.db.selectFrom("auditEntries").selectAll().where("action", "=", "erase").executeTakeFirstOrThrow();
    expect(erasure).toMatchObject({ userId: convenor.id, entity: "user", entityId: zeb.id });
    expect(await c.db.selectFrom("auditEntries").select("id").where("userName", "=", shownAs).execute()).not.toEqual([]);

    // The account is gone: its session no longer works, and its sign-in fails.
    expect((await call(app, "GET", "/api/me", { cookie: zeb.cookie })).status).toBe(200);
    expect((await json(await call(app, "GET", "/api/me", { cookie: zeb.cookie }))).user).toBeNull();
    expect((await signInResponse(app, EMAIL)).status).toBe(401);
  });

  it("asks for the person's name typed, refuses the last convenor and oneself, and is the convenor's alone", async () => {
    const { convene: c, app, convenor, zeb, other } = await setup();
    const wrong = await call(app, "POST", `/api/accounts/${zeb.id}/erase`, { cookie: convenor.cookie, body: { confirmName: "Zebedee" } });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error.details.fields[0].field).toBe("confirmName");
    expect((await call(app, "POST", `/api/accounts/${zeb.id}/erase`, { cookie: convenor.cookie, body: {} })).status).toBe(400);
    expect((await call(app, "POST", `/api/accounts/${zeb.id}/erase`, { cookie: other.cookie, body: { confirmName: NAME } })).status).toBe(
      403,
    );
    // Only a convenor in use may erase, and never themselves: so the last convenor cannot be erased.
    const self = await call(app, "POST", `/api/accounts/${convenor.id}/erase`, { cookie: convenor.cookie, body: { confirmName: "x" } });
    expect(self.status).toBe(400);
    const second = await person(c, "convenor");
    const secondName = (await c.db.selectFrom("user").select("name").where("id", "=", second.id).executeTakeFirstOrThrow()).name;
    const erased = await call(app, "POST", `/api/accounts/${second.id}/erase`, {
      cookie: convenor.cookie,
      body: { confirmName: secondName },
    });
    expect(erased.status).toBe(200);
    expect((await json(erased)).shownAs).toBe("a former member");
    expect((await call(app, "POST", "/api/accounts/nobody/erase", { cookie: convenor.cookie, body: { confirmName: "x" } })).status).toBe(
      404,
    );
  });
});

describe("an organisation leaving the group", () => {
  it("disables its people's accounts and ends their sessions, keeps its history, and drops it from what is asked next", async () => {
    const { convene: c, app, convenor, zeb, orgs, other } = await setup();
    const org = await json(await call(app, "GET", `/api/organisations/${orgs[0]}`, { cookie: convenor.cookie }));
    const res = await call(app, "POST", `/api/organisations/${orgs[0]}/leave`, {
      cookie: convenor.cookie,
      body: { version: org.organisation.version },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.organisation.leftOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.accountsDisabled).toBe(1);
    expect((await json(await call(app, "GET", "/api/me", { cookie: zeb.cookie }))).user).toBeNull();
    expect((await signInResponse(app, EMAIL)).status).not.toBe(200);
    // Its contributions and signatures stay.
    expect(await c.db.selectFrom("contributions").select("id").where("organisationId", "=", orgs[0]!).execute()).toHaveLength(1);
    expect(await c.db.selectFrom("statementSignatures").select("id").where("organisationId", "=", orgs[0]!).execute()).toHaveLength(1);
    expect(await c.db.selectFrom("progressUpdates").select("id").where("organisationId", "=", orgs[0]!).execute()).toHaveLength(1);
    // A new alert no longer asks it: the list of those who have not answered leaves it out.
    const alert = (
      await json(
        await call(app, "POST", "/api/alerts", {
          cookie: convenor.cookie,
          body: {
            title: "A new threat",
            situation: "Country Y",
            kind: "emerging_threat",
            urgency: "routine",
            ask: "Tell us",
            deadline: inDays(3),
            visibility: "members",
          },
        }),
      )
    ).alert as { id: number };
    const waiting = await json(await call(app, "GET", `/api/alerts/${alert.id}/not-answered`, { cookie: convenor.cookie }));
    expect(waiting.organisations.map((o: { id: number }) => o.id)).not.toContain(orgs[0]);
    expect(await c.db.selectFrom("auditEntries").select("id").where("action", "=", "leave").execute()).toHaveLength(1);

    // Leaving twice, a stale version, the convenor's organisation, and anyone but the convenor are refused.
    expect(
      (
        await call(app, "POST", `/api/organisations/${orgs[0]}/leave`, {
          cookie: convenor.cookie,
          body: { version: body.organisation.version },
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(app, "POST", `/api/organisations/${orgs[1]}/leave`, { cookie: convenor.cookie, body: { version: 999 } })).status,
    ).toBe(409);
    expect((await call(app, "POST", `/api/organisations/${orgs[1]}/leave`, { cookie: other.cookie, body: { version: 1 } })).status).toBe(
      403,
    );
    expect((await call(app, "POST", `/api/organisations/${orgs[1]}/leave`, { cookie: convenor.cookie, body: {} })).status).toBe(400);
    const convening = await c.db.selectFrom("organisations").select(["id", "version"]).where("isConvenor", "=", 1).executeTakeFirst();
    if (convening)
      expect(
        (
          await call(app, "POST", `/api/organisations/${convening.id}/leave`, {
            cookie: convenor.cookie,
            body: { version: convening.version },
          })
        ).status,
      ).toBe(409);
  });
});

describe("unused accounts", () => {
  it("are listed after the limit, warned once (inbox and email), and disabled after the warning period if still unused", async () => {
    let now = new Date();
    const { convene: c, convenor, zeb } = await setup({ clock: () => now });
    const settings = { months: 12, warningDays: 30 };
    expect(await listDormant(c.db, now, settings)).toEqual([]);

    // Thirteen months on, nobody has used Convene: everyone is listed for the convenor.
    now = new Date(Date.now() + 395 * 86_400_000);
    const listed = await listDormant(c.db, now, settings);
    expect(listed.map((a) => a.email)).toContain(EMAIL);
    expect(listed.every((a) => a.state === "due_warning")).toBe(true);

    // Two sweeps at once warn each person once.
    const [a, b] = await Promise.all([sweepDormant(c, now, settings), sweepDormant(c, now, settings)]);
    expect(a.warned + b.warned).toBe(listed.length);
    const notices = await c.db.selectFrom("notifications").select(["userId", "title"]).where("kind", "=", "account_dormant").execute();
    expect(notices.filter((n) => n.userId === zeb.id)).toHaveLength(1);
    const mails = await c.db.selectFrom("outbox").select("payload").execute();
    expect(mails.filter((m) => JSON.parse(m.payload).to === EMAIL && /not been used/.test(JSON.parse(m.payload).subject))).toHaveLength(1);
    expect((await sweepDormant(c, now, settings)).warned).toBe(0);

    // 31 days later, still unused: disabled, once; but never the last convenor, which would lock the group out.
    now = new Date(now.getTime() + 31 * 86_400_000);
    const [d1, d2] = await Promise.all([sweepDormant(c, now, settings), sweepDormant(c, now, settings)]);
    expect(d1.disabled + d2.disabled).toBeGreaterThanOrEqual(1);
    const zebRow = await c.db.selectFrom("user").select("banned").where("id", "=", zeb.id).executeTakeFirstOrThrow();
    expect(Boolean(zebRow.banned)).toBe(true);
    const convenorRow = await c.db.selectFrom("user").select("banned").where("id", "=", convenor.id).executeTakeFirstOrThrow();
    expect(Boolean(convenorRow.banned)).toBe(false);
    expect(
      await c.db.selectFrom("auditEntries").select("id").where("action", "=", "disable").where("entityId", "=", zeb.id).execute(),
    ).toHaveLength(1);
  });

  it("a person who signs in after the warning is not disabled", async () => {
    let now = new Date();
    const { convene: c, app, zeb } = await setup({ clock: () => now });
    const settings = { months: 12, warningDays: 30 };
    now = new Date(Date.now() + 395 * 86_400_000);
    await sweepDormant(c, now, settings);
    // Signing in writes an audit entry at the real time; the clock here is ahead, so move it back to just after the warning.
    await signIn(app, EMAIL);
    const signedInAt = (
      await c.db
        .selectFrom("auditEntries")
        .select("at")
        .where("action", "=", "sign_in")
        .where("userId", "=", zeb.id)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow()
    ).at;
    await c.db
      .updateTable("auditEntries")
      .set({ at: new Date(now.getTime() + 86_400_000).toISOString() })
      .where("at", "=", signedInAt)
      .execute();
    now = new Date(now.getTime() + 31 * 86_400_000);
    await sweepDormant(c, now, settings);
    const row = await c.db.selectFrom("user").select("banned").where("id", "=", zeb.id).executeTakeFirstOrThrow();
    expect(Boolean(row.banned)).toBe(false);
  });

  it("are listed for the convenor, who can sweep them now", async () => {
    const { convene: c, app, convenor, zeb, other } = await setup();
    // Zebedee last did anything fourteen months ago: every trace of use is moved back.
    const old = new Date(Date.now() - 425 * 86_400_000).toISOString();
    await c.db.updateTable("auditEntries").set({ at: old }).where("userId", "=", zeb.id).execute();
    await c.db.updateTable("user").set({ createdAt: old }).where("id", "=", zeb.id).execute();
    await (c.db as unknown as Kysely<any>).deleteFrom("session").where("userId", "=", zeb.id).execute();
    const listed = await json(await call(app, "GET", "/api/accounts/dormant", { cookie: convenor.cookie }));
    expect(listed).toMatchObject({ months: 12, warningDays: 30 });
    expect(listed.accounts.map((a: { id: string; state: string }) => [a.id, a.state])).toEqual([[zeb.id, "due_warning"]]);
    expect((await call(app, "GET", "/api/accounts/dormant", { cookie: other.cookie })).status).toBe(403);
    expect(await json(await call(app, "POST", "/api/accounts/dormant/sweep", { cookie: convenor.cookie }))).toEqual({
      warned: 1,
      disabled: 0,
    });
    const again = await json(await call(app, "GET", "/api/accounts/dormant", { cookie: convenor.cookie }));
    expect(again.accounts[0]).toMatchObject({ id: zeb.id, state: "warned" });
    expect(again.accounts[0].disablesAt > new Date().toISOString()).toBe(true);
  });
});
