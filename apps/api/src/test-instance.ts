/**
 * Tests only: `npm start`'s entry point as a process of its own (through tsx: the tests do not
 * build), on a free port of 127.0.0.1, for tests of what only a real process shows (several
 * instances on one database, a server killed outright).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { resolve } from "node:path";

export type Instance = { url: string; child: ChildProcess };

const apiDir = resolve(import.meta.dirname, "..");

/** Starts an instance on `database` (a PostgreSQL URL or a SQLite file) and waits for its health check. */
export async function startInstance(database: string, env: Record<string, string>): Promise<Instance> {
  const port = await new Promise<number>((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
  const { DATABASE_URL: _url, DATABASE_PATH: _path, SMTP_URL: _smtp, MAIL_FROM: _from, ...inherited } = process.env;
  const child = spawn("node", ["--import", "tsx", "src/main.ts"], {
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
