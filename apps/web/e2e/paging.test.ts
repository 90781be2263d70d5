/**
 * The goals page with many goals: it shows 50 of them at a time, turns pages by mouse and by
 * keyboard, keeps the page and the sort in the URL across a reload, and its columns fit at
 * 1280 px. The page is checked with axe.
 */
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password", name: "Clara Convenor" };
const GOALS = 120;
const day = (offset: number) => addDays(new Date(), offset).toISOString().slice(0, 10);
const title = (i: number) => `Goal ${String(i).padStart(3, "0")} for a long enough title to wrap in its column`;

describe("paging the goals page in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    await addAccounts(convene, { ...CONVENOR, role: "convenor" });
    const cycle = await db
      .insertInto("cycles")
      .values({ name: "This year", workshopDate: day(-60), agmDate: day(300), closedAt: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const lead = await db.selectFrom("organisations").select("id").orderBy("name", "desc").executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    // Inserted out of title order, so that the first page in title order is not the first written.
    const order = Array.from({ length: GOALS }, (_, i) => ((i * 37) % GOALS) + 1);
    await db
      .insertInto("goals")
      .values(
        order.map((i) => ({
          cycleId: cycle.id,
          themeId: null,
          title: title(i),
          description: "",
          leadOrganisationId: lead.id,
          status: "on_track" as const,
          dueDate: day(i),
          visibility: "members" as const,
          copiedFromGoalId: null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })),
      )
      .execute();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  const rows = () => browser.page.locator("table.goals-table tbody tr");
  const firstTitle = () => rows().first().getByRole("link").textContent();

  it("shows the first 50 of the goals, no more", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    await page.goto(`${convene.base}/goals`);
    await page.getByText(`Showing 1–50 of ${GOALS} goals`).waitFor();
    expect(await rows().count()).toBe(50);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("sorts on the server and keeps the page and the sort in the URL across a reload", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await page.getByRole("button", { name: /^Goal/ }).click();
    await page.waitForURL(/sort=title\.asc/);
    await page.getByText(title(1)).waitFor();
    expect(await firstTitle()).toBe(title(1));

    await page.getByRole("button", { name: "Next page" }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(`Showing 51–100 of ${GOALS} goals`).waitFor();
    expect(await firstTitle()).toBe(title(51));

    await page.reload();
    await page.getByText(`Showing 51–100 of ${GOALS} goals`).waitFor();
    expect(page.url()).toMatch(/sort=title\.asc/);
    expect(page.url()).toMatch(/page=2/);
    expect(await firstTitle()).toBe(title(51));
    expect(await rows().count()).toBe(50);
  });

  it("turns the page from the keyboard", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Next page" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(`Showing 101–120 of ${GOALS} goals`).waitFor();
    expect(await rows().count()).toBe(20);
    expect(await page.getByRole("button", { name: "Next page" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Previous page" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(`Showing 51–100 of ${GOALS} goals`).waitFor();
  });

  it("sorts by due date, latest first, from the first page again", { timeout: 90_000 }, async () => {
    const { page } = browser;
    const due = page.getByRole("button", { name: /^Due/ });
    await due.click();
    await page.waitForURL(/sort=dueDate\.asc/);
    expect(page.url()).not.toMatch(/page=/);
    await due.click();
    await page.waitForURL(/sort=dueDate\.desc/);
    await page.getByText(title(GOALS)).waitFor();
    expect(await firstTitle()).toBe(title(GOALS));
  });

  it("fits its columns at 1280 px without scrolling sideways", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    const fits = await page.locator(".table-scroll").evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
  });
});
