#!/usr/bin/env node
// Cold start: the milliseconds from spawning the server to its first 200 on /api/health, on a new
// SQLite database and again on the same (existing) one. Usage: node tooling/scripts/cold-start.mjs
// [command …] (default: node apps/api/dist/main.js, the compiled server `npm start` runs).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const command = process.argv.length > 2 ? process.argv.slice(2) : ["node", "apps/api/dist/main.js"];
const dir = mkdtempSync(join(tmpdir(), "convene-cold-start-"));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** CPU time the process has used (user + system), from /proc on Linux; undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

async function once() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: join(dir, "convene.db"), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error("the server exited before answering");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) return { ms: Math.round(performance.now() - started), cpu: cpuMs(child.pid) };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (exited ? r() : child.on("exit", r)));
  }
}

try {
  const first = await once();
  const again = [await once(), await once(), await once()].sort((a, b) => a.ms - b.ms)[1];
  const cpu = (r) => (r.cpu === undefined ? "" : `, ${r.cpu} ms CPU`);
  console.log(
    `cold start to the first 200 on /api/health: new database ${first.ms} ms${cpu(first)}; existing database ${again.ms} ms${cpu(again)} (median of 3)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
