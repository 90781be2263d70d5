import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, organisationIds, type Person, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  const other = await person(w.convene, "member", orgs[1]);
  return { ...w, other };
}

async function raise(c: Convene, by: Person, fields: Record<string, unknown> = {}) {
  const res = await call(c.app, "POST", "/api/alerts", {
    cookie: by.cookie,
    body: {
      title: "Mass arrests reported",
      situation: "Country X",
      ask: "Sign a joint statement",
      deadline: addDays(new Date(), 3).toISOString(),
      visibility: "members",
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`raise: ${res.status} ${await res.text()}`);
  return (await json(res)).alert as { id: number; version: number };
}

interface Inbox {
  notifications: { id: number; kind: string; entity: string; entityId: number; title: string; readAt: string | null }[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

async function inbox(c: Convene, who: Person, query = ""): Promise<Inbox> {
  const res = await call(c.app, "GET", `/api/notifications${query}`, { cookie: who.cookie });
  expect(res.status).toBe(200);
  return json(res);
}

describe("the inbox", () => {
  it("lists my notifications newest first, paged, with the total and unread count", async () => {
    const { convene: c, member, other } = await setup();
    const first = await raise(c, member, { title: "First" });
    const second = await raise(c, member, { title: "Second" });
    const third = await raise(c, member, { title: "Third" });

    const page = await inbox(c, other, "?limit=2");
    expect(page.notifications.map((n) => [n.title, n.entityId])).toEqual([
      ["New alert: Third", third.id],
      ["New alert: Second", second.id],
    ]);
    expect(page).toMatchObject({ total: 3, unread: 3, limit: 2, offset: 0 });
    const next = await inbox(c, other, "?limit=2&offset=2");
    expect(next.notifications.map((n) => n.entityId)).toEqual([first.id]);
    // The raiser is not told of their own alerts.
    expect(await inbox(c, member)).toMatchObject({ total: 0, unread: 0, notifications: [] });
  });

  it("tells the raiser and the convenor when an organisation answers", async () => {
    const { convene: c, member, other, convenor } = await setup();
    const alert = await raise(c, member);
    const res = await call(c.app, "PUT", `/api/alerts/${alert.id}/answer`, { cookie: other.cookie, body: { response: "join" } });
    expect(res.status).toBeLessThan(300);
    const raiser = await inbox(c, member);
    expect(raiser.notifications.map((n) => n.kind)).toEqual(["alert_answered"]);
    expect(raiser.notifications[0]!.title).toMatch(/answered: Mass arrests reported$/);
    expect((await inbox(c, convenor)).notifications.map((n) => n.kind).sort()).toEqual(["alert_answered", "alert_raised"]);
    // The organisation that answered is not told of its own answer.
    expect((await inbox(c, other)).notifications.map((n) => n.kind)).toEqual(["alert_raised"]);
  });

  it("marks one read, then all, and only my own", async () => {
    const { convene: c, member, other, convenor } = await setup();
    await raise(c, member, { title: "One" });
    await raise(c, member, { title: "Two" });
    const [newest] = (await inbox(c, other)).notifications;

    // Someone else's notification is not found, and stays unread.
    const theirs = await call(c.app, "POST", `/api/notifications/${newest!.id}/read`, { cookie: convenor.cookie });
    expect(theirs.status).toBe(404);
    expect((await json(theirs)).error.code).toBe("not_found");

    const res = await call(c.app, "POST", `/api/notifications/${newest!.id}/read`, { cookie: other.cookie });
    expect(res.status).toBe(200);
    const { notification } = await json(res);
    expect(notification.readAt).not.toBeNull();
    expect(await inbox(c, other)).toMatchObject({ total: 2, unread: 1 });

    const all = await call(c.app, "POST", "/api/notifications/read-all", { cookie: other.cookie });
    expect(await json(all)).toEqual({ marked: 1 });
    expect(await inbox(c, other)).toMatchObject({ total: 2, unread: 0 });
    expect((await inbox(c, convenor)).unread).toBe(2);
  });

  it("drops a notification whose record is later hidden from me, from the list and the counts", async () => {
    const { convene: c, member, other, convenor } = await setup();
    const alert = await raise(c, member);
    await raise(c, member, { title: "Still visible" });
    const res = await call(c.app, "PATCH", `/api/alerts/${alert.id}`, {
      cookie: convenor.cookie,
      body: { version: alert.version, visibility: "convenor" },
    });
    expect(res.status).toBe(200);

    const mine = await inbox(c, other);
    expect(mine.notifications.map((n) => n.title)).toEqual(["New alert: Still visible"]);
    expect(mine).toMatchObject({ total: 1, unread: 1 });
    const hidden = (
      await c.db
        .selectFrom("notifications")
        .select("id")
        .where("userId", "=", other.id)
        .where("entityId", "=", alert.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await call(c.app, "POST", `/api/notifications/${hidden}/read`, { cookie: other.cookie })).status).toBe(404);
    expect((await inbox(c, convenor)).total).toBe(2);
  });

  it("drops what I may no longer see when my role narrows", async () => {
    const { convene: c, member, other } = await setup();
    await raise(c, member);
    await c.db.updateTable("user").set({ role: "observer", organisationId: null }).where("id", "=", other.id).execute();
    expect(await inbox(c, other)).toMatchObject({ total: 0, unread: 0, notifications: [] });
  });

  it("tells observers nothing and asks for sign-in", async () => {
    const { convene: c, member, observer } = await setup();
    await raise(c, member, { visibility: "public" });
    expect(await inbox(c, observer)).toMatchObject({ total: 0, unread: 0 });
    const anonymous = await call(c.app, "GET", "/api/notifications");
    expect(anonymous.status).toBe(401);
  });

  it("refuses bad paging and bad ids in plain words", async () => {
    const { convene: c, other } = await setup();
    const res = await call(c.app, "GET", "/api/notifications?limit=500&offset=-1", { cookie: other.cookie });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.message).toContain("limit must be 100 or fewer");
    expect(body.error.message).toContain("offset must be 0 or more");
    expect((await call(c.app, "POST", "/api/notifications/abc/read", { cookie: other.cookie })).status).toBe(400);
  });
});
