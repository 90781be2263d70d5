/**
 * The form kit as people meet it: a refused form says "There is a problem" at its top, each
 * link there moves focus to its field, what was typed stays, messages are plain words (never a
 * pattern or an ISO example), and a refusal from the API lands on the field it names.
 */
import { createAccount } from "@convene/api/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };
const WAIT = { timeout: 15_000 };

describe("forms in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    await createAccount(
      convene.convene.auth,
      convene.convene.db,
      { email: CONVENOR.email, name: "Clara Convenor", password: CONVENOR.password, role: "convenor", organisationId: null },
      null,
    );
    await signIn(browser.page, convene.base, CONVENOR.email, CONVENOR.password);
    const cycle = await browser.page.request.post(`${convene.base}/api/cycles`, {
      headers: { origin: convene.base },
      data: { name: "Demo cycle", workshopDate: "2026-09-01", agmDate: "2027-06-30" },
    });
    expect(cycle.status()).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("summarises a refused goal form at its top, links each problem to its field, and keeps what was typed", async () => {
    const { page } = browser;
    await page.goto(`${convene.base}/goals/new`);
    await page.getByRole("heading", { name: /New goal/, level: 1 }).waitFor(WAIT);
    await page.getByLabel("Description (optional)").fill("Work towards a strategy");
    await page.getByLabel("Due date (optional)").fill("2027-03-31");
    await page.getByRole("button", { name: "Create goal" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor(WAIT);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await summary.getByRole("link", { name: "Enter the title" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
    await expect(page.getByLabel("Title").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("Title").getAttribute("aria-describedby")).resolves.toBe("title-error");
    // What was typed is still there.
    await expect(page.getByLabel("Description (optional)").inputValue()).resolves.toBe("Work towards a strategy");
    await expect(page.getByLabel("Due date (optional)").inputValue()).resolves.toBe("2027-03-31");
    // A date says how to write it as people do, never as a pattern.
    await page.getByText("For example, 31 3 2027").first().waitFor(WAIT);
    expect(await page.getByText(/YYYY|\d{4}-\d{2}-\d{2}/).count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Putting it right clears the message as you type; the goal is then created.
    await page.getByLabel("Title").fill("Publish a national strategy");
    await expect.poll(() => page.getByText("Enter the title").count()).toBe(0);
    await page.getByRole("button", { name: "Create goal" }).click();
    await page.getByRole("heading", { name: "Publish a national strategy", level: 1 }).waitFor(WAIT);
  });

  it("names the ordering rule between two times in plain words, on the later field", async () => {
    const { page } = browser;
    await page.goto(`${convene.base}/meetings/new`);
    await page.getByRole("heading", { name: "Record a meeting", level: 1 }).waitFor(WAIT);
    await page.getByLabel("Title").fill("Emergency meeting");
    await page.getByLabel("Starts", { exact: true }).fill("2026-10-01T10:00");
    await page.getByLabel("Ends (optional)").fill("2026-10-01T09:00");
    await page.getByLabel("Online link (optional)").fill("the usual zoom");
    await page.getByRole("button", { name: "Record meeting" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: "The meeting must end after it starts" }).waitFor(WAIT);
    await summary.getByRole("link", { name: /Enter the web address in full/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("onlineUrl");
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe("Emergency meeting");
    await expect(page.getByLabel("Online link (optional)").inputValue()).resolves.toBe("the usual zoom");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("says the AGM must come after the workshop, in those words, on a page holding two forms", async () => {
    const { page } = browser;
    await page.goto(`${convene.base}/admin/cycles`);
    await page.getByRole("heading", { name: "Cycles and themes", level: 1 }).waitFor(WAIT);
    await page.getByLabel("Goal-setting workshop").fill("2027-09-01");
    await page.getByLabel("AGM", { exact: true }).fill("2027-06-30");
    await page.getByRole("button", { name: "Create cycle" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: "The AGM must be on or after the workshop" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("cycle-agmDate");
    // The theme form beside it is untouched: one summary only, and its own fields' ids.
    expect(await summary.count()).toBe(1);
    await expect(page.getByLabel("Goal-setting workshop").inputValue()).resolves.toBe("2027-09-01");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("says why a sign-in was refused at the top of the form, keeping the email address", async () => {
    // A browser of its own: signing out here must not end the session the other tests use.
    const visitor = await openBrowser();
    try {
      const { page } = visitor;
      await page.goto(`${convene.base}/sign-in`);
      await page.getByRole("button", { name: "Sign in" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.getByRole("link", { name: "Enter your email address" }).waitFor(WAIT);
      await summary.getByRole("link", { name: "Enter your password" }).waitFor(WAIT);
      await page.getByLabel("Email address").fill(CONVENOR.email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await summary.getByText("That email and password do not match an account. Check them and try again.").waitFor(WAIT);
      await expect(page.getByLabel("Email address").inputValue()).resolves.toBe(CONVENOR.email);
      expect(await seriousA11yProblems(page)).toEqual([]);
    } finally {
      await visitor.close();
    }
  });

  it("puts a refusal from the API on the field it names, keeping what was typed", async () => {
    const { page } = browser;
    // The server refuses what the form cannot know: here, a title it rejects as if another had taken it.
    await page.route("**/api/goals", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await route.fulfill({
        status: 400,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "invalid_input",
            message: "title: A goal with this title already exists in the cycle",
            details: { fields: [{ field: "title", message: "A goal with this title already exists in the cycle" }] },
          },
        }),
      });
    });
    try {
      await page.goto(`${convene.base}/goals/new`);
      await page.getByRole("heading", { name: /New goal/, level: 1 }).waitFor(WAIT);
      await page.getByLabel("Title").fill("Publish a national strategy");
      await page.getByRole("button", { name: "Create goal" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.getByRole("link", { name: "A goal with this title already exists in the cycle" }).waitFor(WAIT);
      await page.locator("#title-error", { hasText: "A goal with this title already exists in the cycle" }).waitFor(WAIT);
      await expect(page.getByLabel("Title").inputValue()).resolves.toBe("Publish a national strategy");
    } finally {
      await page.unroute("**/api/goals");
    }
  });
});
