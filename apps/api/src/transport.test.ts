/** Over https (PUBLIC_URL https://…) Convene sends Strict-Transport-Security and a __Host- session cookie; over http neither. */
import { freshTestDatabase } from "@convene/db/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { fastTestPasswordHasher } from "./auth.ts";
import { createConvene } from "./server.ts";
import { createAccount } from "./services/accounts.ts";
import { call, fromAddress, json, PASSWORD } from "./test-support.ts";

let convene: Awaited<ReturnType<typeof createConvene>> | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

/** A Convene reached at `publicUrl`, with one member, signed in from that origin. */
async function reachedAt(publicUrl: string) {
  convene = await createConvene({
    databasePath: await freshTestDatabase(),
    secret: "a test secret that is at least 32 characters long",
    publicUrl,
    passwordHasher: fastTestPasswordHasher,
  });
  const email = "member@example.org";
  const [org] = await convene.db.selectFrom("organisations").select("id").orderBy("id").execute();
  await createAccount(
    convene.auth,
    convene.db,
    { email, name: "A member", password: PASSWORD, role: "member", organisationId: org!.id },
    null,
  );
  const signedIn = await call(convene.app, "POST", "/api/auth/sign-in/email", {
    body: { email, password: PASSWORD },
    headers: { origin: publicUrl },
    env: fromAddress(),
  });
  expect(signedIn.status).toBe(200);
  return { app: convene.app, setCookies: signedIn.headers.getSetCookie(), email };
}

describe("transport security", () => {
  it("over https: Strict-Transport-Security for a year, and a __Host- session cookie that still signs people in", async () => {
    const { app, setCookies, email } = await reachedAt("https://convene.example.org");
    for (const path of ["/api/health", "/api/me"])
      expect((await call(app, "GET", path)).headers.get("strict-transport-security")).toBe("max-age=31536000");

    const session = setCookies.find((c) => c.includes("session_token="));
    expect(session).toBeDefined();
    const attributes = session!.split(";").map((a) => a.trim().toLowerCase());
    expect(session!.startsWith("__Host-")).toBe(true);
    expect(attributes).toEqual(expect.arrayContaining(["secure", "path=/", "httponly", "samesite=lax"]));
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    // Every cookie it sets keeps the __Host- rules, or a browser would drop it.
    for (const cookie of setCookies) expect(cookie.startsWith("__Host-") && /;\s*Secure/i.test(cookie), cookie).toBe(true);

    const cookie = setCookies.map((c) => c.split(";")[0]).join("; ");
    const me = await call(app, "GET", "/api/auth/get-session", { cookie, headers: { origin: "https://convene.example.org" } });
    expect((await json(me)).user.email).toBe(email);
  });

  it("over http: no Strict-Transport-Security, and the cookie is neither Secure nor prefixed", async () => {
    const { app, setCookies } = await reachedAt("http://localhost:8787");
    expect((await call(app, "GET", "/api/health")).headers.get("strict-transport-security")).toBeNull();
    const session = setCookies.find((c) => c.includes("session_token="))!;
    expect(session.startsWith("better-auth.session_token=")).toBe(true);
    expect(/;\s*Secure/i.test(session)).toBe(false);
  });
});
