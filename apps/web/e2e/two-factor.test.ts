import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const PERSON = { email: "member@example.org", password: "a long member password" };
const WAIT = { timeout: 15_000 };

describe("two-factor sign-in in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
    convene = await startConvene({ host: "localhost" });
    browser = await openBrowser();
    await addAccounts(convene, {
      email: PERSON.email,
      name: "Mo Member",
      password: PERSON.password,
      role: "member",
      organisation: "una-uk",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("is set up on the account page and then asked for at sign-in", async () => {
    const { page } = browser;
    await signIn(page, convene.base, PERSON.email, PERSON.password);
    await page.goto(`${convene.base}/account`);
    const section = page.getByRole("region", { name: "Two-factor sign-in" });
    await section.getByLabel("Your password").fill(PERSON.password);
    await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await section.getByRole("img", { name: "QR code for your authenticator app" }).waitFor(WAIT);
    const key = (await section.locator(".secret-key").textContent()) ?? "";
    const otp = createOTP(base32.decode(key));
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-setup");
    await section.getByLabel("Code from your app").fill(await otp.totp());
    await section.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await section.getByRole("status").filter({ hasText: "Two-factor sign-in is on" }).waitFor(WAIT);
    expect(await section.locator(".backup-codes li").count()).toBe(10);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-on");

    const out = await page.request.post(`${convene.base}/api/auth/sign-out`, { headers: { origin: convene.base }, data: {} });
    expect(out.status()).toBe(200);
    await page.goto(`${convene.base}/sign-in`);
    await page.getByLabel("Email address").fill(PERSON.email);
    await page.getByLabel("Password").fill(PERSON.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Enter your code" }).waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-sign-in");
    await page.getByLabel("Code").fill(await otp.totp());
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /Overview/ }).waitFor(WAIT);
  });

  it("adds a passkey on the account page and signs in with it alone", async () => {
    const { page, context } = browser;
    // Chromium's virtual authenticator: a platform authenticator that keeps the credential
    // (a discoverable passkey) and always verifies the person.
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${convene.base}/account`);
    const section = page.getByRole("region", { name: "Passkeys" });
    await section.getByText("You have no passkeys yet.").waitFor(WAIT);
    await section.getByLabel("Name for a new passkey").fill("Work laptop");
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await section.getByRole("status").filter({ hasText: "Passkey “Work laptop” added" }).waitFor(WAIT);
    await section.getByRole("listitem").filter({ hasText: "Work laptop" }).waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "passkeys");

    const out = await page.request.post(`${convene.base}/api/auth/sign-out`, { headers: { origin: convene.base }, data: {} });
    expect(out.status()).toBe(200);
    await page.goto(`${convene.base}/sign-in`);
    await shoot(page, "sign-in");
    await page.getByRole("button", { name: "Use a passkey instead" }).click();
    await page.getByRole("heading", { name: /Overview/ }).waitFor(WAIT);
    const stored = await convene.convene.db
      .selectFrom("passkey" as never)
      .selectAll()
      .execute();
    expect(stored).toHaveLength(1);
  });
});
