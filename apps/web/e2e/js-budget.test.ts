/**
 * The JavaScript budget (issue 10): what a browser actually downloads to show a route, counted
 * the way the server sends it (gzipped), on a coalition with data so every chart is drawn.
 * Over budget fails `npm test`; the figures are also printed by `npm run budget -w @convene/web`
 * from the build manifest (scripts/js-budget.ts), which cannot see chunks loaded while rendering.
 */
import { gzipSync } from "node:zlib";
import { createAccount } from "@convene/api/accounts";
import { seedCoalition, seedDemo } from "@convene/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, signIn, startConvene } from "./browser.ts";

const KiB = 1024;
const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };

/** Opens `path` and sums the gzipped size of every script the page loaded until the network went quiet. */
async function scriptWeight(page: Page, url: string, ready: () => Promise<unknown>) {
  const bodies: Promise<{ name: string; gzipped: number }>[] = [];
  const onResponse = (r: import("playwright-core").Response) => {
    if (r.request().resourceType() === "script") {
      const name = new URL(r.url()).pathname.split("/").pop() ?? r.url();
      bodies.push(r.body().then((b) => ({ name, gzipped: gzipSync(b).length })));
    }
  };
  page.on("response", onResponse);
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const all = await Promise.all(bodies);
  return { bytes: all.reduce((sum, b) => sum + b.gzipped, 0), scripts: all.length, files: all };
}

describe("the JavaScript each route loads", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    const { db, auth } = convene.convene;
    await seedCoalition(db);
    await seedDemo(db);
    await createAccount(auth, db, { ...CONVENOR, name: "Clara Convenor", role: "convenor", organisationId: null }, null);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("keeps the sign-in page within 100 KiB and the overview within 200 KiB, gzipped", async () => {
    const { page, context } = browser;
    const signInPage = await scriptWeight(page, `${convene.base}/sign-in`, () => page.getByRole("button", { name: "Sign in" }).waitFor());
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    // A fresh tab with an empty cache, signed in: what a convenor's phone downloads for the overview.
    const fresh = await context.newPage();
    const overview = await scriptWeight(fresh, `${convene.base}/`, () => fresh.getByRole("heading", { name: /Overview/, level: 1 }).waitFor());
    await fresh.close();
    const figures = { signIn: signInPage, overview };
    console.log(
      Object.entries(figures)
        .map(
          ([route, f]) =>
            `${route}: ${(f.bytes / KiB).toFixed(1)} KiB gzipped in ${f.scripts} scripts\n` +
            [...f.files]
              .sort((a, b) => b.gzipped - a.gzipped)
              .map((s) => `  ${(s.gzipped / KiB).toFixed(1).padStart(6)} KiB  ${s.name}`)
              .join("\n"),
        )
        .join("\n"),
    );
    expect(signInPage.bytes, "sign-in page JavaScript, gzipped").toBeLessThanOrEqual(100 * KiB);
    expect(overview.bytes, "overview JavaScript, gzipped").toBeLessThanOrEqual(200 * KiB);
  });
});
