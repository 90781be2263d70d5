import { afterEach, describe, expect, it } from "vitest";
import { setupLinkToken } from "../services/accounts.ts";
import { type Convene, call, json, makeConvene, ORIGIN, signIn, signInResponse, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

describe("the setup link", () => {
  it("creates the first convenor, who can then sign in; the link then stops working", async () => {
    convene = await makeConvene();
    const { app, db } = convene;
    const token = await setupLinkToken(db);
    expect(token).toBeTypeOf("string");

    const look = await call(app, "GET", `/api/invitations/${token}`);
    expect(look.status).toBe(200);
    expect(await json(look)).toMatchObject({ kind: "setup", role: "convenor" });

    const accepted = await call(app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: "Kate Ferguson", email: "Kate@Example.org", password: "a long enough password" },
    });
    expect(accepted.status).toBe(201);
    const cookie = await signIn(app, "kate@example.org", "a long enough password");
    const me = await json(await call(app, "GET", "/api/me", { cookie }));
    expect(me.user).toMatchObject({ role: "convenor", name: "Kate Ferguson" });

    expect((await call(app, "GET", `/api/invitations/${token}`)).status).toBe(410);
    expect(await setupLinkToken(db)).toBeNull();
  });

  it("needs an email and a long enough password", async () => {
    convene = await makeConvene();
    const token = await setupLinkToken(convene.db);
    const noEmail = await call(convene.app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: "K", password: "a long enough password" },
    });
    expect(noEmail.status).toBe(400);
    expect((await json(noEmail)).error.details.fields).toEqual([{ field: "email", message: "Enter your email address" }]);
    const short = await call(convene.app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: "K", email: "k@example.org", password: "short" },
    });
    expect(short.status).toBe(400);
    // The same words as the link page's form: both use the domain's account schemas.
    expect((await json(short)).error.details.fields).toEqual([
      { field: "password", message: "The password must be at least 10 characters" },
    ]);
    const noName = await call(convene.app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: " ", email: "k@", password: "a long enough password" },
    });
    expect((await json(noName)).error.details.fields).toEqual([
      { field: "name", message: "Enter your name" },
      { field: "email", message: "Enter an email address in the right form, like name@example.org" },
    ]);
  });

  it("can be used only once even when two requests race with the same token", async () => {
    convene = await makeConvene();
    const token = await setupLinkToken(convene.db);
    const accept = (email: string) =>
      call(convene!.app, "POST", `/api/invitations/${token}/accept`, { body: { name: "K", email, password: "a long enough password" } });
    const statuses = (await Promise.all([accept("a@example.org"), accept("b@example.org")])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 410]);
    const convenors = await convene.db.selectFrom("user").select("email").where("role", "=", "convenor").execute();
    expect(convenors).toHaveLength(1);
  });

  it("stays usable when accepting it fails, so the person can correct and try again", async () => {
    convene = await makeConvene();
    const token = await setupLinkToken(convene.db);
    const first = await call(convene.app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: "K", password: "a long enough password" },
    });
    expect(first.status).toBe(400);
    const second = await call(convene.app, "POST", `/api/invitations/${token}/accept`, {
      body: { name: "K", email: "k@example.org", password: "a long enough password" },
    });
    expect(second.status).toBe(201);
  });

  it("answers 404 for a token that was never issued", async () => {
    convene = await makeConvene();
    expect((await call(convene.app, "GET", "/api/invitations/not-a-real-token")).status).toBe(404);
    expect((await call(convene.app, "GET", "/api/invitations/short")).status).toBe(400);
  });
});

describe("the invitation link", () => {
  it("lets the invited person choose a password and sign in with the role and organisation chosen for them", async () => {
    const w = await world();
    convene = w.convene;
    const orgId = w.member.organisationId;
    const res = await call(w.app, "POST", "/api/accounts/invitations", {
      cookie: w.convenor.cookie,
      body: { email: "New.Person@example.org", name: "New Person", role: "member", organisationId: orgId },
    });
    expect(res.status).toBe(201);
    const { link } = await json(res);
    expect(link.startsWith(`${ORIGIN}/invitation?token=`)).toBe(true);
    const token = tokenOf(link);

    expect(await json(await call(w.app, "GET", `/api/invitations/${token}`))).toMatchObject({
      kind: "invite",
      email: "new.person@example.org",
      role: "member",
    });
    const accepted = await call(w.app, "POST", `/api/invitations/${token}/accept`, { body: { password: "a long enough password" } });
    expect(accepted.status).toBe(201);
    const cookie = await signIn(w.app, "new.person@example.org", "a long enough password");
    expect((await json(await call(w.app, "GET", "/api/me", { cookie }))).user).toMatchObject({ role: "member", organisationId: orgId });

    const reused = await call(w.app, "POST", `/api/invitations/${token}/accept`, { body: { password: "another long password" } });
    expect(reused.status).toBe(410);
  });

  it("stops an earlier link working when a new one is sent to the same address", async () => {
    const w = await world();
    convene = w.convene;
    const invite = async () =>
      tokenOf(
        (
          await json(
            await call(w.app, "POST", "/api/accounts/invitations", {
              cookie: w.convenor.cookie,
              body: { email: "twice@example.org", name: "Twice", role: "observer" },
            }),
          )
        ).link,
      );
    const first = await invite();
    const second = await invite();
    expect((await call(w.app, "GET", `/api/invitations/${first}`)).status).toBe(410);
    expect((await call(w.app, "GET", `/api/invitations/${second}`)).status).toBe(200);
  });
});

describe("the reset link", () => {
  it("sets a new password and signs the person out everywhere", async () => {
    const w = await world();
    convene = w.convene;
    const res = await call(w.app, "POST", `/api/accounts/${w.member.id}/reset-link`, { cookie: w.convenor.cookie });
    expect(res.status).toBe(201);
    const { link } = await json(res);
    expect(link).toContain("/reset-password?token=");
    const accepted = await call(w.app, "POST", `/api/invitations/${tokenOf(link)}/accept`, { body: { password: "a brand new password" } });
    expect(accepted.status).toBe(201);

    expect((await json(await call(w.app, "GET", "/api/me", { cookie: w.member.cookie }))).user).toBeNull();
    expect((await signInResponse(w.app, w.member.email)).status).toBe(401);
    await signIn(w.app, w.member.email, "a brand new password");
  });
});
