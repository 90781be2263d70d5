/**
 * An Excel-saved goals sheet (BOM, CRLF, "50%", "1,000", "2,5", a trailing empty row) through
 * the Data page: preview, import, then the same file again asks to skip or update. And signing in
 * at an address other than the one Convene is set up for says which to use.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, addCurrentCycle, openBrowser, seriousA11yProblems, signIn, startConvene } from "./browser.ts";

const PASSWORD = "a long enough password";
const CONVENOR = "convenor@example.org";
const FIXTURE = resolve(import.meta.dirname, "../../api/src/routes/fixtures/excel-goals.csv");

describe("spreadsheet imports and sign-in in the browser", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    browser = await openBrowser();
    await addAccounts(convene, { email: CONVENOR, name: "Clara Convenor", password: PASSWORD, role: "convenor" });
    await addCurrentCycle(convene);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("says which address to use when signing in at another one", async () => {
    const { page } = browser;
    const other = convene.base.replace("127.0.0.1", "localhost");
    await page.goto(`${other}/sign-in`);
    await page.getByLabel("Email address").fill(CONVENOR);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(`Open ${convene.base}/sign-in and sign in there`).first().waitFor({ timeout: 30_000 });
  }, 60_000);

  it("previews and imports an Excel-saved sheet, then asks before touching goals already there", async () => {
    const { page } = browser;
    await signIn(page, convene.base, CONVENOR, PASSWORD);
    await page.goto(`${convene.base}/data`);
    const upload = page.getByLabel("Spreadsheet to upload (CSV, up to 1 MB and 2,000 rows)").last();
    await upload.setInputFiles(FIXTURE);
    const preview = page.locator(".import-preview");
    await preview.waitFor({ timeout: 30_000 });
    const text = (await preview.textContent()) ?? "";
    for (const shown of [
      "MPs briefed: 0 % → 50 %, now 12.5 %",
      "People reached: 0 people → 1,000 people, now 2.5 people",
      "31 March 2027",
      "Crisis Action, eyeWitness",
      "Brief **every**",
    ])
      expect(text).toContain(shown);
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Confirm import" }).click();
    await page.getByText("2 goals imported into").waitFor({ timeout: 30_000 });

    await upload.setInputFiles(FIXTURE);
    await page.getByText("2 goals in the file are already in this cycle").waitFor({ timeout: 30_000 });
    await page.getByRole("radio", { name: /Update them from the file/ }).check();
    await page.getByRole("button", { name: "Confirm import" }).click();
    await page.getByText("0 goals imported into").waitFor({ timeout: 30_000 });
    await expect(page.getByText("2 goals updated").count()).resolves.toBeGreaterThan(0);
    const goals = await convene.convene.db.selectFrom("goals").select("id").where("deletedAt", "is", null).execute();
    expect(goals).toHaveLength(2);
  }, 90_000);
});
