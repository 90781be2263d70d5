/**
 * "Where you are signed in" on the account page: another device's session is listed in plain
 * words, and "Sign out everywhere else" ends it while this one goes on.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createAccount } from "@convene/api/accounts";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PERSON = { email: "member@example.org", password: "a long member password" };
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const WAIT = { timeout: 15_000 };

/** With CONVENE_SHOTS=folder, keeps a picture of the page at 1280 px and 390 px, for a person to look at. */
async function shoot(page: Page, name: string) {
  const folder = process.env.CONVENE_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  const laptop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(folder, `${name}-390.png`), fullPage: true });
  if (laptop) await page.setViewportSize(laptop);
}

describe("my sessions in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const [org] = await convene.convene.db.selectFrom("organisations").select("id").orderBy("id").execute();
    await createAccount(
      convene.convene.auth,
      convene.convene.db,
      { email: PERSON.email, name: "Mo Member", password: PERSON.password, role: "member", organisationId: org!.id },
      null,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("lists the phone's session and signs it out from the laptop", async () => {
    const { page } = browser;
    await signIn(page, convene.base, PERSON.email, PERSON.password);
    // The same person signed in on a phone, as a second browser would.
    const phone = await fetch(`${convene.base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: convene.base, "content-type": "application/json", "user-agent": PHONE },
      body: JSON.stringify(PERSON),
    });
    expect(phone.status).toBe(200);
    const phoneCookie = phone.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const phoneMe = async () => (await (await fetch(`${convene.base}/api/me`, { headers: { cookie: phoneCookie } })).json()).user;
    expect((await phoneMe())?.email).toBe(PERSON.email);

    await page.goto(`${convene.base}/account`);
    const section = page.getByRole("region", { name: "Where you are signed in" });
    await section.getByText("Chrome on Android").waitFor(WAIT);
    await section.getByText("This device").waitFor(WAIT);
    expect(await section.getByRole("listitem").count()).toBe(2);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "sessions");

    await section.getByRole("button", { name: "Sign out everywhere else" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere else?" });
    await dialog.waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Sign out everywhere else" }).click();
    await section.getByRole("status").filter({ hasText: "1 other session has ended." }).waitFor(WAIT);
    await section.getByText("Chrome on Android").waitFor({ state: "detached", ...WAIT });
    expect(await section.getByRole("listitem").count()).toBe(1);
    expect(await phoneMe()).toBeNull();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "sessions-after");
  });
});
