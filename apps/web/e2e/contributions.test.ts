/**
 * Logging contributions as a member would, and seeing the table and the charts change; the
 * convenor's participation view appears for the convenor only. The page is checked with axe.
 */

import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const UNA = "uma@una.example.org";
const GOAL = "Secure a cross-government atrocity prevention strategy";
const day = (offset: number) => addDays(new Date(), offset).toISOString().slice(0, 10);

describe("contributions in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    const _una = (await db.selectFrom("organisations").select("id").where("shortName", "=", "una-uk").executeTakeFirstOrThrow()).id;
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: UNA, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
    );
    const cycle = await db
      .insertInto("cycles")
      .values({ name: "This year", workshopDate: day(-60), agmDate: day(300), closedAt: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db
      .insertInto("goals")
      .values({
        cycleId: cycle.id,
        themeId: null,
        title: GOAL,
        description: "",
        leadOrganisationId: null,
        status: "on_track",
        dueDate: null,
        visibility: "members",
        copiedFromGoalId: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("lets a member log their organisation's contributions and see the table and charts change", async () => {
    const { page } = browser;
    await signIn(page, convene.base, UNA, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contributions" }).click();
    await page.getByRole("heading", { name: /^Contributions/ }).waitFor();
    await page.getByText("No contributions logged in This year yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    // Members never see the convenor's participation view.
    expect(await page.getByText("Participation this cycle").count()).toBe(0);

    await page.getByRole("button", { name: "Log a contribution" }).first().click();
    const dialog = page.getByRole("dialog");
    // Refused before anything is sent: a negative number of hours.
    await dialog.getByLabel("Hours (optional)").fill("-2");
    await dialog.getByRole("button", { name: "Log contribution" }).click();
    await dialog.locator("#contribution-hours-error", { hasText: "Hours cannot be negative" }).waitFor();
    await dialog.getByLabel("What your organisation did").selectOption({ label: "Drafted" });
    await dialog.getByLabel("Description").fill("Drafted the joint briefing for the Foreign Affairs Committee");
    await dialog.getByLabel("Hours (optional)").fill("3");
    await dialog.getByLabel("Towards a goal (optional)").selectOption({ label: GOAL });
    await dialog.getByRole("button", { name: "Log contribution" }).click();

    const table = page.locator("table.contributions-table");
    await table.getByRole("cell", { name: /^Drafted the joint briefing/ }).waitFor();
    await page.getByText("UNA-UK made the only contribution").waitFor();
    await page.getByText(`“${GOAL}” has drawn the most contributions: 1`).waitFor();
    await page.getByText("1 contribution from 1 organisation in This year, 3 hours in all.").waitFor();

    await page.getByRole("button", { name: "Log a contribution" }).first().click();
    await dialog.getByLabel("What your organisation did").selectOption({ label: "Spoke" });
    await dialog.getByLabel("Description").fill("Spoke at the APPG on genocide prevention");
    await dialog.getByRole("button", { name: "Log contribution" }).click();
    await table.getByRole("cell", { name: /^Spoke at the APPG/ }).waitFor();
    await page.getByText("UNA-UK made all 2 contributions").waitFor();

    // The stacked chart's table twin shows the count per kind.
    const figure = page.locator("figure", { hasText: "UNA-UK made all 2 contributions" });
    await figure.getByRole("button", { name: "Show as table" }).click();
    const row = figure.locator("tbody tr").first();
    expect(await row.locator("td").allTextContents()).toEqual(["1", "1", "2"]);
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Filtering by kind is kept in the URL and narrows the table.
    await page.locator("#filter-kind").selectOption({ label: "Spoke" });
    await page.waitForURL(/kind=spoke/);
    await page.getByText("1 contribution from 1 organisation").waitFor();
    expect(await table.getByRole("cell", { name: /^Drafted the joint briefing/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
  });

  it("shows the convenor who has gone quiet this cycle", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/contributions`);
    await page.getByRole("heading", { name: "Participation this cycle" }).waitFor();
    await page.getByText(/organisations have not contributed, attended a meeting or answered an alert/).waitFor();
    await page.getByText("Every organisation, one by one").click();
    const una = page.locator(".participation tbody tr", { hasText: "UNA-UK" });
    expect(await una.locator("td").first().textContent()).toContain("2 contributions");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
