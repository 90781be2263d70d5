import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { milestoneDraftFromAlert } from "../services/alerts.ts";
import { auditOf, badFields, type Convene, call, json, organisationIds, person, world } from "../test-support.ts";

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
  // A member of a second organisation, for answers from two organisations.
  const other = await person(w.convene, "member", orgs[1]);
  return { ...w, orgs, other };
}

type App = Awaited<ReturnType<typeof setup>>["app"];

async function raise(app: App, cookie: string, fields: Record<string, unknown> = {}) {
  const res = await call(app, "POST", "/api/alerts", {
    cookie,
    body: {
      title: "Mass arrests reported",
      situation: "Country X",
      kind: "emerging_threat",
      urgency: "critical",
      ask: "Sign a joint statement to the Foreign Secretary",
      deadline: inDays(3),
      visibility: "members",
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`raise: ${res.status} ${await res.text()}`);
  return (await json(res)).alert as { id: number; version: number; state: string; visibility: string };
}

/** Puts an alert's deadline in the past directly (the API refuses past deadlines). */
async function expire(c: Convene, id: number) {
  await c.db
    .updateTable("alerts")
    .set({ deadline: inDays(-1) })
    .where("id", "=", id)
    .execute();
}

describe("POST /api/alerts", () => {
  it("lets a member raise an alert, audited, with their organisation recorded", async () => {
    const { app, member, convene: c } = await setup();
    const alert = await raise(app, member.cookie);
    expect(alert).toMatchObject({ state: "open", version: 1, raisedByOrganisationId: member.organisationId, tally: { total: 0 } });
    const [entry] = await auditOf(c, "alert", alert.id);
    expect(entry).toMatchObject({ action: "create", userId: member.id });
  });

  it("names the bad fields", async () => {
    const { app, member } = await setup();
    const res = await call(app, "POST", "/api/alerts", {
      cookie: member.cookie,
      body: { title: "", situation: "X", ask: "Act", deadline: "next week", urgency: "red" },
    });
    expect(res.status).toBe(400);
    expect((await badFields(res)).sort()).toEqual(["deadline", "title", "urgency"]);
    const past = await call(app, "POST", "/api/alerts", {
      cookie: member.cookie,
      body: { title: "T", situation: "X", ask: "Act", deadline: inDays(-1) },
    });
    expect(past.status).toBe(400);
    expect(await badFields(past)).toEqual(["deadline"]);
  });

  it("needs sign-in, refuses observers, and keeps convenor-only alerts for the convenor to raise", async () => {
    const { app, member, observer, convenor } = await setup();
    const body = { title: "T", situation: "X", ask: "Act", deadline: inDays(2) };
    expect((await call(app, "POST", "/api/alerts", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/alerts", { cookie: observer.cookie, body })).status).toBe(403);
    const secret = await call(app, "POST", "/api/alerts", { cookie: member.cookie, body: { ...body, visibility: "convenor" } });
    expect(secret.status).toBe(400);
    expect(await badFields(secret)).toEqual(["visibility"]);
    expect((await call(app, "POST", "/api/alerts", { cookie: convenor.cookie, body: { ...body, visibility: "convenor" } })).status).toBe(
      201,
    );
  });
});

describe("GET /api/alerts and /api/alerts/:id", () => {
  it("lists what each viewer may see, open alerts first, and answers 404 for hidden ones", async () => {
    const { app, convenor, member, observer } = await setup();
    const pub = await raise(app, convenor.cookie, { visibility: "public", deadline: inDays(5) });
    const members = await raise(app, convenor.cookie, { visibility: "members", deadline: inDays(2) });
    const secret = await raise(app, convenor.cookie, { visibility: "convenor" });
    const closed = await raise(app, convenor.cookie, { visibility: "members", deadline: inDays(1) });
    await call(app, "POST", `/api/alerts/${closed.id}/withdraw`, { cookie: convenor.cookie, body: { version: closed.version } });
    const ids = async (cookie: string) =>
      (await json(await call(app, "GET", "/api/alerts", { cookie }))).alerts.map((a: { id: number }) => a.id);
    expect(await ids(convenor.cookie)).toEqual([members.id, secret.id, pub.id, closed.id]);
    // Paged in the same order: the second and third of four.
    const page = await json(await call(app, "GET", "/api/alerts?limit=2&offset=1", { cookie: convenor.cookie }));
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.alerts.map((a: { id: number }) => a.id)).toEqual([secret.id, pub.id]);
    expect(await ids(member.cookie)).toEqual([members.id, pub.id, closed.id]);
    expect(await ids(observer.cookie)).toEqual([pub.id]);
    const open = await json(await call(app, "GET", "/api/alerts?state=open", { cookie: member.cookie }));
    expect(open.alerts.map((a: { id: number }) => a.id)).toEqual([members.id, pub.id]);

    expect((await call(app, "GET", `/api/alerts/${secret.id}`, { cookie: member.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/alerts/${members.id}`, { cookie: observer.cookie })).status).toBe(404);
    expect((await call(app, "GET", `/api/alerts/${members.id}`, { cookie: member.cookie })).status).toBe(200);
    expect((await call(app, "GET", "/api/alerts/9999", { cookie: member.cookie })).status).toBe(404);
  });

  it("needs sign-in and names a bad filter or id", async () => {
    const { app, member } = await setup();
    expect((await call(app, "GET", "/api/alerts")).status).toBe(401);
    const bad = await call(app, "GET", "/api/alerts?state=finished", { cookie: member.cookie });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["state"]);
    const badId = await call(app, "GET", "/api/alerts/abc", { cookie: member.cookie });
    expect(await badFields(badId)).toEqual(["id"]);
  });
});

describe("PUT /api/alerts/:id/answer", () => {
  it("records one answer per organisation: a second answer updates it, never duplicates", async () => {
    const { app, member, other, convene: c } = await setup();
    const alert = await raise(app, member.cookie);
    const first = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, {
      cookie: member.cookie,
      body: { response: "need_info", note: "Who else?" },
    });
    expect(first.status).toBe(200);
    expect((await json(first)).created).toBe(true);
    const second = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, {
      cookie: member.cookie,
      body: { response: "join", note: "We are in" },
    });
    expect(second.status).toBe(200);
    const body = await json(second);
    expect(body.created).toBe(false);
    expect(body.alert.myAnswer).toMatchObject({ response: "join", note: "We are in" });
    await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: other.cookie, body: { response: "cannot" } });

    const rows = await c.db.selectFrom("alertAnswers").selectAll().where("alertId", "=", alert.id).execute();
    expect(rows).toHaveLength(2);
    const detail = await json(await call(app, "GET", `/api/alerts/${alert.id}`, { cookie: member.cookie }));
    expect(detail.alert.tally).toEqual({ join: 1, cannot: 1, need_info: 0, total: 2 });
    expect(detail.answers.map((a: { response: string }) => a.response).sort()).toEqual(["cannot", "join"]);

    const answerId = rows.find((r) => r.organisationId === member.organisationId)?.id ?? 0;
    const entries = await auditOf(c, "alert_answer", answerId);
    expect(entries.map((e) => e.action)).toEqual(["update", "create"]);
    expect(JSON.parse(entries[0]?.before ?? "{}").response).toBe("need_info");
  });

  it("lets a member answer only for their own organisation (403), and the convenor for any", async () => {
    const { app, member, convenor, observer, orgs } = await setup();
    const alert = await raise(app, member.cookie);
    const forOther = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, {
      cookie: member.cookie,
      body: { organisationId: orgs[2], response: "join" },
    });
    expect(forOther.status).toBe(403);
    expect((await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: observer.cookie, body: { response: "join" } })).status).toBe(
      404,
    );
    expect((await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { body: { response: "join" } })).status).toBe(401);
    const noOrg = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: convenor.cookie, body: { response: "join" } });
    expect(noOrg.status).toBe(400);
    expect(await badFields(noOrg)).toEqual(["organisationId"]);
    const byConvenor = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, {
      cookie: convenor.cookie,
      body: { organisationId: orgs[2], response: "cannot", note: "Told me by phone" },
    });
    expect(byConvenor.status).toBe(200);
    const bad = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: member.cookie, body: { response: "maybe" } });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toEqual(["response"]);
  });

  it("refuses observers on a public alert with 403", async () => {
    const { app, convenor, observer } = await setup();
    const alert = await raise(app, convenor.cookie, { visibility: "public" });
    expect((await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: observer.cookie, body: { response: "join" } })).status).toBe(
      403,
    );
  });

  it("refuses answers after the deadline with a clear 409 deadline_passed", async () => {
    const { app, member, convene: c } = await setup();
    const alert = await raise(app, member.cookie);
    await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: member.cookie, body: { response: "join" } });
    await expire(c, alert.id);
    const res = await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: member.cookie, body: { response: "cannot" } });
    expect(res.status).toBe(409);
    const { error } = await json(res);
    expect(error.code).toBe("deadline_passed");
    expect(error.message).toMatch(/deadline .* has passed/);
    const row = await c.db.selectFrom("alertAnswers").select("response").where("alertId", "=", alert.id).executeTakeFirst();
    expect(row?.response).toBe("join");
  });

  it("refuses answers on a closed or withdrawn alert", async () => {
    const { app, member, convenor } = await setup();
    const a = await raise(app, member.cookie);
    await call(app, "POST", `/api/alerts/${a.id}/close`, {
      cookie: convenor.cookie,
      body: { version: a.version, outcome: "Done", successful: true },
    });
    const closed = await call(app, "PUT", `/api/alerts/${a.id}/answer`, { cookie: member.cookie, body: { response: "join" } });
    expect(closed.status).toBe(409);
    expect((await json(closed)).error.code).toBe("alert_closed");
    const b = await raise(app, member.cookie);
    await call(app, "POST", `/api/alerts/${b.id}/withdraw`, { cookie: convenor.cookie, body: { version: b.version } });
    const withdrawn = await call(app, "PUT", `/api/alerts/${b.id}/answer`, { cookie: member.cookie, body: { response: "join" } });
    expect(withdrawn.status).toBe(409);
    expect((await json(withdrawn)).error.code).toBe("alert_withdrawn");
  });
});

describe("who has not answered", () => {
  it("is for the convenor only, and never reaches a member or observer through any route", async () => {
    const { app, member, observer, convenor, orgs } = await setup();
    const alert = await raise(app, convenor.cookie, { visibility: "public" });
    await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: member.cookie, body: { response: "join" } });
    const res = await call(app, "GET", `/api/alerts/${alert.id}/not-answered`, { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const names = (await json(res)).organisations.map((o: { id: number }) => o.id);
    expect(names).toHaveLength(orgs.length - 1);
    expect(names).not.toContain(member.organisationId);

    expect((await call(app, "GET", `/api/alerts/${alert.id}/not-answered`, { cookie: member.cookie })).status).toBe(403);
    expect((await call(app, "GET", `/api/alerts/${alert.id}/not-answered`, { cookie: observer.cookie })).status).toBe(403);
    expect((await call(app, "GET", `/api/alerts/${alert.id}/not-answered`)).status).toBe(401);

    // No other route a member or observer can reach carries the list.
    const notAnsweredOrg = orgs.find((o) => o !== member.organisationId) ?? 0;
    for (const cookie of [member.cookie, observer.cookie]) {
      for (const path of ["/api/alerts", `/api/alerts/${alert.id}`, "/api/alerts?state=open"]) {
        const text = await (await call(app, "GET", path, { cookie })).text();
        expect(text).not.toMatch(/notAnswered|not_answered/i);
        expect(text).not.toContain(`"organisationId":${notAnsweredOrg}`);
      }
    }
  });
});

describe("editing, closing and withdrawing", () => {
  it("lets the raiser edit their own open alert, and refuses other members with 403", async () => {
    const { app, member, other, convene: c } = await setup();
    const alert = await raise(app, member.cookie);
    const res = await call(app, "PATCH", `/api/alerts/${alert.id}`, {
      cookie: member.cookie,
      body: { urgency: "high", version: alert.version },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).alert).toMatchObject({ urgency: "high", version: 2 });
    const [entry] = await auditOf(c, "alert", alert.id);
    expect(entry?.action).toBe("update");
    expect(JSON.parse(entry?.before ?? "{}").urgency).toBe("critical");
    expect(
      (await call(app, "PATCH", `/api/alerts/${alert.id}`, { cookie: other.cookie, body: { urgency: "routine", version: 2 } })).status,
    ).toBe(403);
    const bad = await call(app, "PATCH", `/api/alerts/${alert.id}`, { cookie: member.cookie, body: { title: "", version: 2 } });
    expect(await badFields(bad)).toEqual(["title"]);
  });

  it("refuses a stale version with 409 carrying the current alert", async () => {
    const { app, member, convenor } = await setup();
    const alert = await raise(app, member.cookie);
    await call(app, "PATCH", `/api/alerts/${alert.id}`, { cookie: convenor.cookie, body: { title: "First", version: alert.version } });
    const res = await call(app, "PATCH", `/api/alerts/${alert.id}`, {
      cookie: member.cookie,
      body: { title: "Second", version: alert.version },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.details.current).toMatchObject({ title: "First", version: 2 });
    const close = await call(app, "POST", `/api/alerts/${alert.id}/close`, {
      cookie: convenor.cookie,
      body: { version: alert.version, outcome: "x", successful: false },
    });
    expect(close.status).toBe(409);
    expect((await json(close)).error.code).toBe("conflict");
  });

  it("closes with the outcome, audited, and offers a milestone draft for a success", async () => {
    const { app, member, other, convenor, convene: c } = await setup();
    const alert = await raise(app, member.cookie);
    await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: member.cookie, body: { response: "join" } });
    await call(app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: other.cookie, body: { response: "cannot" } });
    expect(
      (
        await call(app, "POST", `/api/alerts/${alert.id}/close`, {
          cookie: member.cookie,
          body: { version: 1, outcome: "x", successful: true },
        })
      ).status,
    ).toBe(403);
    const missing = await call(app, "POST", `/api/alerts/${alert.id}/close`, {
      cookie: convenor.cookie,
      body: { version: 1, outcome: "" },
    });
    expect((await badFields(missing)).sort()).toEqual(["outcome", "successful"]);
    const res = await call(app, "POST", `/api/alerts/${alert.id}/close`, {
      cookie: convenor.cookie,
      body: { version: 1, outcome: "Statement published with 9 signatories", successful: true },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.alert).toMatchObject({ state: "closed", successful: true, outcome: "Statement published with 9 signatories" });
    expect(body.milestoneDraft).toMatchObject({
      title: "Mass arrests reported",
      kind: "statement",
      outcome: "Statement published with 9 signatories",
      contributingOrganisationIds: [member.organisationId],
      visibility: "members",
      fromAlertId: alert.id,
    });
    const [entry] = await auditOf(c, "alert", alert.id);
    expect(entry?.action).toBe("close");
    const again = await call(app, "PATCH", `/api/alerts/${alert.id}`, { cookie: convenor.cookie, body: { title: "Late", version: 2 } });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("alert_closed");
  });

  it("closes without a draft when the outcome was not a success; withdraws for the convenor only", async () => {
    const { app, member, convenor, convene: c } = await setup();
    const a = await raise(app, member.cookie);
    const res = await json(
      await call(app, "POST", `/api/alerts/${a.id}/close`, {
        cookie: convenor.cookie,
        body: { version: 1, outcome: "No traction", successful: false },
      }),
    );
    expect(res.milestoneDraft).toBeNull();
    const b = await raise(app, member.cookie);
    expect((await call(app, "POST", `/api/alerts/${b.id}/withdraw`, { cookie: member.cookie, body: { version: 1 } })).status).toBe(403);
    const w = await call(app, "POST", `/api/alerts/${b.id}/withdraw`, {
      cookie: convenor.cookie,
      body: { version: 1, reason: "Raised in error" },
    });
    expect((await json(w)).alert).toMatchObject({ state: "withdrawn", outcome: "Raised in error", successful: null });
    expect((await auditOf(c, "alert", b.id))[0]?.action).toBe("withdraw");
    expect((await call(app, "POST", "/api/alerts/9999/withdraw", { cookie: convenor.cookie, body: { version: 1 } })).status).toBe(404);
  });
});

describe("milestoneDraftFromAlert", () => {
  it("is a pure mapping from a closed alert and the organisations that joined", () => {
    const draft = milestoneDraftFromAlert(
      {
        id: 7,
        title: "Open letter on Country X",
        situation: "Country X",
        ask: "Co-sign the letter",
        outcome: "Minister replied",
        closedAt: "2026-12-03T10:00:00.000Z",
        updatedAt: "2026-12-03T10:00:00.000Z",
        visibility: "public",
      },
      [{ id: 3, name: "UNA-UK" }],
    );
    expect(draft).toEqual({
      date: "2026-12-03",
      title: "Open letter on Country X",
      kind: "statement",
      description: "Country X: Co-sign the letter",
      outcome: "Minister replied",
      contributingOrganisationIds: [3],
      contributingOrganisationNames: ["UNA-UK"],
      visibility: "public",
      fromAlertId: 7,
    });
  });
});
