/**
 * The overview of a 50-organisation, 200-goal coalition stays a readable height, its sections
 * fold and remember it, and the header's cycle picker follows a goal of another cycle.
 * A full-page screenshot goes to /tmp/shots-trip/ to be looked at.
 */
import { mkdirSync } from "node:fs";
import { generateSyntheticCoalition } from "@convene/api/synthetic-coalition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const SHOTS = "/tmp/shots-trip";

describe("the overview at 200 goals", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let coalition: Awaited<ReturnType<typeof generateSyntheticCoalition>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    coalition = await generateSyntheticCoalition(db, { organisations: 50, cycles: 2, goals: 400, measures: 800, updates: 2400 });
    await addAccounts(convene, { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" });
    await signIn(browser.page, convene.base, CONVENOR, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("is bounded in height, with lists cut to ten and per-goal charts cut to movers and laggards", async () => {
    const { page } = browser;
    await page.goto(`${convene.base}/?cycle=${coalition.latestCycleId}`);
    await page.getByRole("heading", { name: /Since the/ }).waitFor({ timeout: 30_000 });
    await page
      .getByText(/goals that moved furthest|goals furthest behind/)
      .first()
      .waitFor({ timeout: 30_000 });
    const goals = await page.evaluate(() => document.querySelectorAll(".since-table tbody tr").length);
    expect(goals).toBeGreaterThanOrEqual(150);
    // The full table is behind a disclosure, closed.
    expect(await page.locator("details.since-all").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page
      .getByRole("button", { name: /^Show all \d+$/ })
      .first()
      .waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/overview-200-goals-1280.png`, fullPage: true });
    // 31,166 px before; two short charts, two ten-item lists and the road map fit in a fraction of it.
    expect(height).toBeLessThan(9_000);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/overview-200-goals-390.png`, fullPage: true });
    // Escape closes the phone menu and returns focus to its button.
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.click();
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("Escape");
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("menu-button"))).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it("folds a section and remembers it on the next visit", async () => {
    const { page } = browser;
    const toggle = page.getByRole("button", { name: "Needs attention" });
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
    await toggle.click();
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
    await page.reload();
    await page.getByRole("button", { name: "Needs attention" }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Needs attention" }).getAttribute("aria-expanded")).resolves.toBe("false");
    await page.getByRole("button", { name: "Needs attention" }).click();
  }, 60_000);

  it("shows a goal's own cycle in the header picker, whichever was chosen", async () => {
    const { page } = browser;
    const older = coalition.cycleIds.find((id) => id !== coalition.latestCycleId)!;
    const goal = await convene.convene.db
      .selectFrom("goals")
      .select("id")
      .where("cycleId", "=", older)
      .where("deletedAt", "is", null)
      .executeTakeFirstOrThrow();
    await page.goto(`${convene.base}/goals/${goal.id}?cycle=${coalition.latestCycleId}`);
    await page.locator("h1").first().waitFor({ timeout: 30_000 });
    const picker = page.locator(".cycle-picker select");
    await expect.poll(() => picker.inputValue(), { timeout: 30_000 }).toBe(String(older));
  }, 60_000);
});
