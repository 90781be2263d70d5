/** Test helpers for the admin commands: a temporary database folder and streams that record what was written. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { isPostgresLocation } from "@convene/db";
import { freshTestDatabase } from "@convene/db/test-support";
import type { CliContext, CliIo } from "./io.ts";

export const PUBLIC_URL = "http://convene.test";

export interface RecordedIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** Streams for one command run; `input` is what arrives on standard input (piped, not a terminal). */
export function recordedIo(input = ""): RecordedIo {
  let out = "";
  let err = "";
  return {
    stdin: Readable.from([input]),
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

export const TEST_SECRET = "a test secret that is at least 32 characters long";

/**
 * A fresh folder for files, and a database of the test's own: a file in that folder on SQLite,
 * a new database on PostgreSQL (npm run test:postgres). Remove the folder with `cleanup`.
 */
export async function tempContext(): Promise<CliContext & { dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "convene-admin-test-"));
  return {
    dir,
    databasePath: await freshTestDatabase(dir),
    secret: TEST_SECRET,
    cwd: dir,
    publicUrl: PUBLIC_URL,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment that points a spawned command at `database`, on either engine. */
export function databaseEnv(database: string): Record<string, string> {
  return isPostgresLocation(database) ? { DATABASE_URL: database } : { DATABASE_PATH: database };
}
