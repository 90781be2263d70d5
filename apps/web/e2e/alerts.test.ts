/**
 * Sounding the alarm as the group would: a member raises an alert, members of two organisations
 * answer it, and the convenor sees the tally and who has not answered (which members never see).
 * Before raising, the form says who will be told and how; the convenor sees email is off in
 * Admin › Email and delivery; an answer link's confirm page records an answer without signing in.
 * The alerts list, the alert page, the delivery page, the answer-link pages and the resources
 * page are checked with axe.
 */

import { createHash } from "node:crypto";
import { createAccount } from "@convene/api/accounts";
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const UNA = "uma@una.example.org";
const BURMA = "bo@burma.example.org";
const TITLE = "Mass arrests of journalists reported";

function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe("alerts in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: UNA, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { email: BURMA, name: "Bo Member", password: PASSWORD, role: "member", organisation: "burma-campaign" },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  const signOut = async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
  };

  it("lets a member raise an alert and answer it for their organisation", async () => {
    const { page } = browser;
    await signIn(page, convene.base, UNA, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByText("No alerts yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByRole("link", { name: "Raise an alert" }).first().click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Situation or country").fill("Country X");
    // Who will be told, live: the raiser is not, so Bo's organisation and the convenor; email is off here.
    const audience = page.getByTestId("alert-audience");
    await audience.getByText("2 people in 1 organisation only in the dashboard.").waitFor();
    await page.getByLabel("Visible to").selectOption({ label: "Public" });
    await page.getByLabel("Urgency").selectOption({ label: "Critical" });
    await audience.getByText("Email is off in this installation").waitFor();
    await page.getByLabel("Visible to").selectOption({ label: "Members" });
    expect(await seriousA11yProblems(page)).toEqual([]);
    // A deadline in the past is refused before anything is sent, and what was typed stays.
    await page.getByLabel("Deadline").fill(localInput(addDays(new Date(), -1)));
    await page.getByLabel("The ask").fill("Sign a joint statement to the Foreign Secretary calling for consular access.");
    await page.getByRole("button", { name: "Raise alert" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.getByRole("link", { name: "The deadline must be in the future" }).waitFor({ timeout: 15_000 });
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe(TITLE);
    await page.getByLabel("Deadline").fill(localInput(addDays(new Date(), 3)));
    await expect.poll(() => summary.count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole("button", { name: "Raise alert" }).click();

    await page.getByRole("heading", { name: TITLE }).waitFor();
    await page.getByRole("heading", { name: "Your organisation's answer" }).waitFor();
    await page.getByLabel("Join", { exact: true }).check();
    await page.getByLabel("Note (optional)").fill("Our director can sign.");
    await page.getByRole("button", { name: "Send answer" }).click();
    await page.getByText("UNA-UK answered").waitFor();
    // Members never see who has not answered.
    expect(await page.getByRole("heading", { name: "Not answered yet" }).count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await signOut();
  });

  it("shows a second organisation the banner, and takes its answer", async () => {
    const { page } = browser;
    await signIn(page, convene.base, BURMA, PASSWORD);
    const banner = page.getByRole("region", { name: /1 open alert/ });
    await banner.getByText("Your organisation has not answered yet.").waitFor();
    await banner.getByRole("link", { name: TITLE }).click();
    await page.getByLabel("Can't join", { exact: true }).check();
    await page.getByRole("button", { name: "Send answer" }).click();
    await page.getByText("Burma Campaign answered").waitFor();
    await page
      .getByRole("region", { name: /1 open alert/ })
      .getByText("Your organisation has answered.")
      .waitFor();
    await signOut();
  });

  it("shows the convenor the tally and who has not answered", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByText("1 joining · 1 can't · 0 need information").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("heading", { name: TITLE, level: 2 }).getByRole("link").click();

    const tally = page.getByRole("figure", { name: "1 organisation joining, 1 can't, 0 need more information" });
    await tally.getByRole("button", { name: "Show as table" }).click();
    await expect.poll(() => tally.getByRole("row", { name: "Join 1", exact: true }).count()).toBe(1);
    await expect.poll(() => tally.getByRole("row", { name: "Can't join 1", exact: true }).count()).toBe(1);

    await page.getByRole("heading", { name: "Not answered yet" }).waitFor();
    const notAnswered = page.locator(".not-answered-list li");
    await expect.poll(() => notAnswered.count()).toBe(17);
    const names = await notAnswered.allTextContents();
    expect(names).toContain("Crisis Action");
    expect(names).not.toContain("UNA-UK");
    expect(names).not.toContain("Burma Campaign");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("shows the convenor that email is off, and what waits", async () => {
    const { page } = browser;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Email and delivery" }).click();
    await page.getByRole("heading", { name: "Email and delivery", level: 1 }).waitFor();
    const state = page.getByTestId("email-state");
    await state.getByText("Email is off.").waitFor();
    // The critical alert's two emails (Bo and the convenor) wait for email to be turned on.
    await state.getByText("2 emails wait and will be sent then.").waitFor();
    await page.getByText("Nothing is failing.").waitFor();
    expect(await page.getByRole("button", { name: "Retry now" }).isDisabled()).toBe(true);
    expect(await page.title()).toBe("Email and delivery — Convene");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("shows the shared library with the seeded self-care guide, accessibly", async () => {
    const { page } = browser;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resources" }).click();
    await page.getByRole("heading", { name: /mutual support and self care/ }).waitFor();
    await page.getByText("No link added yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
  it("records an organisation's answer from an email's answer link after its confirm page, once", async () => {
    const { page } = browser;
    const { db, auth } = convene.convene;
    const org = await db.selectFrom("organisations").select("id").where("name", "=", "Crisis Action").executeTakeFirstOrThrow();
    const member = await createAccount(
      auth,
      db,
      { email: "cas@crisis.example.org", name: "Cas Member", password: PASSWORD, role: "member", organisationId: org.id },
      null,
    );
    const alert = await db.selectFrom("alerts").select("id").where("title", "=", TITLE).executeTakeFirstOrThrow();
    // As the delivery worker makes one when it sends the email: only the hash is stored.
    const token = "a-test-answer-link-token-that-is-long-enough";
    await db
      .insertInto("alertAnswerLinks")
      .values({ tokenHash: createHash("sha256").update(token).digest("hex"), userId: member.id, alertId: alert.id, organisationId: org.id })
      .execute();
    await page.goto(`${convene.base}/api/answer-links/${token}?response=need_info`);
    await page.getByRole("heading", { name: "Confirm Crisis Action's answer" }).waitFor();
    expect(await page.getByLabel("Need more information").isChecked()).toBe(true);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Confirm answer" }).click();
    await page.getByRole("heading", { name: "Answer recorded" }).waitFor();
    await page.getByText("Crisis Action: Need more information").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.goto(`${convene.base}/api/answer-links/${token}?response=join`);
    await page.getByRole("heading", { name: "This link has already been used" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    const answers = await db.selectFrom("alertAnswers").select("response").where("organisationId", "=", org.id).execute();
    expect(answers).toEqual([{ response: "need_info" }]);
  });
});
