/**
 * A letter from draft to milestone as the group would take it: the convenor drafts it, marks who
 * may sign for UNA-UK, adds a recipient and raises an alert carrying it; a member finds it in What
 * needs you and through the alert, and signs for her organisation; a change to the
 * text asks her to confirm again; the convenor records the reply and publishes. Axe checks the
 * list and the statement page. With CONVENE_SHOTS=folder, pictures at 1280 and 390 px are kept there.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, addCurrentCycle, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const UNA = "uma@una.example.org";
const TITLE = "Open letter to party leaders on atrocity prevention";
const ALERT = "Sign the letter to party leaders by Friday";
const WAIT = { timeout: 15_000 };

function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe("sign-on statements in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let statementUrl = "";

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    // A current cycle, so the overview (and its "What needs you") has something to show.
    await addCurrentCycle(convene);
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: UNA, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
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

  it("lets the convenor draft a letter, mark who may sign and add a recipient", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/statements`);
    await page.getByText("No statements yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("link", { name: "Draft a statement" }).first().click();
    await page.getByLabel("Title").fill(TITLE);
    await page.getByLabel("Sign-off deadline").fill(localInput(addDays(new Date(), 5)));
    await page.getByLabel("The text").fill("# Dear party leaders\n\nWe ask you to commit to an **atrocity prevention strategy**.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    statementUrl = page.url();
    await page.getByRole("heading", { name: "Dear party leaders" }).waitFor();

    await page.getByLabel("Organisation").selectOption({ label: "UNA-UK" });
    await page.getByLabel("Uma Member").check();
    await page.getByRole("button", { name: "Save signers" }).click();
    await page.getByText("Uma Member, UNA-UK").waitFor(WAIT);

    await page.getByLabel("Recipient", { exact: true }).fill("Leader of the Opposition");
    await page.getByRole("button", { name: "Add recipient" }).click();
    await page.getByRole("row", { name: /Leader of the Opposition/ }).waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);

    // "Sign by Friday": an alert that carries the letter.
    await page.goto(`${convene.base}/alerts`);
    await page.getByRole("link", { name: "Raise an alert" }).first().click();
    await page.getByLabel("Title").fill(ALERT);
    await page.getByLabel("Situation or country").fill("UK general election");
    await page.getByLabel("Deadline").fill(localInput(addDays(new Date(), 3)));
    await page.getByLabel("The ask").fill("Sign the open letter for your organisation.");
    const statementId = statementUrl.split("/").pop();
    await page.getByLabel("Carries a proposal or statement (optional)").selectOption(`statement:${statementId}`);
    await page.getByRole("button", { name: "Raise alert" }).click();
    await page.getByRole("heading", { name: ALERT, level: 1 }).waitFor(WAIT);
    await page.getByRole("heading", { name: "The statement to sign" }).waitFor();
    await page.getByRole("link", { name: TITLE }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "alert-carrying-statement");
    await signOut();
  });

  it("lets a member sign for her organisation, and asks her to confirm a changed text", async () => {
    const { page } = browser;
    await signIn(page, convene.base, UNA, PASSWORD);
    // What needs her organisation names the letter; the alert that carries it leads to it too.
    const needsYou = page.getByRole("region", { name: "What needs you" });
    await needsYou.getByRole("link", { name: TITLE, exact: true }).waitFor(WAIT);
    await needsYou.getByText("Statement to sign").waitFor();
    await page.goto(`${convene.base}/alerts`);
    await page.locator("h2").getByRole("link", { name: ALERT }).click();
    await page.getByRole("heading", { name: "The statement to sign" }).waitFor(WAIT);
    await page.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(statementUrl);
    await page.getByRole("heading", { name: "Your organisation's signature" }).waitFor();
    await page.getByLabel("Listed publicly as a signatory").check();
    await page.getByRole("button", { name: "Sign for my organisation" }).click();
    await page.getByText("Signed publicly by Uma Member").waitFor(WAIT);
    await signOut();

    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(statementUrl);
    await page.getByRole("link", { name: "Edit statement" }).click();
    await page
      .getByLabel("The text")
      .fill("# Dear party leaders\n\nWe ask you to publish an **atrocity prevention strategy** within a year.");
    await page.getByLabel("What changed").fill("Added: within a year.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "The text (version 2)" }).waitFor(WAIT);
    await page.getByText("to confirm again").waitFor();
    await signOut();

    await signIn(page, convene.base, UNA, PASSWORD);
    await page.goto(statementUrl);
    await page.getByText("The text has changed since your organisation signed.").waitFor();
    await page.getByText("Added: within a year.").waitFor();
    await page.getByRole("button", { name: "Confirm on the new text" }).click();
    await page.getByText("on version 2").waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "statement-member");

    // Withdrawing asks first, then offers Undo.
    await page.getByRole("button", { name: "Withdraw signature" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove your organisation's signature?" });
    await confirm.getByText("will no longer be a signatory").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Withdraw signature" }).click();
    await page.getByText("Your organisation has not signed yet.").waitFor(WAIT);
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByText("on version 2").waitFor(WAIT);
    await signOut();
  });

  it("lets the convenor record the reply and publish it as a milestone", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(statementUrl);
    await page.getByRole("button", { name: "Record sent or reply for Leader of the Opposition" }).click();
    const reply = page.getByRole("dialog", { name: "Sent to and reply from Leader of the Opposition" });
    await reply.getByLabel("Date sent").fill("2026-11-20");
    await reply.getByLabel("Date of the reply").fill("2026-11-27");
    await reply.getByLabel("Summary of the reply").fill("Committed to a strategy in the first year.");
    await reply.getByRole("button", { name: "Save" }).click();
    await page.getByText("Committed to a strategy in the first year.").waitFor(WAIT);

    await page.getByRole("button", { name: "Publish statement" }).click();
    const publish = page.getByRole("dialog", { name: "Publish this statement?" });
    await publish.getByText("The milestone will name UNA-UK.").waitFor();
    await publish.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("link", { name: "See the milestones" }).waitFor(WAIT);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "statement-published");

    for (const [button, ending, magic] of [
      ["Download as PDF", ".pdf", "%PDF"],
      ["Download as Word", ".docx", "PK"],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^statement-\\d+-open-letter-to-party-leaders-on-atrocity-prevention\\${ending}$`),
      );
      const file = await download.path();
      expect(readFileSync(file).subarray(0, magic.length).toString("latin1")).toBe(magic);
      if (process.env.CONVENE_SHOTS) copyFileSync(file, join(process.env.CONVENE_SHOTS, `letter${ending}`));
    }
    await page.goto(`${convene.base}/statements`);
    await page.getByRole("heading", { name: "Published and withdrawn" }).waitFor();
    await shoot(page, "statements-list");
  });
});
