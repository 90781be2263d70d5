/** `seed`: the group's public record, and with --demo a labelled sample cycle to try the charts on. */
import { DEMO_CYCLE_NAME, openDatabase, seedCoalition, seedDemo } from "@convene/db";
import { type CliContext, type CliIo, parseOptions } from "./io.ts";

export const seedUsage = "seed [--demo]   (--demo also adds a sample cycle, clearly labelled, for trying the charts)";

export async function seed(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { demo: { type: "boolean", default: false } });
  const { db } = await openDatabase(ctx.databasePath);
  try {
    const record = await seedCoalition(db);
    let line = `Loaded the group's public record into ${ctx.databasePath}: ${record.organisationsAdded} organisations and ${record.themesAdded} themes added, ${record.milestonesAdded} milestones of its history added (what was there already is kept)`;
    if (values.demo) {
      const demo = await seedDemo(db);
      line += demo.created
        ? `; added "${DEMO_CYCLE_NAME}" with ${demo.goalsAdded} sample goals and ${demo.updatesAdded} backdated updates.`
        : `; "${DEMO_CYCLE_NAME}" was already there, so nothing was added to it.`;
    } else line += ".";
    io.stdout.write(`${line}\n`);
  } finally {
    await db.destroy();
  }
}
