import { addDays } from "@convene/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, addCurrentCycle, openBrowser, seriousA11yProblems, shoot, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const UNA = "uma@una.example.org";
const BURMA = "bo@burma.example.org";
const BURMA_TWO = "bea@burma.example.org";
const QUESTION = "Should the group co-sign the letter on the Atrocity Prevention Strategy?";
const WAIT = { timeout: 15_000 };

function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe("proposals in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let proposalUrl = "";

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    await addAccounts(
      convene,
      { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" },
      { email: UNA, name: "Uma Member", password: PASSWORD, role: "member", organisation: "una-uk" },
      { email: BURMA, name: "Bo Member", password: PASSWORD, role: "member", organisation: "burma-campaign" },
      { email: BURMA_TWO, name: "Bea Member", password: PASSWORD, role: "member", organisation: "burma-campaign" },
    );
    // A current cycle, so the overview (and its "What needs you") has something to show.
    await addCurrentCycle(convene);
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

  it("lets the convenor put a consent question to the group", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/proposals`);
    await page.getByText("No proposals yet").waitFor();
    expect(await page.title()).toMatch(/^Proposals/);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByRole("link", { name: "New proposal" }).click();
    await page.getByRole("heading", { name: "New proposal", level: 1 }).waitFor();
    await page.getByLabel("The question").fill(QUESTION);
    await page.getByLabel("Description (optional)").fill("The coalition's letter to the Foreign Secretary, as circulated on Monday.");
    // A choice needs its options, typed one a line; consent needs none, so the box goes again.
    await page.getByLabel("Choose one or more options", { exact: true }).check();
    await page.getByLabel("Options", { exact: true }).fill("Co-sign\nSupport unnamed");
    await shoot(page, "proposal-new");
    await page.getByLabel("Consent", { exact: true }).check();
    await expect.poll(() => page.getByLabel("Options", { exact: true }).count()).toBe(0);
    await page.getByLabel("Closing time").fill(localInput(addDays(new Date(), 3)));
    await page.getByLabel("Quorum").fill("2");
    await page.getByRole("button", { name: "Put to the group" }).click();

    await page.getByRole("heading", { name: QUESTION, level: 1 }).waitFor();
    proposalUrl = page.url();
    expect(proposalUrl).toMatch(/\/proposals\/\d+$/);
    await page.getByText("Quorum not reached: 0 organisations of 2 needed").first().waitFor();
    await signOut();
  });

  it("lists the open proposal in What needs you, with its closing time, until the organisation gives its position", async () => {
    const { page } = browser;
    await signIn(page, convene.base, UNA, PASSWORD);
    await page.goto(`${convene.base}/`);
    const needsYou = page.getByRole("region", { name: "What needs you" });
    await needsYou.getByRole("link", { name: QUESTION, exact: true }).waitFor(WAIT);
    await needsYou.getByText("Proposal awaiting a position").waitFor();
    await needsYou.getByText(/^closes /).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "needs-you-proposal");
    await needsYou.getByRole("link", { name: `Give your position on ${QUESTION}` }).click();
    await page.getByRole("heading", { name: QUESTION, level: 1 }).waitFor();
    await signOut();
  });

  it("takes one position from each organisation, and a change replaces it", async () => {
    const { page } = browser;
    const give = async (email: string, stance: string, reason: string, button: string, said: string) => {
      await signIn(page, convene.base, email, PASSWORD);
      await page.goto(proposalUrl);
      await page.getByRole("heading", { name: "Your organisation's position" }).waitFor();
      await page.getByLabel(stance, { exact: true }).check();
      await page.getByLabel("Reason").fill(reason);
      await page.getByRole("button", { name: button }).click();
      await page.getByText(said).waitFor(WAIT);
    };
    await give(UNA, "Agree", "Our board approved the text.", "Give position", "Given by Uma Member");
    // Members never see who has not given a position.
    expect(await page.getByRole("heading", { name: "No position yet" }).count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await signOut();

    await give(BURMA, "Disagree", "We need to see the final text.", "Give position", "Given by Bo Member");
    await signOut();
    await give(BURMA_TWO, "Agree", "The final text reached us.", "Change position", "Given by Bea Member");
    await shoot(page, "proposal-member");
    await signOut();
  });

  it("shows the convenor the count in organisations, and lets them close it and record the outcome", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/proposals`);
    await page.getByRole("link", { name: QUESTION }).waitFor();
    await page.getByText("Quorum reached: 2 organisations of 2 needed").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "proposals-list");
    await page.getByRole("link", { name: QUESTION }).click();
    await page.getByRole("heading", { name: QUESTION, level: 1 }).waitFor();
    expect(await page.title()).toContain(QUESTION);

    const results = page.getByRole("figure", { name: "2 organisations agree, 0 abstain, 0 disagree, 0 block" });
    await results.getByRole("button", { name: "Show as table" }).click();
    // Two organisations, three people: Burma Campaign's second member replaced its position.
    await expect.poll(() => results.getByRole("row", { name: "Agree 2", exact: true }).count()).toBe(1);
    await expect.poll(() => results.getByRole("row", { name: "Disagree 0", exact: true }).count()).toBe(1);
    await expect.poll(() => results.getByRole("row", { name: "Block 0", exact: true }).count()).toBe(1);

    await page.getByRole("heading", { name: "No position yet" }).waitFor();
    const notGiven = page.locator(".not-answered-list li");
    await expect.poll(() => notGiven.count()).toBe(17);
    const names = await notGiven.allTextContents();
    expect(names).not.toContain("UNA-UK");
    expect(names).not.toContain("Burma Campaign");
    await page.getByText("Consent given: no organisation blocked.").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "proposal-convenor");

    // A position given by email: the convenor records it for the organisation.
    const recording = page.locator("form", { has: page.getByRole("button", { name: "Record position" }) });
    await recording.getByLabel("Organisation").selectOption({ label: "Crisis Action" });
    await recording.getByLabel("Abstain", { exact: true }).check();
    await recording.getByLabel("Reason").fill("Told us by email on Monday.");
    await recording.getByRole("button", { name: "Record position" }).click();
    await page.getByText("Recorded by the convenor (Clara Convenor) for Crisis Action").waitFor(WAIT);
    await expect.poll(() => notGiven.count()).toBe(16);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByRole("button", { name: "Close early" }).click();
    const closing = page.getByRole("dialog", { name: "Close this proposal early?" });
    await closing.getByRole("button", { name: "Close proposal" }).click();
    await page.getByText("Closed by Clara Convenor").waitFor(WAIT);
    // Closed: no one may give a position now, and the convenor records what was decided.
    await page.getByRole("button", { name: "Record the outcome" }).click();
    const outcome = page.getByRole("dialog", { name: "Record the outcome" });
    await outcome.getByLabel("Outcome").fill("Agreed by consent: the group co-signs the letter.");
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    await page.getByText("Agreed by consent: the group co-signs the letter.").waitFor(WAIT);
    expect(await page.getByRole("button", { name: "Close early" }).count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "proposal-closed");
  });

  const GOAL = "Co-sign the Atrocity Prevention Strategy letter";
  const MEETING = "Coordination call on the Strategy";

  it("lets the convenor record an outcome that creates a goal, and the proposal page links it", async () => {
    const { page } = browser;
    await page.goto(proposalUrl);
    await page.getByRole("button", { name: "Change the outcome" }).click();
    const outcome = page.getByRole("dialog", { name: "Record the outcome" });
    await outcome.getByLabel("Yes: create a goal").check();
    await outcome.getByLabel("Goal title").fill(GOAL);
    await outcome.getByLabel("Lead organisation").selectOption({ label: "UNA-UK" });
    await outcome.getByText("The goal is visible to the same people as this proposal (members).").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "proposal-outcome-create-goal");
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    await page.getByText("Outcome recorded.").waitFor(WAIT);
    const created = page.getByRole("region", { name: "Outcome" }).getByRole("link", { name: GOAL });
    await created.waitFor(WAIT);
    await page.getByText(`Created the goal ${GOAL}`).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await created.click();
    await page.getByRole("heading", { name: GOAL, level: 1 }).waitFor();
    // The goal's page starts a proposal about it.
    await page.getByRole("link", { name: "Put a proposal to the group" }).click();
    await page.getByRole("heading", { name: "New proposal", level: 1 }).waitFor();
    expect(page.url()).toMatch(/goalId=\d+/);
    const goalSelect = page.getByLabel("Goal", { exact: true });
    await expect.poll(() => goalSelect.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "")).toBe(GOAL);
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("opens the proposal form from a meeting with the meeting chosen, and lists the proposal on the meeting's page", async () => {
    const { page } = browser;
    const { db } = convene.convene;
    const now = new Date().toISOString();
    const { id: meetingId } = await db
      .insertInto("meetings")
      .values({
        kind: "ad_hoc",
        title: MEETING,
        startsAt: addDays(new Date(), 10).toISOString(),
        endsAt: null,
        place: null,
        onlineUrl: null,
        agenda: "",
        minutes: "",
        visibility: "members",
        cycleId: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await page.goto(`${convene.base}/meetings/${meetingId}`);
    await page.getByRole("heading", { name: MEETING, level: 1 }).waitFor();
    await page.getByText("No proposals have been put to the group for this meeting.").waitFor();
    await page.getByRole("link", { name: "Put a proposal to the group" }).click();
    await page.getByRole("heading", { name: "New proposal", level: 1 }).waitFor();
    expect(page.url()).toContain(`meetingId=${meetingId}`);
    const meetingSelect = page.getByLabel("Meeting", { exact: true });
    await expect
      .poll(() => meetingSelect.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? ""))
      .toMatch(MEETING);
    await expect.poll(() => page.getByLabel("Alert", { exact: true }).inputValue()).toBe("");
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByLabel("The question").fill("Shall we put the Strategy letter on the call's agenda?");
    await page.getByLabel("Closing time").fill(localInput(addDays(new Date(), 2)));
    await page.getByLabel("Quorum").fill("1");
    await page.getByLabel("Goal", { exact: true }).selectOption({ label: GOAL });
    await shoot(page, "proposal-new-from-meeting");
    await page.getByRole("button", { name: "Put to the group" }).click();

    await page.getByRole("heading", { name: "Shall we put the Strategy letter on the call's agenda?", level: 1 }).waitFor(WAIT);
    const links = page.getByRole("list", { name: "Linked records" });
    await links.getByRole("link", { name: MEETING }).waitFor();
    await links.getByRole("link", { name: GOAL }).waitFor();
    await links.getByText("For the meeting").waitFor();
    await links.getByText("About the goal").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "proposal-links");

    // Its outcome may change the goal it is about: "change a goal" starts with that goal chosen.
    await page.getByRole("button", { name: "Close early" }).click();
    await page.getByRole("dialog", { name: "Close this proposal early?" }).getByRole("button", { name: "Close proposal" }).click();
    await page.getByRole("button", { name: "Record the outcome" }).click();
    const outcome = page.getByRole("dialog", { name: "Record the outcome" });
    await outcome.getByLabel("Outcome").fill("On the agenda; the goal is at risk until the text is final.");
    await outcome.getByLabel("Yes: change a goal").check();
    const goalSelect = outcome.getByLabel("Goal", { exact: true });
    await expect.poll(() => goalSelect.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "")).toBe(GOAL);
    await outcome.getByLabel("New status").selectOption({ label: "At risk" });
    expect(await seriousA11yProblems(page)).toEqual([]);
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    await page.getByText(`Changed the goal ${GOAL}`).waitFor(WAIT);
    await shoot(page, "proposal-links-outcome");

    await links.getByRole("link", { name: MEETING }).click();
    await page.getByRole("heading", { name: MEETING, level: 1 }).waitFor();
    const section = page.getByRole("region", { name: "Proposals for this meeting" });
    await section.getByRole("link", { name: "Shall we put the Strategy letter on the call's agenda?" }).waitFor(WAIT);
    await section.getByText(/^Closed on /).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await shoot(page, "meeting-proposals");
  });
});
