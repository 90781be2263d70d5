/**
 * The road map in the browser: the convenor adds an item through the form and sees it on the
 * timeline (and in the table twin); a member sees it read-only. The page is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const CONVENOR = { email: "convenor@example.org", password: "a long convenor password", name: "Clara Convenor" };
const MEMBER = { email: "member@una.example.org", password: "a long member password", name: "Uma Member" };
const year = new Date().getUTCFullYear();
const TITLE = "Brief the APPG on early warning";

describe("the road map in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    const { db } = convene.convene;
    const _una = await db.selectFrom("organisations").select("id").where("name", "=", "UNA-UK").executeTakeFirstOrThrow();
    await addAccounts(convene, { ...CONVENOR, role: "convenor" }, { ...MEMBER, role: "member", organisation: "una-uk" });
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("shows the convenor an empty road map that says how to add the first item", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Road map" }).click();
    await page.getByRole("heading", { name: "Road map", level: 1 }).waitFor();
    await page.getByText("There is nothing on the road map yet").waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("lets the convenor add an item through the form, refusing an end before the start, and shows it on the timeline", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Add the first item" }).click();
    const dialog = page.getByRole("dialog", { name: "New road map item" });
    await dialog.getByLabel("Title").fill(TITLE);
    await dialog.getByLabel("Workstream").fill("Parliament");
    await dialog.getByLabel("Start").fill(`${year}-03-01`);
    await dialog.getByLabel("End", { exact: true }).fill(`${year}-02-01`);
    await dialog.getByRole("button", { name: "Add item" }).click();
    // Refused before anything is sent: the summary links to the field, and the field says why.
    await dialog
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByRole("link", { name: "The end date must be on or after the start date" })
      .waitFor({ timeout: 15_000 });
    await dialog.locator("#endDate-error", { hasText: "The end date must be on or after the start date" }).waitFor({ timeout: 15_000 });
    await expect(dialog.getByLabel("Title").inputValue()).resolves.toBe(TITLE);
    await dialog.getByLabel("End", { exact: true }).fill(`${year}-06-30`);
    await dialog.getByLabel("Status").selectOption({ label: "In progress" });
    await dialog.getByLabel("% complete").fill("40");
    await dialog.getByLabel("Visible to").selectOption({ label: "Members" });
    await dialog.getByRole("button", { name: "Add item" }).click();
    await page.getByText(`Added “${TITLE}” to the road map.`).waitFor();

    const timeline = page.getByRole("group", { name: /Road map timeline/ });
    const bar = timeline.getByRole("button", { name: new RegExp(`^${TITLE}\\. Parliament, 1 March ${year} to 30 June ${year}`) });
    await bar.waitFor();
    await expect(bar.getAttribute("aria-label")).resolves.toContain("In progress");
    expect(await seriousA11yProblems(page)).toEqual([]);

    // The keyboard way in: Enter on the row opens the form with its dates.
    await bar.focus();
    await page.keyboard.press("Enter");
    const edit = page.getByRole("dialog", { name: "Edit road map item" });
    await expect(edit.getByLabel("Start").inputValue()).resolves.toBe(`${year}-03-01`);
    await edit.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Show as table" }).click();
    await page.getByRole("rowheader", { name: TITLE }).waitFor();
    await expect.poll(() => page.getByRole("cell", { name: "40 %" }).count()).toBe(1);
    expect(page.url()).toContain("view=table");
    expect(await seriousA11yProblems(page)).toEqual([]);

    // Deleting asks first, and can be undone from the toast.
    await page.getByRole("button", { name: `Delete ${TITLE}` }).click();
    await page
      .getByRole("dialog", { name: `Delete the road map item “${TITLE}”?` })
      .getByRole("button", { name: "Delete item" })
      .click();
    await page.getByText(`The road map item “${TITLE}” deleted.`).waitFor();
    await page.getByRole("rowheader", { name: TITLE }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("rowheader", { name: TITLE }).waitFor();
    await page.getByText(`The road map item “${TITLE}” is back.`).waitFor();

    // The overview draws road map progress over time from the history.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Road map", level: 2 }).waitFor();
    await page.getByRole("figure", { name: /^Road map (on|ahead of|behind) plan: 0 % of items done/ }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
  });

  it("shows a member the item read-only", async () => {
    const { page } = browser;
    await signIn(page, convene.base, MEMBER.email, MEMBER.password);
    await page.goto(`${convene.base}/roadmap?view=timeline`);
    const bar = page.getByRole("group", { name: /Road map timeline/ }).getByRole("button", { name: new RegExp(`^${TITLE}`) });
    await bar.waitFor();
    await expect.poll(() => page.getByRole("button", { name: /Add a road map item|Add the first item/ }).count()).toBe(0);
    await expect(bar.getAttribute("aria-label")).resolves.toContain("Press Enter for details");
    await bar.click();
    const details = page.getByRole("dialog", { name: TITLE });
    await details.getByText("Parliament").waitFor();
    await expect.poll(() => details.getByRole("button", { name: /Save|Delete/ }).count()).toBe(0);
    await expect.poll(() => details.getByRole("textbox").count()).toBe(0);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await details.getByRole("button", { name: "Close" }).click();
  });
});
