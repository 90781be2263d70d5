/** `copy-database`: the whole database into a new, empty one, on either engine (SQLite ↔ PostgreSQL). */
import { resolve } from "node:path";
import { copyDatabase, DatabaseProblem, isPostgresLocation, redactedLocation } from "@convene/db";
import { type CliContext, CliError, type CliIo, parseOptions } from "./io.ts";

export const copyDatabaseUsage =
  "copy-database --to postgres://…|FILE   (the whole database, into a new empty one; checked table by table)";

export async function copyDatabaseCommand(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { to: { type: "string" } });
  if (!values.to) throw new CliError("--to is required: a postgres:// address or a SQLite file to copy the database into.", 2);
  const target = isPostgresLocation(values.to) ? values.to : resolve(ctx.cwd, values.to);
  const source = isPostgresLocation(ctx.databasePath) ? ctx.databasePath : resolve(ctx.cwd, ctx.databasePath);
  if (target === source) throw new CliError("--to: that is the database itself; choose another.", 2);
  try {
    const { tables } = await copyDatabase(source, target);
    const width = Math.max(...tables.map((t) => t.table.length));
    for (const t of tables)
      io.stdout.write(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(7)} rows  sha256 ${t.checksum.slice(0, 16)}\n`);
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    io.stdout.write(
      `Copied ${rows} rows in ${tables.length} tables from ${redactedLocation(source)} to ${redactedLocation(target)}; every table's row count and checksum match.\n`,
    );
  } catch (error) {
    if (error instanceof DatabaseProblem) throw new CliError(error.message);
    throw error;
  }
}
