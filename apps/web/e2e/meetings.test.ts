/**
 * Meetings in the browser: the convenor records a workshop whose minutes try to smuggle in
 * script, records who came, and adds a decision that creates a goal, then finds that goal with
 * "Agreed at" the meeting. The meetings list and the meeting page are checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };

describe("meetings and decisions in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const dialogs: string[] = [];

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    browser.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await addAccounts(convene, { email: CONVENOR.email, name: "Clara Convenor", password: CONVENOR.password, role: "convenor" });
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("shows an accessible empty list of meetings", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    const cycle = await page.request.post(`${convene.base}/api/cycles`, {
      headers: { origin: convene.base },
      data: { name: "2026 to 2027", workshopDate: "2026-09-01", agmDate: "2027-06-30" },
    });
    expect(cycle.status()).toBe(201);
    await page.goto(`${convene.base}/meetings`);
    await page.getByRole("heading", { name: "Meetings", level: 1 }).waitFor();
    await page.getByText("No meetings yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("records a meeting whose minutes cannot run script", async () => {
    const { page } = browser;
    await page.getByRole("link", { name: "Record the first meeting" }).click();
    await page.getByRole("heading", { name: "Record a meeting" }).waitFor();
    await page.getByLabel("Kind of meeting").selectOption({ label: "Annual workshop" });
    await page.getByLabel("Title").fill("Annual goal-setting workshop");
    await page.getByLabel("Starts", { exact: true }).fill("2026-10-01T10:00");
    await page.getByLabel("Place (optional)").fill("London");
    await page.getByLabel("Agenda (optional)").fill("1. Welcome\n2. **Goals** for the year");
    await page
      .getByLabel("Minutes (optional)")
      .fill(
        'Agreed the goals.\n\n<script>window.__pwned = 1; alert("script")</script>\n\n<img src="x" onerror="alert(\'img\')">\n\n[click](javascript:alert(3))',
      );
    await page.getByRole("button", { name: "Record meeting" }).click();
    await page.getByRole("heading", { name: "Annual goal-setting workshop", level: 1 }).waitFor();
    await page.getByRole("strong").filter({ hasText: "Goals" }).waitFor();
    await page.getByText("Agreed the goals.").waitFor();
    const injected = await page.evaluate(() => ({
      scripts: document.querySelectorAll(".markdown script").length,
      handlers: document.querySelectorAll("[onerror], [onclick]").length,
      jsLinks: [...document.querySelectorAll("a")].filter((a) => a.getAttribute("href")?.toLowerCase().startsWith("javascript:")).length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
    }));
    expect(injected).toEqual({ scripts: 0, handlers: 0, jsLinks: 0, pwned: 0 });
    expect(dialogs).toEqual([]);
    expect(await page.getByRole("link", { name: "Add to calendar (.ics)" }).getAttribute("href")).toMatch(/^\/api\/meetings\/\d+\/ics$/);
  });

  it("records attendance and a decision that creates a goal, then sees the goal", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Record attendance" }).click();
    await page.getByRole("group", { name: "UNA-UK" }).getByLabel("Attended").check();
    await page.getByRole("group", { name: "Protection Approaches" }).getByLabel("Attended").check();
    await page.getByRole("group", { name: "Peace Direct" }).getByLabel("Apologies").check();
    await page.getByRole("button", { name: "Save attendance" }).click();
    await page.getByRole("heading", { name: "Attended (2)" }).waitFor();
    await page.getByRole("heading", { name: "Sent apologies (1)" }).waitFor();

    await page.getByLabel("What was decided?").fill("Place greater emphasis on self-care and mutual support");
    await page.getByLabel("Yes: create a goal").check();
    await page.getByLabel("Goal title").fill("Publish a mutual-support guide");
    await page.getByLabel("Theme").selectOption({ label: "Self-care and mutual support" });
    await page.getByLabel("Lead organisation").selectOption({ label: "Protection Approaches" });
    await page.getByRole("button", { name: "Add decision" }).click();
    const goalLink = page.getByRole("link", { name: "Publish a mutual-support guide" });
    await goalLink.waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    // A decision removed by mistake: asked first, then brought back by Undo.
    await page.getByLabel("What was decided?").fill("Thank the speakers");
    await page.getByRole("button", { name: "Add decision" }).click();
    const thanks = page.getByRole("listitem").filter({ hasText: "Thank the speakers" });
    await thanks.waitFor();
    await thanks.getByRole("button", { name: "Remove decision" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove the decision “Thank the speakers”?" });
    await confirm.getByText("You can undo straight after.").waitFor();
    await confirm.getByRole("button", { name: "Remove decision" }).click();
    await thanks.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText("The decision “Thank the speakers” is back.").waitFor();
    await thanks.waitFor();

    await goalLink.click();
    await page.getByRole("heading", { name: "Publish a mutual-support guide", level: 1 }).waitFor();
    await page.getByText("Agreed at").waitFor();
    await page.getByRole("link", { name: "Annual goal-setting workshop" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Goals" }).click();
    await page.getByRole("link", { name: "Publish a mutual-support guide" }).first().waitFor();
  });

  it("lists the meeting with an accessible attendance chart", async () => {
    const { page } = browser;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meetings" }).click();
    await page.getByRole("heading", { name: "Past meetings" }).waitFor();
    await page.getByRole("link", { name: "Annual goal-setting workshop" }).waitFor();
    await page.getByText(/attended most often|share the best attendance/).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
