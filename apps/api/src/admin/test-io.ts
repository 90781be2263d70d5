/** Test helpers for the admin commands: a temporary database folder and streams that record what was written. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
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

/** A fresh folder holding the database; remove it with `cleanup`. */
export function tempContext(): CliContext & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "convene-admin-test-"));
  return {
    dir,
    databasePath: join(dir, "convene.db"),
    cwd: dir,
    publicUrl: PUBLIC_URL,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
