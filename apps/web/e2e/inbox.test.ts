/**
 * The inbox in the browser: a member told of an alert sees the bell's count, the entry in the
 * inbox, opens it (which marks it read), at 1280 px and 390 px; axe on the inbox page. Then the
 * notification preferences page, reached from the inbox: axe, both widths, a refused and a saved form.
 */
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const RAISER = "uma@una.example.org";
const TOLD = "vic@other.example.org";
const CONVENOR = "clara@convenor.example.org";

describe("the inbox in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let raiser: Awaited<ReturnType<typeof openBrowser>>;
  let told: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    await addAccounts(
      convene,
      { email: RAISER, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { email: TOLD, name: "Vic Member", password: PASSWORD, role: "member", organisation: "burma-campaign" },
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
    );
    raiser = await openBrowser();
    told = await openBrowser();
  });

  afterAll(async () => {
    await raiser?.close();
    await told?.close();
    await convene?.stop();
  });

  it("shows a new alert in the bell and the inbox, and marks it read when opened", async () => {
    await signIn(raiser.page, convene.base, RAISER, PASSWORD);
    const res = await raiser.page.request.post(`${convene.base}/api/alerts`, {
      headers: { origin: convene.base },
      data: {
        title: "Mass arrests reported",
        situation: "Country X",
        urgency: "critical",
        ask: "Sign a joint statement",
        deadline: addDays(new Date(), 3).toISOString(),
        visibility: "members",
      },
    });
    expect(res.status()).toBe(201);

    const page = told.page;
    await signIn(page, convene.base, TOLD, PASSWORD);
    await page.getByRole("link", { name: "Inbox, 1 unread" }).click();
    await page.getByRole("heading", { name: "Inbox", level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Inbox — /);
    await page.getByText("1 notification, 1 unread.").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("link", { name: "New alert: Mass arrests reported" }).click();
    await page.getByRole("heading", { name: /Mass arrests reported/ }).waitFor();
    await page.getByRole("link", { name: "Inbox, nothing unread" }).click();
    await page.getByText("1 notification, 0 unread.").waitFor();
  });

  it("lets a person choose what is emailed and when, saying email is off", async () => {
    const page = told.page;
    await page.goto(`${convene.base}/inbox`);
    await page.getByRole("link", { name: "Choose what is emailed to you, and when" }).click();
    await page.getByRole("heading", { name: "Notification preferences", level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Notification preferences — /);
    await page.getByText("Email is off.").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    const shots = process.env.CONVENE_SHOTS;
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (shots) await page.screenshot({ path: `${shots}/preferences-${width}.png`, fullPage: true });
    }

    // Half of the quiet hours is refused in plain words, on the field.
    await page.getByLabel("Quiet hours start").selectOption("22:00");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByText("Give both the start and the end of your quiet hours, or neither").first().waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByLabel("Quiet hours end").selectOption("07:00");
    await page.getByRole("group", { name: "How often your digest comes" }).getByLabel("Daily").check();
    await page.getByLabel("Sunday").check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByText("Your notification preferences are saved.").waitFor();
    const saved = await page.request.get(`${convene.base}/api/notifications/preferences`);
    expect((await saved.json()).preferences).toMatchObject({
      digestFrequency: "daily",
      quietFrom: "22:00",
      quietTo: "07:00",
      daysOff: [0],
    });
  });

  it("lets the convenor add and edit a webhook, shows each secret once, and passes axe", async () => {
    const page = raiser.page;
    await page.context().clearCookies();
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/admin/webhooks`);
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Webhooks — /);
    await page.getByRole("button", { name: "Add a webhook" }).click();
    await page.getByLabel("Name").fill("Slack #alerts");
    await page.getByLabel("Address").fill("http://hooks.example.org/x");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("plain http:// is allowed only for localhost").first().waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByLabel("Address").fill("https://hooks.slack.com/services/T/B/X");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByRole("heading", { name: "The secret of “Slack #alerts”" }).waitFor();
    await page.getByRole("heading", { name: "Slack #alerts", level: 2, exact: true }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    const first = await page.locator("#secret-heading + p + p code").textContent();
    await page.getByRole("button", { name: "I have copied it" }).click();

    // Renamed, and its secret replaced with one made for it: the new secret is shown once.
    await page.getByRole("button", { name: "Edit Slack #alerts" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit “Slack #alerts”" });
    await dialog.getByLabel("Name").fill("Slack #urgent");
    await dialog.getByLabel("Replace the secret").check();
    await dialog.getByLabel("New secret (optional)").fill("too short");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.getByText("The secret must be at least 16 characters").first().waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await dialog.getByLabel("New secret (optional)").fill("");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "The secret of “Slack #urgent”" }).waitFor();
    const second = await page.locator("#secret-heading + p + p code").textContent();
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    await page.getByRole("heading", { name: "Slack #urgent", level: 2, exact: true }).waitFor();
    const hooks = (await (await page.request.get(`${convene.base}/api/webhooks`)).json()).webhooks;
    expect(hooks.map((h: { name: string }) => h.name)).toEqual(["Slack #urgent"]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
