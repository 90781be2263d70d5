/** The admin command line's dispatcher: picks the command, prints usage, turns failures into one line and an exit code. */
import { backup, backupUsage } from "./backup.ts";
import { copyDatabaseCommand, copyDatabaseUsage } from "./copy-database.ts";
import { createUser, createUserUsage } from "./create-user.ts";
import { dormant, dormantUsage } from "./dormant.ts";
import { type CliContext, CliError, type CliIo } from "./io.ts";
import { rebuildProgress, rebuildProgressUsage } from "./rebuild-progress.ts";
import { restore, restoreUsage } from "./restore.ts";
import { seed, seedUsage } from "./seed.ts";

const commands: Record<string, (argv: string[], io: CliIo, ctx: CliContext) => Promise<void>> = {
  "create-user": createUser,
  backup,
  seed,
  restore,
  "copy-database": copyDatabaseCommand,
  "rebuild-progress": rebuildProgress,
  dormant,
};

export const usage = `Convene admin command line. Uses the same database as the server (DATABASE_URL, else DATABASE_PATH).

Usage: npm run admin -- <command> [options]

  ${createUserUsage}
  ${backupUsage}
  ${seedUsage}
  ${restoreUsage}
  ${copyDatabaseUsage}
  ${rebuildProgressUsage}
  ${dormantUsage}
  help

Example: echo 'a long password' | npm run admin -- create-user --email ana@example.org --name "Ana" --role member --org peace-direct
`;

/** Runs one command and returns the process exit code: 0 done, 1 failed, 2 bad usage. */
export async function runCli(argv: string[], io: CliIo, ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(usage);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    io.stderr.write(`${name === undefined ? "" : `Unknown command "${name}".\n\n`}${usage}`);
    return 2;
  }
  try {
    await command(rest, io, ctx);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`Error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`Error: ${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
