import { afterEach, describe, expect, it } from "vitest";
import {
  auditOf,
  type Convene,
  call,
  cookieFrom,
  fromAddress,
  json,
  makeConvene,
  PASSWORD,
  person,
  signInResponse,
} from "../test-support.ts";

const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const HOUR = 3600 * 1000;

let convene: Convene;
afterEach(async () => {
  await convene?.close();
});

/** A second sign-in of the same person, from a phone at a known address. */
async function signInFromPhone(email: string, password = PASSWORD) {
  const res = await call(convene.app, "POST", "/api/auth/sign-in/email", {
    body: { email, password },
    headers: { "user-agent": PHONE },
    env: fromAddress("203.0.113.57"),
  });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

async function mine(cookie: string) {
  const res = await call(convene.app, "GET", "/api/sessions", { cookie });
  expect(res.status).toBe(200);
  return (await json<{ sessions: { id: string; device: string; address: string | null; current: boolean; lastUsedAt: string }[] }>(res))
    .sessions;
}

async function signedInAs(cookie: string): Promise<string | null> {
  const body = await json(await call(convene.app, "GET", "/api/me", { cookie }));
  return body.user?.email ?? null;
}

async function audited(action: string) {
  const rows = await convene.db.selectFrom("auditEntries").selectAll().where("action", "=", action).execute();
  return rows.map((r) => ({ ...r, after: r.after === null ? null : JSON.parse(r.after) }));
}

describe("my sessions", () => {
  it("tells a person, once, when they sign in from a device not seen before (and not at their first sign-in)", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const notices = async (cookie: string) =>
      (
        await json<{ notifications: { kind: string; title: string; summary: string }[] }>(
          await call(convene.app, "GET", "/api/notifications", { cookie }),
        )
      ).notifications.filter((n) => n.kind === "new_sign_in");
    expect(await notices(me.cookie)).toEqual([]);
    const phone = await signInFromPhone(me.email);
    const told = await notices(phone);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: "New sign-in to your account: Chrome on Android" });
    expect(told[0]!.summary).toContain("203.0.113.0/24");
    expect(told[0]!.summary).not.toContain("203.0.113.57");
    // The same phone again is not news.
    await signInFromPhone(me.email);
    expect(await notices(phone)).toHaveLength(1);
  });

  it("lists each session with its device in plain words and a masked address, this one marked", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const phone = await signInFromPhone(me.email);
    const list = await mine(phone);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ current: true, device: "Chrome on Android", address: "203.0.113.0/24" });
    expect(list[1]!.current).toBe(false);
    expect(JSON.stringify(list)).not.toContain("203.0.113.57");
    expect(JSON.stringify(list)).not.toContain("token");
  });

  it("signs out everywhere else: a second session ends, this one goes on, and each ending is audited", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const phone = await signInFromPhone(me.email);
    const [, laptopSession] = await mine(phone);
    const res = await call(convene.app, "POST", "/api/sessions/end-others", { cookie: phone });
    expect(await json(res)).toEqual({ ended: 1 });
    expect(await signedInAs(me.cookie)).toBeNull();
    expect(await signedInAs(phone)).toBe(me.email);
    expect(await mine(phone)).toHaveLength(1);
    const entries = await auditOf(convene, "session", laptopSession!.id);
    expect(entries.map((e: { action: string }) => e.action)).toContain("session_end");
    const ended = (await audited("session_end")).find((e) => e.entityId === laptopSession!.id);
    expect(ended).toMatchObject({ userId: me.id, after: { reason: "signed_out_elsewhere", userId: me.id } });
  });

  it("signs out one session by id, only one's own, and a stranger's id answers 404", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const other = await person(convene, "member");
    const phone = await signInFromPhone(me.email);
    const [, laptop] = await mine(phone);
    const [theirs] = await mine(other.cookie);
    const refused = await call(convene.app, "DELETE", `/api/sessions/${theirs!.id}`, { cookie: phone });
    expect(refused.status).toBe(404);
    expect((await json(refused)).error.code).toBe("not_found");
    expect(await signedInAs(other.cookie)).toBe(other.email);
    const bad = await call(convene.app, "DELETE", "/api/sessions/a%20b", { cookie: phone });
    expect(bad.status).toBe(400);
    const res = await call(convene.app, "DELETE", `/api/sessions/${laptop!.id}`, { cookie: phone });
    expect(await json(res)).toEqual({ ended: 1, current: false });
    expect(await signedInAs(me.cookie)).toBeNull();
    // "Sign out here" on this very session signs this device out.
    const [here] = await mine(phone);
    expect(await json(await call(convene.app, "DELETE", `/api/sessions/${here!.id}`, { cookie: phone }))).toEqual({
      ended: 1,
      current: true,
    });
    expect(await signedInAs(phone)).toBeNull();
  });

  it("needs a signed-in person", async () => {
    convene = await makeConvene();
    const res = await call(convene.app, "GET", "/api/sessions");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthenticated");
  });

  it("ends a session left unused past the idle limit, but not one in use", async () => {
    let now = new Date();
    convene = await makeConvene({ clock: () => now });
    const me = await person(convene, "member");
    const phone = await signInFromPhone(me.email);
    const start = now.getTime();
    // Used at 7 hours, so its idle time starts again; the laptop is not used at all.
    now = new Date(start + 7 * HOUR);
    expect(await signedInAs(phone)).toBe(me.email);
    now = new Date(start + 9 * HOUR);
    expect(await signedInAs(me.cookie)).toBeNull();
    expect(await signedInAs(phone)).toBe(me.email);
    now = new Date(start + 17 * HOUR);
    expect(await signedInAs(phone)).toBeNull();
    const reasons = (await audited("session_end")).map((e) => e.after.reason);
    expect(reasons).toEqual(["idle", "idle"]);
  });

  it("ends a session at the absolute limit even when it is used all the time", async () => {
    let now = new Date();
    convene = await makeConvene({ clock: () => now });
    const me = await person(convene, "member");
    const start = now.getTime();
    for (let hour = 6; hour < 14 * 24; hour += 6) {
      now = new Date(start + hour * HOUR);
      expect(await signedInAs(me.cookie)).toBe(me.email);
    }
    now = new Date(start + 14 * 24 * HOUR + HOUR);
    expect(await signedInAs(me.cookie)).toBeNull();
    expect((await audited("session_end")).map((e) => e.after.reason)).toEqual(["expired"]);
  });

  it("ends the other sessions when the password changes, even if the client did not ask", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const phone = await signInFromPhone(me.email);
    const res = await call(convene.app, "POST", "/api/auth/change-password", {
      cookie: phone,
      body: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
    });
    expect(res.status).toBe(200);
    expect(await signedInAs(me.cookie)).toBeNull();
    expect(await signedInAs(phone)).toBe(me.email);
    expect((await audited("session_end")).map((e) => e.after.reason)).toEqual(["password_changed"]);
  });
});

describe("the audit log of signing in", () => {
  it("records each sign-in, failed sign-in and sign-out, without the password", async () => {
    convene = await makeConvene();
    const me = await person(convene, "member");
    const failed = await signInResponse(convene.app, me.email, "not the password at all");
    expect(failed.status).toBe(401);
    const phone = await signInFromPhone(me.email);
    const out = await call(convene.app, "POST", "/api/auth/sign-out", { cookie: phone, body: {} });
    expect(out.status).toBe(200);

    const signIns = await audited("sign_in");
    expect(signIns).toHaveLength(2);
    expect(signIns[1]).toMatchObject({
      userId: me.id,
      entity: "session",
      after: { device: "Chrome on Android", address: "203.0.113.0/24" },
    });
    const failures = await audited("sign_in_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ userId: null, entityId: me.email, after: { email: me.email } });
    const outs = await audited("sign_out");
    expect(outs).toEqual([expect.objectContaining({ userId: me.id, entityId: signIns[1]!.entityId })]);
    const everything = JSON.stringify(await convene.db.selectFrom("auditEntries").selectAll().execute());
    expect(everything).not.toContain("not the password at all");
    expect(everything).not.toContain(PASSWORD);
  });
});
