/**
 * `rebuild-progress`: recomputes every stored progress figure from the value history, in one
 * transaction, and bumps the answers' version so every running instance drops its cached answers.
 * Writes keep the figures up to date themselves; this is for after a restore by other means
 * (pg_restore of an old dump, a hand edit) or to check the upkeep.
 */
import { openDatabase, rebuildStoredProgress } from "@convene/db";
import { type CliContext, type CliIo, parseOptions } from "./io.ts";

export const rebuildProgressUsage = "rebuild-progress   (recomputes the stored progress figures from the history of updates)";

export async function rebuildProgress(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  parseOptions(argv, {});
  const { db } = await openDatabase(ctx.databasePath);
  try {
    const started = performance.now();
    const result = await db.transaction().execute((trx) => rebuildStoredProgress(trx));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `Rebuilt the stored progress of ${result.goals} goals in ${result.cycles} cycles from their history in ${seconds} s.\n`,
    );
  } finally {
    await db.destroy();
  }
}
