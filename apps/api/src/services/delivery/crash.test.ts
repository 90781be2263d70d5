/**
 * A server killed outright (SIGKILL: nothing closed, nothing flushed) after a change and before
 * its email went: the email was written in the change's own transaction (the outbox), so the
 * next server to start sends it, once. Real processes, on either engine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { addDays } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { createConvene } from "../../server.ts";
import { type Instance, startInstance, stopInstance } from "../../test-instance.ts";
import { createAccount } from "../accounts.ts";
import { testSmtpServer } from "./test-smtp.ts";

const SECRET = "one secret shared by every instance, 32+ chars";
const PASSWORD = "correct horse battery";
const PUBLIC_URL = "http://localhost:8787";
const settings = { AUTH_SECRET: SECRET, PUBLIC_URL };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(database: string, env: Record<string, string> = {}) {
  const instance = await startInstance(database, { ...settings, ...env });
  cleanups.push(() => stopInstance(instance, "SIGKILL"));
  return instance;
}

const send = (instance: Instance, method: string, path: string, o: { cookie?: string; body?: unknown } = {}) =>
  fetch(`${instance.url}${path}`, {
    method,
    headers: { origin: PUBLIC_URL, ...(o.cookie ? { cookie: o.cookie } : {}), "content-type": "application/json" },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });

describe("a server killed between the change and the delivery", () => {
  it(`leaves the email to the next server, which sends it once (${testEngine})`, async () => {
    const smtp = await testSmtpServer();
    cleanups.push(smtp.close);
    const dir = mkdtempSync(join(tmpdir(), "convene-crash-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const database = await freshTestDatabase(dir);
    // The people, made with the servers' own password hashing.
    const setup = await createConvene({ databasePath: database, secret: SECRET, publicUrl: PUBLIC_URL });
    const [org] = await setup.db.selectFrom("organisations").select("id").orderBy("id").limit(1).execute();
    for (const [email, role, organisationId] of [
      ["convenor@example.org", "convenor", null],
      ["member@example.org", "member", org!.id],
    ] as const)
      await createAccount(setup.auth, setup.db, { email, name: email, password: PASSWORD, role, organisationId }, null);
    await setup.close();

    // The first server has no mail server: the alert's email waits in the outbox when it dies.
    const first = await started(database);
    // A member raises it (a convenor must have two-factor sign-in, which this test has no use for); the convenor is told.
    const signedIn = await send(first, "POST", "/api/auth/sign-in/email", { body: { email: "member@example.org", password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const raised = await send(first, "POST", "/api/alerts", {
      cookie,
      body: {
        title: "Killed before it was told",
        situation: "Country X",
        ask: "Join a statement",
        urgency: "critical",
        deadline: addDays(new Date(), 3).toISOString(),
        visibility: "members",
      },
    });
    expect(raised.status).toBe(201);
    await stopInstance(first, "SIGKILL");

    await started(database, { SMTP_URL: smtp.url, MAIL_FROM: "Convene <convene@example.org>" });
    // Waits for the email itself; how long the next server takes to send it does not matter.
    while (!smtp.received.some((r) => r.to.includes("convenor@example.org"))) await new Promise((r) => setTimeout(r, 100));
    const mail = smtp.received.find((r) => r.to.includes("convenor@example.org"))!.mail;
    expect(mail.subject).toBe("New alert: Killed before it was told");

    const check = await openDatabase(database);
    cleanups.push(check.close);
    const emails = await check.db.selectFrom("outbox").select(["sentAt", "attempts"]).where("channel", "=", "email").execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]!.sentAt).not.toBeNull();
    expect(smtp.recipients()).toEqual(["convenor@example.org"]);
  }, 120_000);
});
