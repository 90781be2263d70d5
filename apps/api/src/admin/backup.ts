/**
 * `backup`: a consistent copy of the live database, safe while the server is running: SQLite's
 * online backup of the file, or on PostgreSQL `pg_dump` (its custom format, which `pg_restore`
 * reads).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { isPostgresLocation, openDatabase, redactedLocation } from "@convene/db";
import { type CliContext, CliError, type CliIo, parseOptions } from "./io.ts";

export const backupUsage = "backup --to FILE [--force]   (--force replaces an existing FILE)";

export async function backup(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { to: { type: "string" }, force: { type: "boolean", default: false } });
  if (!values.to) throw new CliError("--to FILE is required: where to write the copy.", 2);
  const target = resolve(ctx.cwd, values.to);
  if (isPostgresLocation(ctx.databasePath)) return dumpPostgres(ctx.databasePath, target, values.force === true, io);
  const source = resolve(ctx.cwd, ctx.databasePath);
  if (!existsSync(source)) throw new CliError(`There is no database at ${source} to back up.`);
  if (target === source) throw new CliError("--to: that is the database itself; choose another file.", 2);
  if (existsSync(target) && !values.force)
    throw new CliError(`${target} already exists; choose another file, or add --force to replace it.`);

  const { db, sqlite } = await openDatabase(source);
  if (!sqlite) throw new CliError(`${source} is not a SQLite file.`);
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

async function dumpPostgres(url: string, target: string, force: boolean, io: CliIo): Promise<void> {
  if (existsSync(target) && !force) throw new CliError(`${target} already exists; choose another file, or add --force to replace it.`);
  // Opening checks the address, the server and the migration level, with the same messages as start-up.
  const opened = await openDatabase(url, { migrate: false, poolSize: 1 });
  await opened.close();
  const partial = `${target}.partial`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    await promisify(execFile)(await pgTool("pg_dump"), ["--format=custom", "--no-owner", `--file=${partial}`, `--dbname=${url}`]);
    renameSync(partial, target);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new CliError(`pg_dump failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  } finally {
    rmSync(partial, { force: true });
  }
  io.stdout.write(
    `Backed up ${redactedLocation(url)} to ${target} (${formatSize(statSync(target).size)}; restore with pg_restore --dbname=… ${target}).\n`,
  );
}

/** A PostgreSQL client program: from pg_config's folder when it is there (Debian), else from PATH. */
export async function pgTool(name: "pg_dump" | "pg_restore"): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)("pg_config", ["--bindir"]);
    const candidate = join(stdout.trim(), name);
    if (existsSync(candidate)) return candidate;
  } catch {
    // no pg_config: rely on PATH
  }
  return name;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
