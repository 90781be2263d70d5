import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@convene/db";
import { freshTestDatabase } from "@convene/db/test-support";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createConvene } from "./server.ts";
import { apiDir, serverCommand } from "./test-instance.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Starts `npm start`'s entry point with `env` and returns how it ended (it should not get as far as listening). */
function start(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !["DATABASE_URL", "DATABASE_PATH", "AUTH_SECRET"].includes(k)),
    );
    execFile(
      "node",
      serverCommand(),
      { cwd: apiDir, env: { ...clean, PORT: "0", HOST: "127.0.0.1", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("starting with a database it cannot use", () => {
  it("stops with one line and exit code 1 for a wrong address, an unreachable server and a newer database, writing nothing", async () => {
    dir = mkdtempSync(join(tmpdir(), "convene-start-"));

    const wrong = await start({ DATABASE_URL: "mysql://convene@localhost/convene" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      "Convene cannot start: Invalid environment: DATABASE_URL: must be a postgres:// address (postgres://user:password@host:5432/database)\n",
    );

    const unreachable = await start({ DATABASE_URL: "postgres://convene:hunter2-secret@127.0.0.1:9/convene", AUTH_SECRET: "x".repeat(32) });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe(
      "Convene cannot start: Cannot reach PostgreSQL at 127.0.0.1:9 (connection refused): start the server, or correct DATABASE_URL.\n",
    );

    const path = join(dir, "convene.db");
    const opened = await openDatabase(path);
    await opened.db
      .insertInto("kysely_migration" as never)
      .values({ name: "2099-01-01-01-future", timestamp: new Date().toISOString() } as never)
      .execute();
    await opened.close();
    const newer = await start({ DATABASE_PATH: path });
    expect(newer.code).toBe(1);
    expect(newer.stderr).toBe(
      `Convene cannot start: The database ${path} was migrated by a newer Convene (migration 2099-01-01-01-future); run that version, or upgrade this one.\n`,
    );
    expect(newer.stdout).toBe("");
    // Not seeded, and no secret made beside it.
    const file = new SQLite(path, { readonly: true });
    expect(file.prepare("select count(*) from organisations").pluck().get()).toBe(0);
    file.close();
    expect(readdirSync(dir)).not.toContain("convene-secret");
  }, 120_000);
});

describe("the health check", () => {
  it("answers 503 when the database cannot be reached", async () => {
    const convene = await createConvene({
      databasePath: await freshTestDatabase(),
      secret: "a test secret that is at least 32 characters long",
      publicUrl: "http://localhost:8787",
    });
    expect((await convene.app.request("/api/health")).status).toBe(200);
    await convene.close();
    const res = await convene.app.request("/api/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: "unavailable", message: "The database cannot be reached." } });
  });
});
