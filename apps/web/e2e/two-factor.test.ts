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
    convene = await startConvene();
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
});
