/**
 * The AGM deck in the dashboard: the Exports page lists the slides; presentation mode moves with
 * the keys a keyboard or clicker sends, numbers its slides, and passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };

describe("the AGM deck in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let cycleId: number;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    await addAccounts(convene, { ...CONVENOR, name: "Clara Convenor", role: "convenor" });
    const cycle = await db
      .insertInto("cycles")
      .values({ name: "2026–27", workshopDate: "2026-01-10", agmDate: "2026-12-10", closedAt: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    cycleId = cycle.id;
    const now = new Date().toISOString();
    for (const [title, status] of [
      ["Secure a cross-government atrocity prevention strategy", "on_track"],
      ["Brief parliamentarians before relevant debates", "at_risk"],
    ] as const) {
      await db
        .insertInto("goals")
        .values({
          cycleId,
          themeId: null,
          title,
          description: "",
          leadOrganisationId: null,
          status,
          dueDate: null,
          visibility: "public",
          copiedFromGoalId: null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("previews the slide list on the Exports page", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    await page.goto(`${convene.base}/exports?cycle=${cycleId}`);
    await page.getByRole("heading", { name: /Exports/ }).waitFor();
    await page.getByRole("listitem").filter({ hasText: "The year in numbers" }).waitFor();
    expect(await page.getByRole("link", { name: "Download the deck (.pptx)" }).getAttribute("href")).toBe(
      `/api/exports/agm.pptx?cycle=${cycleId}&audience=members`,
    );
    await page.getByRole("radio", { name: /Public/ }).check();
    await page.waitForURL(/audience=public/);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("presents the slides with arrow, page and Home/End keys", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Present" }).click();
    await page.waitForURL(/\/exports\/present/);
    const counter = page.locator(".present-counter");
    await counter.waitFor();
    const total = Number((await counter.textContent())?.split("/")[1]);
    expect(total).toBeGreaterThan(5);
    await expect.poll(() => counter.textContent()).toContain(`1 / ${total}`);
    await page.getByRole("heading", { name: /UK Civil Society|Convene/, level: 2 }).waitFor();

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter.textContent()).toContain(`2 / ${total}`);
    await page.getByRole("heading", { name: "The year in numbers", level: 2 }).waitFor();
    await page.keyboard.press("PageDown");
    await expect.poll(() => counter.textContent()).toContain(`3 / ${total}`);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => counter.textContent()).toContain(`2 / ${total}`);
    await page.keyboard.press("End");
    await expect.poll(() => counter.textContent()).toContain(`${total} / ${total}`);
    await page.getByRole("heading", { name: /Thank you/, level: 2 }).waitFor();
    await page.keyboard.press("Home");
    await expect.poll(() => counter.textContent()).toContain(`1 / ${total}`);
    await page.waitForURL(/slide=1/);
    expect(await seriousA11yProblems(page)).toEqual([]);

    // A chart slide: drawn by Recharts, with its table twin a button away.
    const statusIndex = await page.evaluate(() =>
      [...document.querySelectorAll(".present-slide")].findIndex((s) => s.getAttribute("aria-label")?.includes("Goals by status")),
    );
    for (let i = 0; i < statusIndex; i++) await page.keyboard.press("ArrowRight");
    await page.locator(".present-slide.current .present-chart svg").first().waitFor();
    await page.getByRole("button", { name: "Show as table" }).click();
    await page.locator(".present-slide.current table").getByRole("cell", { name: "On track" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Escape (outside full screen) leaves the presentation for the Exports page it came from.
    await page.keyboard.press("Escape");
    await page.waitForURL(/\/exports\?/);
    await page.getByRole("heading", { name: /Exports/ }).waitFor();
    expect(await page.locator(".present-counter").count()).toBe(0);
  });
});
