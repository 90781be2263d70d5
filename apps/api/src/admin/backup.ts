/** `backup`: a consistent copy of the live database, safe while the server is running. */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openDatabase } from "@convene/db";
import { type CliContext, CliError, type CliIo, parseOptions } from "./io.ts";

export const backupUsage = "backup --to FILE [--force]   (--force replaces an existing FILE)";

export async function backup(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { to: { type: "string" }, force: { type: "boolean", default: false } });
  if (!values.to) throw new CliError("--to FILE is required: where to write the copy.", 2);
  const source = resolve(ctx.cwd, ctx.databasePath);
  const target = resolve(ctx.cwd, values.to);
  if (!existsSync(source)) throw new CliError(`There is no database at ${source} to back up.`);
  if (target === source) throw new CliError("--to: that is the database itself; choose another file.", 2);
  if (existsSync(target) && !values.force)
    throw new CliError(`${target} already exists; choose another file, or add --force to replace it.`);

  const { db, sqlite } = await openDatabase(source);
  // Written beside the target and renamed into place, so a failed backup never leaves half a file
  // where a good one was.
  const partial = `${target}.partial`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    rmSync(partial, { force: true });
    await sqlite.backup(partial);
    // A leftover write-ahead log from an old file at the target would be replayed into the copy.
    for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
    await db.destroy();
  }
  io.stdout.write(`Backed up ${source} to ${target} (${formatSize(statSync(target).size)}).\n`);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
