/**
 * Issue 13.4 in the browser, with the rule enforced as in production: the first convenor is asked
 * for two-factor sign-in straight after their account is made, and a member is sent to the same
 * step when the convenor requires it of everyone.
 */
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, shoot, startConvene } from "./browser.ts";

const CONVENOR = { name: "Cai Convenor", email: "convenor@example.org", password: "a long convenor password" };
const MEMBER = { email: "member@example.org", password: "a long member password" };
const WAIT = { timeout: 15_000 };

describe("two-factor sign-in required", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
    convene = await startConvene({ host: "localhost", enforceTwoFactor: true });
    browser = await openBrowser();
    await addAccounts(convene, {
      email: MEMBER.email,
      name: "Mo Member",
      password: MEMBER.password,
      role: "member",
      organisation: "una-uk",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  async function signInWithPassword(email: string, password: string) {
    const { page } = browser;
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("asks the first convenor for it right after their account is made, and lets them on once it is set up", async () => {
    const { page } = browser;
    await page.goto(await convene.setupLink());
    await page.getByLabel("Your name").fill(CONVENOR.name);
    await page.getByLabel("Email address").fill(CONVENOR.email);
    await page.getByLabel("New password").fill(CONVENOR.password);
    await page.getByLabel("Type it again").fill(CONVENOR.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor(WAIT);
    await signInWithPassword(CONVENOR.email, CONVENOR.password);

    await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 1 }).waitFor(WAIT);
    expect(await page.title()).toMatch(/^Set up two-factor sign-in/);
    await page.getByText("The convenor’s account can change everything in Convene").waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-required");

    // Any other page sends them back here, and says where they were going.
    await page.goto(`${convene.base}/goals`);
    await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 1 }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe("/set-up-two-factor");

    const section = page.getByRole("region", { name: "Two-factor sign-in" });
    await section.getByLabel("Your password").fill(CONVENOR.password);
    await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await section.getByRole("img", { name: "QR code for your authenticator app" }).waitFor(WAIT);
    const key = (await section.locator(".secret-key").textContent()) ?? "";
    await section.getByLabel("Code from your app").fill(await createOTP(base32.decode(key)).totp());
    await section.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await section.getByRole("status").filter({ hasText: "Two-factor sign-in is on" }).waitFor(WAIT);
    const next = page.getByRole("button", { name: "Continue to Convene" });
    await next.waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-required-done");
    await next.click();
    await page.getByRole("heading", { name: "Goals" }).waitFor(WAIT);
  });

  it("sends a member to the same step once the convenor requires it of everyone; they can sign out from it", async () => {
    const { page } = browser;
    await page.goto(`${convene.base}/admin/settings`);
    const section = page.getByRole("region", { name: "Require two-factor sign-in of everyone" });
    await section.getByText("not required of members and observers").waitFor(WAIT);
    await section.getByRole("button", { name: "Require two-factor sign-in of everyone" }).click();
    await section.getByText("required of everyone", { exact: true }).waitFor(WAIT);
    await page.getByText("Two-factor sign-in is now required of everyone.").waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "settings-two-factor");

    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor(WAIT);
    await signInWithPassword(MEMBER.email, MEMBER.password);
    await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 1 }).waitFor(WAIT);
    await page.getByText("The convenor asks everyone to have a second check").waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "two-factor-required-member");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor(WAIT);

    // Back again, a passkey made here (Chromium's virtual authenticator) is enough to go on.
    await signInWithPassword(MEMBER.email, MEMBER.password);
    await page.getByRole("heading", { name: "Set up two-factor sign-in", level: 1 }).waitFor(WAIT);
    const cdp = await browser.context.newCDPSession(page);
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
    const passkeys = page.getByRole("region", { name: "Passkeys" });
    await passkeys.getByLabel("Name for a new passkey").fill("Work laptop");
    await passkeys.getByRole("button", { name: "Add a passkey" }).click();
    await passkeys.getByRole("status").filter({ hasText: "Passkey “Work laptop” added" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Continue to Convene" }).click();
    await page.getByRole("heading", { name: /Overview/ }).waitFor(WAIT);
  });
});
