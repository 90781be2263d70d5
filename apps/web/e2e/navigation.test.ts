/**
 * Moving around the dashboard: every page names itself in the document title, focus lands on
 * the new page's heading, and a page only the convenor may use tells a member or an observer
 * so, with no form. Each test signs in the person it needs, so they run in any order.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long test password";
const CONVENOR = "convenor@example.org";
const MEMBER = "member@una.example.org";
const OBSERVER = "observer@example.org";
const WAIT = { timeout: 15_000 };
const ERASABLE = { email: "erin@una.example.org", name: "Erin Erasable" };

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
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: MEMBER, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { ...ERASABLE, password: PASSWORD, role: "member", organisation: "una-uk" },
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
      data: {
        cycleId,
        title: "Brief every new MP",
        visibility: "members",
        description: "We brief **every** new MP:\n\n- in their first month\n- with [our briefing](https://example.org/briefing)",
      },
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

  it("shows a goal's Markdown description as formatted text, not its marks", async () => {
    const page = await as(MEMBER);
    await page.goto(`${convene.base}/goals/${goalId}`);
    const description = page.locator(".description");
    await description.locator("strong", { hasText: "every" }).waitFor(WAIT);
    expect(await description.getByRole("listitem").count()).toBe(2);
    expect(await description.getByRole("link", { name: "our briefing" }).getAttribute("href")).toBe("https://example.org/briefing");
    expect(await description.textContent()).not.toContain("**");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("closes the phone menu with Escape and gives focus back to its button", async () => {
    const page = await as(MEMBER);
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      const menu = page.locator(".menu-button");
      await menu.click();
      await expect.poll(() => menu.getAttribute("aria-expanded"), WAIT).toBe("true");
      await page.keyboard.press("Escape");
      await expect.poll(() => menu.getAttribute("aria-expanded"), WAIT).toBe("false");
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("menu-button")), WAIT).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("lets the convenor erase a person only after typing their name, saying first what will happen", async () => {
    const page = await as(CONVENOR);
    await page.goto(`${convene.base}/admin/accounts`);
    await page.getByRole("heading", { name: "Unused accounts" }).waitFor(WAIT);
    await page.getByRole("button", { name: `Erase ${ERASABLE.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Erase ${ERASABLE.name}?` });
    await dialog.getByText("a former member of UNA-UK", { exact: false }).first().waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await dialog.getByLabel(`Type their name, ${ERASABLE.name}, to confirm`).fill("Erin");
    await dialog.getByRole("button", { name: "Erase this person" }).click();
    await dialog.getByText(`Type ${ERASABLE.name} exactly to confirm`).first().waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "erase-dialog");
    await dialog.getByLabel(`Type their name, ${ERASABLE.name}, to confirm`).fill(ERASABLE.name);
    await dialog.getByRole("button", { name: "Erase this person" }).click();
    await page.getByText(`${ERASABLE.name} is erased.`).waitFor(WAIT);
    await page.getByRole("row", { name: new RegExp(ERASABLE.name) }).waitFor({ state: "detached", ...WAIT });
    const left = await convene.convene.db.selectFrom("user").select("id").where("email", "=", ERASABLE.email).execute();
    expect(left).toEqual([]);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "admin-accounts");
  });

  it("has a public privacy page, linked from the sign-in page and every page's footer", async () => {
    const page = await as(MEMBER);
    await page.getByRole("link", { name: "Privacy: what Convene keeps about you" }).click();
    await page.getByRole("heading", { name: "Privacy: what Convene keeps about you", level: 1 }).waitFor(WAIT);
    await browser.context.clearCookies();
    await page.goto(`${convene.base}/sign-in`);
    await page.getByRole("link", { name: "Privacy: what Convene keeps about you" }).click();
    await page.getByRole("heading", { name: "Privacy: what Convene keeps about you", level: 1 }).waitFor(WAIT);
    expect(await page.title()).toBe("Privacy — Convene");
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "privacy");
  });
});
