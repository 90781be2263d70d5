/**
 * Moving around the dashboard: every page names itself in the document title, focus lands on
 * the new page's heading, and a page only the convenor may use tells a member or an observer
 * so, with no form. Each test signs in the person it needs, so they run in any order.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long test password";
const CONVENOR = "convenor@example.org";
const MEMBER = "member@una.example.org";
const OBSERVER = "observer@example.org";
const WAIT = { timeout: 15_000 };

describe("navigation, titles and who may open what", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let goalId: number;

  async function as(email: string): Promise<Page> {
    const { page } = browser;
    await browser.context.clearCookies();
    await signIn(page, convene.base, email, PASSWORD);
    return page;
  }

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    const _una = (await db.selectFrom("organisations").select("id").where("shortName", "=", "una-uk").executeTakeFirstOrThrow()).id;
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: MEMBER, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { email: OBSERVER, name: "Olu Observer", password: PASSWORD, role: "observer" },
    );
    const page = await as(CONVENOR);
    const cycle = await page.request.post(`${convene.base}/api/cycles`, {
      headers: { origin: convene.base },
      data: { name: "Demo cycle", workshopDate: "2026-09-01", agmDate: "2027-06-30" },
    });
    const cycleId = ((await cycle.json()) as { cycle: { id: number } }).cycle.id;
    const goal = await page.request.post(`${convene.base}/api/goals`, {
      headers: { origin: convene.base },
      data: { cycleId, title: "Brief every new MP", visibility: "members" },
    });
    goalId = ((await goal.json()) as { goal: { id: number } }).goal.id;
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("titles each page after itself and its cycle, and moves focus to the new page's heading", async () => {
    const page = await as(CONVENOR);
    await expect.poll(() => page.title(), WAIT).toBe("Overview — Demo cycle — Convene");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Goals" }).click();
    await page.getByRole("heading", { name: "Goals", level: 1 }).waitFor(WAIT);
    await expect.poll(() => page.title(), WAIT).toBe("Goals — Demo cycle — Convene");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe("H1");
    await page.getByRole("link", { name: "Brief every new MP" }).first().click();
    await expect.poll(() => page.title(), WAIT).toBe("Brief every new MP — Convene");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), WAIT).toContain("Brief every new MP");
  });

  it("titles the sign-in page", async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(`${convene.base}/sign-in`);
    await expect.poll(() => page.title(), WAIT).toBe("Sign in — Convene");
  });

  it.each([
    ["a member", MEMBER],
    ["an observer", OBSERVER],
  ])("tells %s that only the convenor can create a goal or manage accounts, showing no form", async (_who, email) => {
    const page = await as(email);
    for (const path of ["/goals/new", `/goals/${goalId}/edit`, "/admin/accounts", "/meetings/new"]) {
      await page.goto(`${convene.base}${path}`);
      await page.getByRole("heading", { name: "Only the convenor can do this", level: 1 }).waitFor(WAIT);
      expect(await page.locator("main form").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    }
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("tells an observer a goal shared only with members is not there, with no pointless Try again", async () => {
    const page = await as(OBSERVER);
    await page.goto(`${convene.base}/goals/${goalId}`);
    await page.getByRole("heading", { name: /not found/i, level: 1 }).waitFor(WAIT);
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
  });
});
