/**
 * "What's new" and "What needs you" on the overview, and recording a successful alert as a
 * milestone in one step. The overview with both sections and the closed alert page are checked with axe.
 */

import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, addCurrentCycle, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const UNA = "uma@una.example.org";
const ago = (days: number) => addDays(new Date(), -days).toISOString();

describe("what's new and what needs you in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let alertId = 0;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    const una = (await db.selectFrom("organisations").select("id").where("shortName", "=", "una-uk").executeTakeFirstOrThrow()).id;
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: UNA, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
    );
    const cycleId = await addCurrentCycle(convene, ago(90));
    const goal = (title: string, createdAt: string) => ({
      cycleId,
      title,
      description: "",
      themeId: null,
      leadOrganisationId: una,
      status: "on_track" as const,
      dueDate: null,
      visibility: "members" as const,
      copiedFromGoalId: null,
      createdAt,
      updatedAt: createdAt,
      deletedAt: null,
    });
    await db
      .insertInto("goals")
      .values([goal("Brief MPs before the recess", ago(60)), goal("Publish the shared reading list", ago(1))])
      .execute();
    const closedAt = ago(0);
    ({ id: alertId } = await db
      .insertInto("alerts")
      .values({
        title: "Statement on mass arrests",
        situation: "Country X",
        kind: "emerging_threat",
        urgency: "critical",
        ask: "Sign a joint statement",
        deadline: ago(-1),
        visibility: "members",
        state: "closed",
        outcome: "Eleven organisations signed; the Minister replied.",
        successful: 1,
        closedAt,
        closedByName: "Clara Convenor",
        raisedById: null,
        raisedByName: "Uma Member",
        raisedByOrganisationId: una,
        createdAt: ago(2),
        updatedAt: closedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow());
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("shows a member what is new, marks it seen, and shows the goal that needs an update", async () => {
    const { page } = browser;
    await signIn(page, convene.base, UNA, PASSWORD);
    const whatsNew = page.getByRole("region", { name: "What's new" });
    await whatsNew.getByRole("link", { name: "Publish the shared reading list" }).waitFor();
    await whatsNew.getByText("in the last 14 days").first().waitFor();
    const needsYou = page.getByRole("region", { name: "What needs you" });
    await needsYou.getByRole("link", { name: "Brief MPs before the recess", exact: true }).waitFor();
    expect(await needsYou.getByText("Publish the shared reading list").count()).toBe(0);
    await page.getByText("open alerts").first().waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await whatsNew.getByRole("button", { name: "Mark as seen" }).click();
    await whatsNew.getByText(/Nothing new since your last visit on \d+ \w+ \d{4}/).waitFor();
    await page.reload();
    await page
      .getByRole("region", { name: "What's new" })
      .getByText(/Nothing new since your last visit/)
      .waitFor();

    await page.getByRole("link", { name: "Post an update on Brief MPs before the recess" }).click();
    await page.waitForURL(/\/goals\/\d+#update-form-heading/);
    await page.getByRole("heading", { name: "Post an update" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
  });

  it("lets the convenor record a successful alert as a milestone in one step", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.getByRole("region", { name: "What needs you" }).waitFor();
    await page.goto(`${convene.base}/alerts/${alertId}`);
    await page.getByRole("heading", { name: "Outcome" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Record as milestone" }).click();
    await page.getByText("Recorded as a milestone").first().waitFor();
    expect(await page.getByRole("button", { name: "Record as milestone" }).count()).toBe(0);
    await page.getByRole("link", { name: "see it on the milestones timeline" }).click();
    await page.waitForURL(/\/milestones/);
    await page.getByRole("heading", { name: "Statement on mass arrests" }).waitFor();
    // It is news to the convenor too.
    await page.goto(`${convene.base}/`);
    await page.getByRole("region", { name: "What's new" }).getByRole("link", { name: "Statement on mass arrests" }).first().waitFor();
  });
});
