/**
 * The foundation as a new group would use it: the convenor sets up Convene from the printed
 * link, creates a cycle, a goal and a measure, and invites a member; the member posts an
 * update and sees the goal's progress and chart move. Every page visited is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };
const MEMBER = { email: "member@una.example.org", password: "a long member password" };

describe("goals, measures and progress in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("lets the first convenor set up an account from the setup link, with an accessible sign-in page", async () => {
    const { page } = browser;
    await page.goto(await convene.setupLink());
    await page.getByRole("heading", { name: "Set up Convene" }).waitFor();
    await page.getByLabel("Your name").fill("Clara Convenor");
    await page.getByLabel("Email address").fill(CONVENOR.email);
    await page.getByLabel("New password").fill(CONVENOR.password);
    await page.getByLabel("Type it again").fill(CONVENOR.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
  });

  it("creates a cycle, a goal with a supporting organisation, and a measure", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Create the first cycle" }).click();
    await page.getByLabel("Goal-setting workshop").fill("2026-10-01");
    await page.getByLabel("AGM", { exact: true }).fill("2027-06-30");
    await page.getByRole("button", { name: "Create cycle" }).click();
    await page.getByRole("cell", { name: "1 October 2026" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Goals" }).click();
    await page.getByRole("heading", { name: /Goals/ }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("link", { name: "New goal" }).first().click();
    await page.getByLabel("Title").fill("Secure a cross-government atrocity prevention strategy");
    await page.getByLabel("Theme").selectOption({ label: "National strategy" });
    await page.getByLabel("Lead organisation").selectOption({ label: "Protection Approaches" });
    await page.getByRole("checkbox", { name: "UNA-UK" }).check();
    await page.getByRole("button", { name: "Create goal" }).click();
    await page.getByRole("heading", { name: "Secure a cross-government atrocity prevention strategy" }).waitFor();

    await page.getByRole("button", { name: "Add a measure" }).click();
    await page.getByLabel("Name", { exact: true }).fill("MPs briefed");
    await page.getByLabel("Target", { exact: true }).fill("40");
    await page.getByRole("button", { name: "Add measure" }).click();
    await page.getByRole("heading", { name: "MPs briefed", level: 3 }).waitFor();
    await expect(page.getByRole("progressbar", { name: "Goal progress" }).getAttribute("aria-valuenow")).resolves.toBe("0");
  });

  it("refuses a measure whose target equals its baseline, naming the field, before anything is sent", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Add a measure" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Broken");
    await page.getByLabel("Target", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Add measure" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByRole("link", { name: "Target must differ from the baseline" })
      .waitFor({ timeout: 15_000 });
    await page.locator("#target-error", { hasText: "Target must differ from the baseline" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Cancel" }).click();
  });

  it("invites a member of UNA-UK, who accepts the invitation link", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByLabel("Name").fill("Uma Member");
    await page.getByLabel("Email address").fill(MEMBER.email);
    await page.getByLabel("Organisation").selectOption({ label: "UNA-UK" });
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByRole("textbox", { name: /Invitation link for Uma Member/ }).inputValue();
    expect(link).toMatch(/\/invitation\?token=/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);

    await page.goto(link);
    await page.getByText(MEMBER.email).waitFor();
    await page.getByLabel("New password").fill(MEMBER.password);
    await page.getByLabel("Type it again").fill(MEMBER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/sign-in/);
    await signIn(page, convene.base, MEMBER.email, MEMBER.password);
  });

  it("lets the member post an update that moves the goal's progress and its chart", async () => {
    const { page } = browser;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Goals" }).click();
    await page
      .getByRole("table", { name: "Goals, sortable by column" })
      .getByRole("link", { name: "Secure a cross-government atrocity prevention strategy" })
      .click();
    await page.getByRole("heading", { name: "Post an update" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByLabel("What has happened?").fill("Briefed ten MPs at the APPG meeting.");
    await page.getByRole("textbox", { name: "MPs briefed" }).fill("10");
    await page.getByLabel("Status").selectOption({ label: "On track" });
    await page.getByRole("button", { name: "Post update" }).click();
    await page.getByText("Briefed ten MPs at the APPG meeting.").waitFor();

    await expect.poll(() => page.getByRole("progressbar", { name: "Goal progress" }).getAttribute("aria-valuenow")).toBe("25");
    // The chart's table twin carries the same figures as the drawing.
    const trend = page.getByRole("figure", { name: /^Progress (has|stands)/ });
    await trend.getByRole("button", { name: "Show as table" }).click();
    await expect.poll(() => trend.getByRole("cell", { name: "25.0 %" }).count()).toBeGreaterThan(0);
    const measureChart = page.getByRole("figure", { name: /MPs briefed: 0 on .*, 10 now/ });
    await measureChart.waitFor();
  });

  it("shows the new progress on the overview, with no serious accessibility problems", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByText("1 of 1", { exact: true }).waitFor();
    await page.getByText("25 %", { exact: true }).first().waitFor();
    await page.getByRole("figure", { name: "National strategy stands at 25 %" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
