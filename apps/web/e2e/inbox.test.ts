/**
 * The inbox in the browser: a member told of an alert sees the bell's count, the entry in the
 * inbox, opens it (which marks it read), at 1280 px and 390 px; axe on the inbox page.
 */
import { createAccount } from "@convene/api/accounts";
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

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
    const { db, auth } = convene.convene;
    const [first, second] = await db.selectFrom("organisations").select("id").orderBy("id").limit(2).execute();
    await createAccount(
      auth,
      db,
      { email: RAISER, name: "Uma Member", password: PASSWORD, role: "member", organisationId: first!.id },
      null,
    );
    await createAccount(
      auth,
      db,
      { email: TOLD, name: "Vic Member", password: PASSWORD, role: "member", organisationId: second!.id },
      null,
    );
    await createAccount(
      auth,
      db,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor", organisationId: null },
      null,
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

  it("lets the convenor add a webhook, shows its secret once, and passes axe", async () => {
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
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
