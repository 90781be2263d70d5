/**
 * A PostgreSQL cluster that exists only for one test run or benchmark: made in a temporary folder
 * with Debian's initdb/pg_ctl, run as the `postgres` user when we are root (the server refuses
 * root), listening on 127.0.0.1 at a free port and a socket in that folder only, with durability
 * traded for speed; `stop` ends it and removes the folder.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export async function startThrowawayCluster(): Promise<{ url: string; stop: () => void }> {
  const bin = postgresBin();
  const root = mkdtempSync(join(tmpdir(), "convene-pg-"));
  const data = join(root, "data");
  const asRoot = userInfo().uid === 0;
  mkdirSync(data);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chmodSync(root, 0o755);
    chownSync(root, uid, gid);
    chownSync(data, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, cmd), args, { stdio: "pipe" });
  const user = asRoot ? "postgres" : userInfo().username;
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  // Tests only: durability is traded for speed (the cluster is removed at the end anyway).
  const options = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${root}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=400",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-l", join(root, "server.log"), "-o", options, "-w", "-t", "30", "start"]);
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

function postgresBin(): string {
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    const debian = "/usr/lib/postgresql";
    const found = existsSync(debian) ? execFileSync("ls", [debian], { encoding: "utf8" }).trim().split("\n").sort().at(-1) : undefined;
    if (found && existsSync(join(debian, found, "bin", "initdb"))) return join(debian, found, "bin");
    throw new Error("test:postgres needs PostgreSQL (apt-get install postgresql) or DATABASE_URL pointing at a server.");
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
