/** `npm run admin -- <command>`: see run.ts for the commands. */
import { readEnv } from "../env.ts";
import { runCli } from "./run.ts";

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv();
} catch (error) {
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
process.exitCode = await runCli(
  process.argv.slice(2),
  { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  {
    databasePath: env.database,
    secret: env.AUTH_SECRET,
    cwd: env.INIT_CWD ?? process.cwd(),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    dormancy: { months: env.DORMANT_MONTHS, warningDays: env.DORMANT_WARNING_DAYS },
  },
);
