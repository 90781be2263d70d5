/** `dormant`: lists unused accounts, or with --sweep warns and disables them as the server does every few hours. */
import { DEFAULT_DORMANCY } from "@convene/domain";
import { createConvene } from "../server.ts";
import { listDormant, sweepDormant } from "../services/personal-data.ts";
import { type CliContext, type CliIo, parseOptions } from "./io.ts";

export const dormantUsage =
  "dormant [--sweep]   (lists accounts unused for DORMANT_MONTHS; --sweep warns them and disables those warned DORMANT_WARNING_DAYS ago)";

export async function dormant(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { sweep: { type: "boolean" } });
  const settings = ctx.dormancy ?? DEFAULT_DORMANCY;
  const convene = await createConvene({
    databasePath: ctx.databasePath,
    secret: ctx.secret,
    publicUrl: ctx.publicUrl,
    deliveryIntervalMs: 0,
    dormancyIntervalMs: 0,
    dormancy: settings,
  });
  try {
    const now = ctx.now ?? new Date();
    if (values.sweep) {
      const run = await sweepDormant(convene, now, settings);
      io.stdout.write(`Warned ${run.warned} and disabled ${run.disabled} unused accounts.\n`);
    }
    const list = await listDormant(convene.db, now, settings);
    if (list.length === 0) {
      io.stdout.write(`No account has gone unused for ${settings.months} months.\n`);
      return;
    }
    for (const a of list) {
      const state =
        a.state === "warned"
          ? `warned, disabled after ${a.disablesAt?.slice(0, 10)}`
          : a.state === "due_warning"
            ? "to be warned"
            : "to be disabled";
      io.stdout.write(`${a.name} <${a.email}>: last used ${a.lastUsedAt.slice(0, 10)}, ${state}\n`);
    }
  } finally {
    await convene.close();
  }
}
