/**
 * Data in and out in the browser: the convenor uploads a spreadsheet of goals, sees its problems
 * by row and column, fixes it, previews and confirms; then turns on the public progress page,
 * which shows the public goal and nothing else. Every page is checked with axe.
 */
import { insertCycle } from "@convene/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };
const HEADER = "title,visibility,status,measure_name,measure_kind,baseline,target,current";

describe("data in and out in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    await addAccounts(convene, { ...CONVENOR, name: "Clara Convenor", role: "convenor" });
    await insertCycle(db, { name: "2026–27", workshopDate: "2026-01-10", agmDate: "2027-06-30", updateIntervalDays: 42 });
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("shows the problems of a bad file by row and column, imports nothing, then previews and imports a good one", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data in and out" }).click();
    await page.getByRole("heading", { name: /Data in and out/ }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    const file = page.locator("#import-goals input[type=file], .import-flow input[type=file]").last();
    const bad = [HEADER, "Brief every party,Public,On track,Briefings,number,0,ten,", '"=HYPERLINK(""http://x"")",nobody,,,,,,'].join("\n");
    await file.setInputFiles({ name: "goals.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.getByRole("heading", { name: /goals\.csv has 2 problems; nothing has been imported/ }).waitFor();
    await page.getByRole("cell", { name: 'must be a number, not "ten"' }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: "visibility" }).textContent()).toContain("3");
    expect(await seriousA11yProblems(page)).toEqual([]);
    expect(await convene.convene.db.selectFrom("goals").select("id").execute()).toEqual([]);

    const good = [
      HEADER,
      "Brief every party,Public,On track,Briefings,number,0,10,4",
      "Brief every party,,,Manifesto pledge,done/not done,,,",
      "Quiet work,Members,,,,,,",
    ].join("\n");
    await file.setInputFiles({ name: "goals.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page.getByRole("heading", { name: /every row is valid/ }).waitFor();
    await page.getByRole("rowheader", { name: "Brief every party" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Confirm import" }).click();
    await page.getByText("2 goals imported into 2026–27.").waitFor();
    const goals = await convene.convene.db.selectFrom("goals").select(["title", "visibility"]).orderBy("id").execute();
    expect(goals).toEqual([
      { title: "Brief every party", visibility: "public" },
      { title: "Quiet work", visibility: "members" },
    ]);
  });

  it("keeps the public page off until the convenor turns it on, then shows only public goals without sign-in", async () => {
    const { page, context } = browser;
    await page.goto(`${convene.base}/public`);
    await page.getByRole("heading", { name: "There is no public progress page" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.goto(`${convene.base}/admin/settings`);
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    await page.getByRole("button", { name: "Turn the public page on" }).click();
    await page.getByRole("button", { name: "Turn the public page off" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await context.clearCookies();
    await page.goto(`${convene.base}/public`);
    await page.getByRole("heading", { name: /our progress/ }).waitFor();
    await page.getByRole("heading", { name: "Brief every party" }).waitFor();
    expect(await page.getByText("Quiet work").count()).toBe(0);
    expect(await page.getByText("Briefings: 4 of 10").count()).toBe(1);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
