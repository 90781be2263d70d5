/**
 * The inbox in the browser: a member told of an alert sees the bell's count, the entry in the
 * inbox, opens it (which marks it read), at 1280 px and 390 px; axe on the inbox page.
 */
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const RAISER = "uma@una.example.org";
const TOLD = "vic@other.example.org";

describe("the inbox in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let raiser: Awaited<ReturnType<typeof openBrowser>>;
  let told: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    await addAccounts(
      convene,
      { email: RAISER, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { email: TOLD, name: "Vic Member", password: PASSWORD, role: "member", organisation: "burma-campaign" },
    );
    raiser = await openBrowser();
    told = await openBrowser();
  });

  afterAll(async () => {
    await raiser?.close();
    await told?.close();
    await convene?.stop();
  });

  it("shows a new alert in the bell and the inbox, and marks it read when opened", async () => {
    await signIn(raiser.page, convene.base, RAISER, PASSWORD);
    const res = await raiser.page.request.post(`${convene.base}/api/alerts`, {
      headers: { origin: convene.base },
      data: {
        title: "Mass arrests reported",
        situation: "Country X",
        urgency: "critical",
        ask: "Sign a joint statement",
        deadline: addDays(new Date(), 3).toISOString(),
        visibility: "members",
      },
    });
    expect(res.status()).toBe(201);

    const page = told.page;
    await signIn(page, convene.base, TOLD, PASSWORD);
    await page.getByRole("link", { name: "Inbox, 1 unread" }).click();
    await page.getByRole("heading", { name: "Inbox", level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Inbox — /);
    await page.getByText("1 notification, 1 unread.").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "New alert: Mass arrests reported" }).click();
    await page.getByRole("heading", { name: /Mass arrests reported/ }).waitFor();
    await page.getByRole("link", { name: "Inbox, nothing unread" }).click();
    await page.getByText("1 notification, 0 unread.").waitFor();
  });
});
