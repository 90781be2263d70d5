/**
 * Tests only: `npm start`'s entry point as a process of its own, on a free port of 127.0.0.1,
 * for tests of what only a real process shows (several instances on one database, a server
 * killed outright, a start that must fail). It runs the compiled server (dist/main.js, what
 * `npm start` runs): compiling the API with tsx at each start took about 8 seconds, the bundle
 * starts in about one. `npm test` and `npm run test:postgres` build it first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { join, resolve } from "node:path";

export type Instance = { url: string; child: ChildProcess };

export const apiDir = resolve(import.meta.dirname, "..");

/** The command that starts the compiled server; stops with one clear line when it is not built. */
export function serverCommand(): string[] {
  const main = join(apiDir, "dist", "main.js");
  if (!existsSync(main)) throw new Error("The API server is not built: run `npm run build -w @convene/api` (npm test does it first).");
  return ["--enable-source-maps", main];
}

/** Starts an instance on `database` (a PostgreSQL URL or a SQLite file) and waits for its health check. */
export async function startInstance(database: string, env: Record<string, string>): Promise<Instance> {
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
  const { DATABASE_URL: _url, DATABASE_PATH: _path, SMTP_URL: _smtp, MAIL_FROM: _from, ...inherited } = process.env;
  const child = spawn("node", serverCommand(), {
    cwd: apiDir,
    env: {
      ...inherited,
      ...(database.startsWith("postgres") ? { DATABASE_URL: database } : { DATABASE_PATH: database }),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    if (child.exitCode !== null) throw new Error(`instance exited: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error(`instance did not start: ${stderr}`);
}

/** Stops an instance and waits until it has gone; SIGKILL is a crash: nothing is closed or flushed. */
export async function stopInstance({ child }: Instance, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}
