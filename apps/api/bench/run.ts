/**
 * `npm run bench`: how fast the API answers its heaviest reads and its commonest writes on
 * coalitions of 20, 200 and 2,000 goals a cycle, against a hello-world Hono server measured in the
 * same run on the same machine.
 *
 * Runs twice, once per engine: on SQLite files in a temporary folder, then on PostgreSQL (new
 * databases on the server DATABASE_URL names, dropped afterwards, or else a throwaway cluster like
 * the tests'). For each size it builds a synthetic coalition, signs a convenor in, serves the real
 * app on 127.0.0.1 (a free port) twice — with its answer cache and without — and loads each read
 * route with autocannon for a fixed time (in a worker thread, so the load does not share the
 * server's event loop); a goal PATCH and a progress update POST are timed one after another. No
 * targets are enforced.
 *
 * Also: the session check in-process (CPU per call), and /api/health anonymous against signed in.
 *
 * Flags: --duration SECONDS, --connections N (defaults from BENCH_DURATION, BENCH_CONNECTIONS).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Db, getCycle, insertCycle, openDatabase } from "@convene/db";
import { startThrowawayCluster } from "@convene/db/throwaway-postgres";
import { buildAgmDeck, deckSlides } from "@convene/slides";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import pg from "pg";
import type { Auth } from "../src/auth.ts";
import { readBenchEnv } from "../src/env.ts";
import { createConvene, listen } from "../src/server.ts";
import { createAccount } from "../src/services/accounts.ts";
import { buildAgmReport } from "../src/services/agm-report.ts";
import { sessionUser } from "../src/session-check.ts";
import { generateSyntheticCoalition, type SyntheticSize } from "./synthetic-coalition.ts";

const HOST = "127.0.0.1";
const BENCH_SECRET = "the benchmark's own secret, 32+ characters";
const PUBLIC_URL = `http://${HOST}`;

const env = readBenchEnv();
const { values: flags } = parseArgs({
  options: { duration: { type: "string" }, connections: { type: "string" } },
  strict: true,
});
const duration = positiveInt(flags.duration, env.BENCH_DURATION, "--duration");
const connections = positiveInt(flags.connections, env.BENCH_CONNECTIONS, "--connections");

function positiveInt(flag: string | undefined, fallback: number, name: string): number {
  if (flag === undefined) return fallback;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return n;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The bench process's resident memory right after the load (the servers run in it; autocannon in a worker thread of it). */
  rssMb: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Measured> {
  process.stdout.write(`  ${name}: ${duration} s with ${connections} connections…\n`);
  const result = await autocannon({ url, connections, duration, headers, workers: 1 });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

/**
 * Writes one after another (each needs the version the previous one returned, so autocannon's
 * fixed requests cannot do it), timed in this process: their p50 and p99 include the upkeep of
 * the stored progress in the write's transaction.
 */
async function sequentialWrites(name: string, count: number, send: (i: number) => Promise<Response>): Promise<Measured> {
  process.stdout.write(`  ${name}: ${count} requests one after another…\n`);
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await send(i);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (!res.ok) failures++;
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    name,
    requestsPerSecond: count / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors: failures,
    non2xx: 0,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

/** Goals in the newest cycle at each size of coalition measured (two cycles, three measures a goal, ten updates). */
const goalsPerCycle = [20, 200, 2_000];
const sizeOf = (n: number): SyntheticSize => ({ organisations: 50, cycles: 2, goals: 2 * n, measures: 6 * n, updates: 20 * n });

const dir = mkdtempSync(join(tmpdir(), "convene-bench-"));
try {
  process.stdout.write("=== SQLite ===\n");
  await benchOn(async (label) => join(dir, `convene-${label}.db`));
  process.stdout.write("\n=== PostgreSQL ===\n");
  await onPostgres(benchOn).catch((error: unknown) =>
    process.stdout.write(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}\n`),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
printJavaScriptBudget();

/**
 * The JavaScript each dashboard route loads, gzipped, against its budget: the web package's own
 * table (`npm run budget -w @convene/web`), run as a command so the API does not import the web.
 */
function printJavaScriptBudget(): void {
  process.stdout.write("\nJavaScript per route (gzipped, from the last `npm run build -w @convene/web`):\n");
  const run = spawnSync("npm", ["run", "--silent", "budget", "-w", "@convene/web"], { encoding: "utf8" });
  process.stdout.write(
    run.status === 0
      ? run.stdout
      : `  not measured: ${(run.stderr || run.stdout).trim().split("\n")[0] ?? ""} (build the dashboard first)\n`,
  );
}

/** Runs `work` with new PostgreSQL databases of its own (one per size), removed afterwards. */
async function onPostgres(work: (newDatabase: (label: string) => Promise<string>) => Promise<void>): Promise<void> {
  const cluster = env.DATABASE_URL ? undefined : await startThrowawayCluster();
  const server = env.DATABASE_URL ?? cluster!.url;
  const names: string[] = [];
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await work(async (label) => {
      const name = `convene_bench_${Date.now()}_${label}`;
      names.push(name);
      await admin.query(`create database "${name}" template template0 encoding 'UTF8'`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    });
  } finally {
    for (const name of names) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
    cluster?.stop();
  }
}

async function benchOn(newDatabase: (label: string) => Promise<string>): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const hello = new Hono().get("/", (c) => c.text("Hello, world"));
    const helloPort = await new Promise<number>((resolve, reject) => {
      const s = serve({ fetch: hello.fetch, port: 0, hostname: HOST }, (info) => resolve(info.port));
      s.on("error", reject);
      stops.push(() => new Promise((r) => s.close(() => r())));
    });
    process.stdout.write("Measuring:\n");
    const results: Measured[] = [await load("hello world (plain Hono)", `http://${HOST}:${helloPort}/`)];
    const built: string[] = [];
    let decks: Awaited<ReturnType<typeof deckTimes>> = [];
    let sessionChecks: Awaited<ReturnType<typeof sessionCheckTimes>> | undefined;

    for (const n of goalsPerCycle) {
      const databasePath = await newDatabase(String(n));
      const started = performance.now();
      const opened = await openDatabase(databasePath);
      const coalition = await generateSyntheticCoalition(opened.db, sizeOf(n));
      await opened.close();
      const rows = coalition.rows;
      built.push(
        `  ${n} goals a cycle: ${rows.organisations} organisations, ${rows.cycles} cycles, ${rows.goals} goals, ${rows.measures} measures, ` +
          `${rows.progressUpdates} progress updates, ${rows.measureValues} measure values — built in ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );

      // Two servers on the one database: the usual one, and one with its answer cache off.
      // The benchmark's convenor signs in with a password alone, as the tests' do (apps/api/src/test-support.ts says why).
      const convene = await createConvene({ databasePath, secret: BENCH_SECRET, publicUrl: PUBLIC_URL, enforceTwoFactor: false });
      stops.push(convene.close);
      const uncachedConvene = await createConvene({
        databasePath,
        secret: BENCH_SECRET,
        publicUrl: PUBLIC_URL,
        cacheAnswers: false,
        enforceTwoFactor: false,
      });
      stops.push(uncachedConvene.close);
      const email = "bench-convenor@example.org";
      const password = "benchmark password";
      await createAccount(
        convene.auth,
        convene.db,
        { email, name: "Bench Convenor", password, role: "convenor", organisationId: null },
        null,
      );
      const server = await listen(convene.app, 0, HOST);
      stops.push(server.close);
      const uncachedServer = await listen(uncachedConvene.app, 0, HOST);
      stops.push(uncachedServer.close);
      const base = `http://${HOST}:${server.port}`;
      const uncachedBase = `http://${HOST}:${uncachedServer.port}`;
      // Signed in over HTTP like a browser (Better Auth rate-limits by the TCP peer's address).
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: PUBLIC_URL },
        body: JSON.stringify({ email, password }),
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
      if (signIn.status !== 200 || !cookie) throw new Error(`Signing the benchmark convenor in failed: ${signIn.status}`);

      const cycle = coalition.latestCycleId;
      const overview = `/api/cycles/${cycle}/overview`;
      const compare = `/api/cycles/${cycle}/compare`;
      const goalsList = `/api/goals?cycleId=${cycle}&sort=title.asc`;
      const goalsLastPage = `/api/goals?cycleId=${cycle}&sort=lastUpdate.desc&offset=150`;
      // One request each first: a route that fails would otherwise be timed as a fast error.
      const goalsPage = await check(`${base}${goalsList}`, cookie, (b: { goals: { id: number }[]; total: number }) => b);
      const points = await check(`${base}${overview}`, cookie, (b: { progressOverTime: unknown[] }) => b.progressOverTime.length);
      await check(`${uncachedBase}${compare}`, cookie, (b: { goals: unknown[] }) => b.goals.length);
      // The cached server answers each route once before its load, so "cached" times the steady state.
      await check(`${base}${compare}`, cookie, (b: { goals: unknown[] }) => b.goals.length);

      results.push(
        await load(`[${n}] overview, uncached (${points} chart points)`, `${uncachedBase}${overview}`, { cookie }),
        await load(`[${n}] overview, cached`, `${base}${overview}`, { cookie }),
        await load(`[${n}] compare, uncached`, `${uncachedBase}${compare}`, { cookie }),
        await load(`[${n}] compare, cached`, `${base}${compare}`, { cookie }),
      );
      if (n === 200) {
        results.push(
          await load(
            `[${n}] GET /api/goals?cycleId=&sort=title.asc (${goalsPage.goals.length} of ${goalsPage.total})`,
            `${base}${goalsList}`,
            {
              cookie,
            },
          ),
          await load(`[${n}] GET /api/goals?cycleId=&sort=title.asc, uncached`, `${uncachedBase}${goalsList}`, { cookie }),
          await load(`[${n}] GET /api/goals … sort=lastUpdate.desc&offset=150`, `${base}${goalsLastPage}`, { cookie }),
          await load(`[${n}] GET /api/health, anonymous`, `${base}/api/health`),
          await load(`[${n}] GET /api/health, signed in (the session check)`, `${base}/api/health`, { cookie }),
        );
        sessionChecks = await sessionCheckTimes(convene.auth, cookie);
      }

      // The goal the writes go to: the first on the page, read whole for its measures.
      const target = await check(`${base}/api/goals/${goalsPage.goals[0]!.id}`, cookie, (b: { goal: GoalRow }) => b.goal);
      let version = target.version;
      const statuses = ["on_track", "at_risk"] as const;
      results.push(
        await sequentialWrites(`[${n}] PATCH /api/goals/:id (status)`, 200, async (i) => {
          const res = await fetch(`${base}/api/goals/${target.id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json", origin: PUBLIC_URL, cookie },
            body: JSON.stringify({ status: statuses[i % 2], version }),
          });
          if (res.ok) version = ((await res.clone().json()) as { goal: GoalRow }).goal.version;
          return res;
        }),
        await sequentialWrites(`[${n}] POST /api/updates`, 200, (i) =>
          fetch(`${base}/api/updates`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: PUBLIC_URL, cookie },
            body: JSON.stringify({
              goalId: target.id,
              note: `Bench update ${i}`,
              visibility: "public",
              values: target.measures.map((m) => ({
                measureId: m.id,
                value: m.kind === "milestone" ? i % 2 : (m.baseline ?? 0) + (i % 5),
              })),
            }),
          }),
        ),
      );
      if (n === 200) decks = await deckTimes(convene.db);
    }

    process.stdout.write("\nSynthetic coalitions:\n");
    for (const line of built) process.stdout.write(`${line}\n`);
    process.stdout.write(
      `Load: ${duration} s per read route, ${connections} connections, on ${HOST}, signed in as a convenor; writes one at a time\n\n`,
    );
    const helloRate = results[0]!.requestsPerSecond;
    const table = [
      ["route", "req/s", "p50 ms", "p99 ms", "vs hello", "errors", "RSS MiB"],
      ...results.map((r) => [
        r.name,
        r.requestsPerSecond.toFixed(0),
        latency(r.p50),
        latency(r.p99),
        `${((r.requestsPerSecond / helloRate) * 100).toFixed(1)} %`,
        String(r.errors + r.non2xx),
        r.rssMb.toFixed(0),
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    for (const [n, row] of table.entries()) {
      process.stdout.write(`${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")}\n`);
      if (n === 0) process.stdout.write(`${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
    }
    if (sessionChecks)
      process.stdout.write(
        `\nSession check, CPU per call over ${sessionChecks.calls} calls in-process: Better Auth's getSession ${sessionChecks.betterAuthMs.toFixed(3)} ms, ` +
          `Convene's check ${sessionChecks.conveneMs.toFixed(3)} ms (a hello-world request: ${(1000 / helloRate).toFixed(3)} ms of one core at saturation)\n`,
      );
    process.stdout.write("\nAGM deck (members, 200 goals a cycle), median of 5 runs after one warm-up:\n");
    for (const d of decks) {
      process.stdout.write(
        `  ${d.name}: ${d.slides} slides, ${(d.bytes / 1024).toFixed(0)} KB — report ${d.reportMs.toFixed(0)} ms + deck ${d.deckMs.toFixed(0)} ms = ${(d.reportMs + d.deckMs).toFixed(0)} ms\n`,
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

interface GoalRow {
  id: number;
  version: number;
  measures: { id: number; kind: string; baseline: number | null }[];
}

/** autocannon's histogram counts whole milliseconds, so 0 means under one. */
function latency(ms: number): string {
  return ms < 1 ? "<1" : ms.toFixed(0);
}

async function check<T, R>(url: string, cookie: string, summarise: (body: T) => R): Promise<R> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return summarise((await res.json()) as T);
}

/**
 * Times the members' AGM deck for the cycle with the most goals, next to a deck for an empty cycle
 * (a title, a "no goals" slide and the thanks), in the same run.
 */
async function deckTimes(db: Db) {
  const largest = await db
    .selectFrom("goals")
    .select(["cycleId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("deletedAt", "is", null)
    .groupBy("cycleId")
    .orderBy("n", "desc")
    .executeTakeFirstOrThrow();
  const empty = await insertCycle(db, {
    name: "Bench empty cycle",
    workshopDate: "2040-01-10",
    agmDate: "2040-12-10",
    updateIntervalDays: 42,
  });
  const out = [];
  for (const [name, id] of [
    [`largest cycle (${largest.n} goals)`, largest.cycleId],
    ["empty cycle", empty.id],
  ] as const) {
    const cycle = (await getCycle(db, id))!;
    const runs: { reportMs: number; deckMs: number; slides: number; bytes: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const report = await buildAgmReport(db, cycle, "members");
      const t1 = performance.now();
      const deck = await buildAgmDeck(report);
      const t2 = performance.now();
      if (i > 0) runs.push({ reportMs: t1 - t0, deckMs: t2 - t1, slides: deckSlides(report).length, bytes: deck.length });
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    out.push({
      name,
      reportMs: median(runs.map((r) => r.reportMs)),
      deckMs: median(runs.map((r) => r.deckMs)),
      slides: runs[0]!.slides,
      bytes: runs[0]!.bytes,
    });
  }
  return out;
}

/**
 * CPU time (user + system, this process) per session check, Better Auth's getSession against
 * Convene's sessionUser, on the same signed-in cookie. On PostgreSQL the database's own work
 * happens in its server process and is not counted.
 */
async function sessionCheckTimes(auth: Auth, cookie: string) {
  const headers = new Headers({ cookie });
  const calls = 2000;
  const cpu = async (check: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await check();
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) await check();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / calls;
  };
  const betterAuthMs = await cpu(() => auth.api.getSession({ headers }));
  const conveneMs = await cpu(() => sessionUser(headers, auth));
  if (!(await sessionUser(headers, auth))) throw new Error("The session check did not recognise the benchmark convenor");
  return { calls, betterAuthMs, conveneMs };
}
