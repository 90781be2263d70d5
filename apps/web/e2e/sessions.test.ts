import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const PERSON = { email: "member@example.org", password: "a long member password" };
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const WAIT = { timeout: 15_000 };

describe("my sessions in the browser", () => {
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
