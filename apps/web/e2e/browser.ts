/**
 * What every browser test needs: the built dashboard served by a real Convene on 127.0.0.1
 * with a fresh database, and Debian's Chromium with a fresh profile (never a downloaded browser).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAccount, linkFor, setupLinkToken } from "@convene/api/accounts";
import { createConvene, fastTestPasswordHasher, listen } from "@convene/api/server";
import type { Role } from "@convene/domain";
import axe from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const webDist = resolve(import.meta.dirname, "../dist");

/** `host: "localhost"` for passkeys: WebAuthn refuses an IP address as the relying party. */
export async function startConvene(o: { host?: "127.0.0.1" | "localhost"; enforceTwoFactor?: boolean } = {}) {
  if (!existsSync(join(webDist, "index.html"))) {
    throw new Error("The dashboard is not built: run `npm run build` (npm test does it first).");
  }
  const dir = mkdtempSync(join(tmpdir(), "convene-e2e-"));
  // Better Auth checks the Origin of sign-in requests against the public URL, so we need the
  // port before creating the app: ask the OS for a free one first.
  const port = await freePort();
  const base = `http://${o.host ?? "127.0.0.1"}:${port}`;
  const convene = await createConvene({
    databasePath: join(dir, "convene.db"),
    webDist,
    publicUrl: base,
    passwordHasher: fastTestPasswordHasher,
    // Off unless a test asks for it, as in the API's test support (apps/api/src/test-support.ts says why).
    enforceTwoFactor: o.enforceTwoFactor ?? false,
  });
  const server = await listen(convene.app, port, "127.0.0.1");
  return {
    base,
    convene,
    setupLink: async () => {
      const token = await setupLinkToken(convene.db);
      if (!token) throw new Error("a convenor already exists");
      return linkFor(base, "setup", token);
    },
    stop: async () => {
      await server.close();
      await convene.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

// One Chromium per test worker, started on first use: launching takes 1.5–2 s, and a fresh
// browser context is as clean as a fresh profile (its own cookies, storage and cache). Files in
// one worker share this module (`isolate: false`), so each file pays for a context only.
// Playwright talks to Chromium over a pipe, so Chromium ends with the worker process.
let shared: Promise<Browser> | undefined;

function sharedChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
  shared ??= chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return shared;
}

export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const context = await (await sharedChromium()).newContext({
    viewport: { width: 1280, height: 900 },
    // The dashboard is for people in the UK: date pickers read day, month, year.
    locale: "en-GB",
  });
  // Explicit limits for every wait and navigation: long enough for a busy machine, short enough
  // that a broken page fails inside the test's own limit (vitest.config.ts) with Playwright's message.
  context.setDefaultTimeout(45_000);
  context.setDefaultNavigationTimeout(45_000);
  const page = await context.newPage();
  return { context, page, close: () => context.close() };
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Serious and critical axe-core violations on the page as it stands, as readable lines.
 *
 * Through axe-core's own API rather than `@axe-core/playwright`'s AxeBuilder: the builder injects
 * axe's 600 KB source again on every run and finishes each run in a new blank page (for
 * cross-origin frames, which the dashboard has none of), about 1.1 s of a 1.3 s check. Here the
 * source goes into a document once and stays until the next full page load.
 */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * A cycle running now (workshop last December, AGM next March), so the overview and its "What
 * needs you" have something to show; returns its id. `createdAt` backdates it where a test
 * needs the cycle to be older than what it adds.
 */
export async function addCurrentCycle(convene: Started, createdAt = new Date().toISOString()): Promise<number> {
  const year = new Date().getUTCFullYear();
  const { id } = await convene.convene.db
    .insertInto("cycles")
    .values({ name: `${year} cycle`, workshopDate: `${year - 1}-12-01`, agmDate: `${year + 1}-03-01`, closedAt: null, createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /Overview/ }).waitFor();
}

export type Started = Awaited<ReturnType<typeof startConvene>>;

/** Someone a test signs in as; a member names their organisation by its short name in the seed ("una-uk"). */
export interface TestAccount {
  email: string;
  name: string;
  password: string;
  role: Role;
  organisation?: string;
}

/** Accounts written straight into the test's database, as an accepted invitation would leave them. */
export async function addAccounts(started: Started, ...accounts: TestAccount[]): Promise<void> {
  const { db, auth } = started.convene;
  for (const a of accounts) {
    const organisationId = a.organisation
      ? (await db.selectFrom("organisations").select("id").where("shortName", "=", a.organisation).executeTakeFirstOrThrow()).id
      : null;
    await createAccount(auth, db, { email: a.email, name: a.name, password: a.password, role: a.role, organisationId }, null);
  }
}

/** With CONVENE_SHOTS=folder, keeps a picture of the page at 1280 px and 390 px, for a person to look at. */
export async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.CONVENE_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const file = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await page.screenshot({ path: join(folder, `${file}.png`), fullPage: true });
  const laptop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(folder, `${file}-390.png`), fullPage: true });
  if (laptop) await page.setViewportSize(laptop);
}
