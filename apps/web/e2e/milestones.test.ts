/**
 * The milestones timeline in the browser: a member reads the seeded 2017–2019 history (dates only
 * as precisely as known), filters it by kind with the filter kept in the URL; the convenor adds a
 * milestone, removes it and undoes that. Every view is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const MEMBER = { email: "member@una.example.org", password: "a long member password" };
const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };

describe("the milestones timeline in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    const { db } = convene.convene;
    const _una = await db.selectFrom("organisations").select("id").where("shortName", "=", "una-uk").executeTakeFirstOrThrow();
    await addAccounts(
      convene,
      {
        email: MEMBER.email,
        name: "Uma Member",
        password: MEMBER.password,
        role: "member",
        organisation: "una-uk",
      },
      { email: CONVENOR.email, name: "Clara Convenor", password: CONVENOR.password, role: "convenor" },
    );
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("shows a member the seeded 2017–2019 history, each date only as precisely as known", async () => {
    const { page } = browser;
    await signIn(page, convene.base, MEMBER.email, MEMBER.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Milestones" }).click();
    await page.getByRole("heading", { name: "Milestones", level: 1 }).waitFor();
    for (const year of ["2019", "2018", "2017"]) await page.getByRole("heading", { name: year, level: 2 }).waitFor();
    const entry = (title: RegExp) => page.getByRole("article").filter({ has: page.getByRole("heading", { name: title }) });
    await expect(
      entry(/informal coordination/)
        .locator("time")
        .textContent(),
    ).resolves.toBe("June 2017");
    await expect(
      entry(/First formal meeting/)
        .locator("time")
        .textContent(),
    ).resolves.toBe("June 2018");
    await expect(
      entry(/civil society contributions/)
        .locator("time")
        .textContent(),
    ).resolves.toBe("2018");
    await expect(
      entry(/multi-departmental approach/)
        .locator("time")
        .textContent(),
    ).resolves.toBe("2019");
    await expect(
      entry(/self-care and mutual support/)
        .locator("time")
        .textContent(),
    ).resolves.toBe("Autumn 2019");
    await expect(
      entry(/Open letter/)
        .getByText(/own date is not known/)
        .count(),
    ).resolves.toBe(1);
    await expect(
      entry(/informal coordination/)
        .getByRole("link", { name: "Protection Approaches" })
        .count(),
    ).resolves.toBe(1);
    // A member cannot add or remove milestones.
    await expect.poll(() => page.getByRole("button", { name: "Add a milestone" }).count()).toBe(0);
    await page.getByRole("heading", { name: "Still working for" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("filters by kind, keeping the filter in the URL, and turns the order round", async () => {
    const { page } = browser;
    await page.getByLabel("Kind").selectOption({ label: "Open letter" });
    await page.waitForURL(/kind=open_letter/);
    await page.getByText("1 milestone matches these filters").waitFor();
    await expect.poll(() => page.getByRole("article").count()).toBe(1);
    await page.reload();
    await page.getByRole("heading", { name: /Open letter to all political party leaders/ }).waitFor();
    await expect.poll(() => page.getByRole("article").count()).toBe(1);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByText("7 milestones, newest first.").waitFor();
    await page.getByLabel("Oldest first").check();
    await page.waitForURL(/order=oldest/);
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toBe("2017");
    expect(await seriousA11yProblems(page)).toEqual([]);
  });

  it("lets the convenor add a milestone, validated as they type, then remove it and undo", async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    await page.goto(`${convene.base}/milestones`);
    await page.getByRole("button", { name: "Add a milestone" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a milestone" });
    await dialog.getByLabel("Title").fill("Foreign Affairs Committee hears from the group");
    await dialog.getByLabel("Kind").selectOption({ label: "Parliamentary" });
    await dialog.getByLabel("Date known to").selectOption({ label: "Month" });
    await dialog.getByLabel("Month").fill("2026-03");
    await dialog.getByLabel("Outcome (optional)").fill("The committee asked the Government for a strategy.");
    await dialog.getByRole("button", { name: "Add a link" }).click();
    await dialog.getByLabel("Link 1 title").fill("Oral evidence");
    await dialog.getByLabel("Link 1 address").fill("javascript:alert(1)");
    await dialog.getByRole("button", { name: "Add milestone" }).click();
    await dialog
      .locator("#ms-evidence-0-url-error", { hasText: "Enter the link's web address in full, starting https:// or http://" })
      .waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await dialog.getByLabel("Link 1 address").fill("https://committees.parliament.uk/oralevidence/1");
    await dialog.getByRole("checkbox", { name: "UNA-UK" }).check();
    await dialog.getByLabel("Visible to").selectOption({ label: "Members" });
    await dialog.getByRole("button", { name: "Add milestone" }).click();

    const added = page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: "Foreign Affairs Committee hears from the group" }) });
    await added.waitFor();
    await expect.poll(() => added.locator("time").textContent()).toBe("March 2026");
    await expect(added.getByRole("link", { name: /Oral evidence/ }).getAttribute("href")).resolves.toBe(
      "https://committees.parliament.uk/oralevidence/1",
    );
    await expect.poll(() => added.getByRole("link", { name: "UNA-UK" }).count()).toBe(1);
    await page.getByRole("heading", { name: "2026", level: 2 }).waitFor();

    await added.getByRole("button", { name: /Remove/ }).click();
    await page
      .getByRole("dialog", { name: /Remove the milestone/ })
      .getByRole("button", { name: "Remove milestone" })
      .click();
    await added.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Undo" }).click();
    await page.getByRole("heading", { name: "Foreign Affairs Committee hears from the group" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
  });
});
