import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };
const WAIT = { timeout: 15_000 };

/** Sends a form that should be refused and waits for its summary to name each problem, in these words. */
async function refused(page: Page, within: Page | Locator, button: string, problems: string[]) {
  await within.getByRole("button", { name: button, exact: true }).click();
  const summary = within.getByRole("alert").filter({ hasText: "There is a problem" });
  for (const problem of problems) await summary.getByRole("link", { name: problem, exact: true }).waitFor(WAIT);
  expect(await seriousA11yProblems(page)).toEqual([]);
  await shoot(page, button);
}

describe("forms in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    await addAccounts(convene, { email: CONVENOR.email, name: "Clara Convenor", password: CONVENOR.password, role: "convenor" });
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

  it("shows both versions when someone else saved a resource first, and saves mine over theirs when asked", async () => {
    const { page } = browser;
    const created = await page.request.post(`${convene.base}/api/resources`, {
      headers: { origin: convene.base },
      data: { title: "Safeguarding checklist", tags: ["safety"] },
    });
    const { resource } = await created.json();
    await page.goto(`${convene.base}/resources`);
    await page.getByRole("button", { name: "Edit Safeguarding checklist" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit resource" });
    await dialog.getByLabel("Title").fill("Safeguarding checklist (2027)");
    // Someone else saves first.
    const theirs = await page.request.patch(`${convene.base}/api/resources/${resource.id}`, {
      headers: { origin: convene.base },
      data: { version: resource.version, title: "Safeguarding checklist, revised" },
    });
    expect(theirs.status()).toBe(200);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    const conflict = page.getByRole("dialog", { name: "Someone else saved this first" });
    await conflict.getByRole("cell", { name: "Safeguarding checklist (2027)" }).waitFor(WAIT);
    await conflict.getByRole("cell", { name: "Safeguarding checklist, revised" }).waitFor(WAIT);
    await conflict.getByRole("button", { name: "Save mine over theirs" }).click();
    await page.getByRole("heading", { name: "Safeguarding checklist (2027)" }).waitFor(WAIT);
  });

  describe("every form on the kit refuses bad input in plain words and keeps what was typed", () => {
    const post = async (path: string, data: unknown) => {
      const res = await browser.page.request.post(`${convene.base}/api${path}`, { headers: { origin: convene.base }, data });
      expect(res.status()).toBe(201);
      return res.json();
    };

    it("a milestone", async () => {
      const { page } = browser;
      await page.goto(`${convene.base}/milestones`);
      await page.getByRole("button", { name: "Add a milestone" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a milestone" });
      await dialog.getByLabel("Outcome (optional)").fill("The committee asked for a strategy.");
      await dialog.getByRole("button", { name: "Add a link" }).click();
      await dialog.getByLabel("Link 1 address").fill("javascript:alert(1)");
      await refused(page, dialog, "Add milestone", [
        "Enter the title",
        "Enter the date of the milestone",
        "Enter a title for the link",
        "Enter the link's web address in full, starting https:// or http://",
      ]);
      await expect(dialog.getByLabel("Outcome (optional)").inputValue()).resolves.toBe("The committee asked for a strategy.");
      await expect(dialog.getByLabel("Link 1 address").inputValue()).resolves.toBe("javascript:alert(1)");
      await dialog.getByText("For example, 31 3 2027").waitFor(WAIT);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    });

    it("a contribution", async () => {
      const { page } = browser;
      await page.goto(`${convene.base}/contributions`);
      await page.getByRole("button", { name: "Log a contribution" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Hours (optional)").fill("-2");
      await dialog.getByLabel("Description").fill("Drafted the briefing");
      await refused(page, dialog, "Log contribution", [
        "Choose the organisation",
        "Choose what the organisation did",
        "Hours cannot be negative",
      ]);
      await expect(dialog.getByLabel("Description").inputValue()).resolves.toBe("Drafted the briefing");
      await expect(dialog.getByLabel("Hours (optional)").inputValue()).resolves.toBe("-2");
      await dialog.getByRole("button", { name: "Cancel" }).click();
    });

    it("a resource", async () => {
      const { page } = browser;
      await page.goto(`${convene.base}/resources`);
      await page.getByRole("button", { name: "Add a resource" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Link (optional)").fill("the shared drive");
      await dialog.getByLabel("Tags (optional)").fill("self-care");
      await refused(page, dialog, "Add resource", ["Enter the title", "Enter the web address in full, starting https:// or http://"]);
      await expect(dialog.getByLabel("Link (optional)").inputValue()).resolves.toBe("the shared drive");
      await expect(dialog.getByLabel("Tags (optional)").inputValue()).resolves.toBe("self-care");
      await dialog.getByRole("button", { name: "Cancel" }).click();
    });

    it("an invitation", async () => {
      const { page } = browser;
      await page.goto(`${convene.base}/admin/accounts`);
      await page.getByRole("heading", { name: "Invite someone" }).waitFor(WAIT);
      await page.getByLabel("Email address").fill("uma@");
      await refused(page, page, "Create invitation link", [
        "Enter their name",
        "Enter an email address in the right form, like name@example.org",
        "A member belongs to one organisation: choose it",
      ]);
      await expect(page.getByLabel("Email address").inputValue()).resolves.toBe("uma@");
      // The server's own refusal, in a whole sentence, on the field it is about.
      await page.getByLabel("Name").fill("Clara Again");
      await page.getByLabel("Email address").fill(CONVENOR.email);
      await page.getByLabel("Role").selectOption({ label: "Observer" });
      await refused(page, page, "Create invitation link", ["There is already an account with this email address"]);
      await page.locator("#invite-email-error", { hasText: "There is already an account with this email address" }).waitFor(WAIT);
    });

    it("a password change", async () => {
      const { page } = browser;
      await page.goto(`${convene.base}/account`);
      await page.getByLabel("New password", { exact: true }).fill("short");
      await page.getByLabel("Type the new password again").fill("shorter");
      await refused(page, page, "Change password", [
        "Enter your current password",
        "The password must be at least 10 characters",
        "The two passwords are not the same",
      ]);
      await expect(page.getByLabel("New password", { exact: true }).inputValue()).resolves.toBe("short");
    });

    it("an invitation link's new account", async () => {
      const { page } = browser;
      const invitation = await post("/accounts/invitations", { name: "Olive Observer", email: "olive@example.org", role: "observer" });
      const visitor = await openBrowser();
      try {
        await visitor.page.goto(invitation.link);
        await visitor.page.getByLabel("New password").fill("a long enough password");
        await visitor.page.getByLabel("Type it again").fill("another long password");
        await refused(visitor.page, visitor.page, "Create account", ["The two passwords are not the same"]);
        await expect(visitor.page.getByLabel("Your name").inputValue()).resolves.toBe("Olive Observer");
      } finally {
        await visitor.close();
      }
      expect(page.url()).toContain("/account");
    });

    it("a progress update and a copy forward", async () => {
      const { page } = browser;
      const cycles = await (await page.request.get(`${convene.base}/api/cycles`)).json();
      const { goal } = await post("/goals", { cycleId: cycles.cycles[0].id, title: "Hold an annual debate" });
      await post("/cycles", { name: "Next cycle", workshopDate: "2027-09-01", agmDate: "2028-06-30" });
      await page.goto(`${convene.base}/goals/${goal.id}`);
      await page.getByRole("heading", { name: "Post an update" }).waitFor(WAIT);
      await page.getByLabel("Confidence (0–10, optional)").fill("11");
      await refused(page, page, "Post update", [
        "Write a note, choose a status or enter at least one new value",
        "Confidence is from 0 to 10",
      ]);
      await expect(page.getByLabel("Confidence (0–10, optional)").inputValue()).resolves.toBe("11");
      await refused(page, page, "Copy forward", ["Choose the cycle to carry the goal into"]);
    });

    it("a meeting's decision", async () => {
      const { page } = browser;
      const { meeting } = await post("/meetings", { kind: "ad_hoc", title: "Emergency call", startsAt: "2026-10-02T10:00:00.000Z" });
      await page.goto(`${convene.base}/meetings/${meeting.id}`);
      await page.getByRole("heading", { name: "Add a decision" }).waitFor(WAIT);
      await page.getByLabel("Yes: create a goal").check();
      await page.getByLabel("Due date (optional)").fill("2027-03-31");
      await refused(page, page, "Add decision", ["Enter the decision", "Enter the title"]);
      await expect(page.getByLabel("Due date (optional)").inputValue()).resolves.toBe("2027-03-31");
      await page.getByLabel("Yes: change a goal").check();
      await refused(page, page, "Add decision", ["Enter the decision", "Choose the goal this decision changes"]);
    });

    it("closing an alert", async () => {
      const { page } = browser;
      const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const { alert } = await post("/alerts", { title: "Arrests in Country X", situation: "Country X", ask: "Sign a statement", deadline });
      await page.goto(`${convene.base}/alerts/${alert.id}`);
      await page.getByRole("button", { name: "Close and record the outcome" }).click();
      const dialog = page.getByRole("dialog", { name: "Close this alert" });
      await refused(page, dialog, "Close alert", ["Enter the outcome", "Say whether the outcome was successful"]);
      await dialog.getByLabel("Outcome").fill("The statement went out");
      await expect.poll(() => dialog.getByRole("link", { name: "Enter the outcome" }).count()).toBe(0);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      // The convenor recording an answer for an organisation names which one.
      await refused(page, page, "Record answer", ["Choose the organisation that answered", "Choose your organisation's answer"]);
      await page.getByRole("button", { name: "Withdraw alert" }).click();
      const withdraw = page.getByRole("dialog", { name: "Withdraw this alert?" });
      await withdraw.getByLabel("Reason (optional)").fill("x".repeat(2001));
      await refused(page, withdraw, "Withdraw alert", ["This must be 2,000 characters or fewer"]);
      await withdraw.getByRole("button", { name: "Cancel" }).click();
    });
  });
});
