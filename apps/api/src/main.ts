/**
 * `npm start`: one Node process serving the dashboard and the API on one port. Standard output
 * carries JSON log lines (pino); the few lines meant for the person who started it (where it
 * runs, the first convenor's setup link) go to standard error. A problem with the environment or
 * the database stops it with one line and exit code 1, before anything is written.
 */
import { DatabaseProblem } from "@convene/db";
import { parseTrustedProxies } from "./client-address.ts";
import { type AppEnv, readEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { createConvene, listen } from "./server.ts";
import { linkFor, setupLinkToken } from "./services/accounts.ts";

function fail(message: string): never {
  process.stderr.write(`Convene cannot start: ${message}\n`);
  process.exit(1);
}

let env: AppEnv;
try {
  env = readEnv();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const logger = createLogger(env.LOG_LEVEL);
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
let convene: Awaited<ReturnType<typeof createConvene>>;
try {
  convene = await createConvene({
    databasePath: env.database,
    secret: env.AUTH_SECRET,
    publicUrl,
    webDist: env.WEB_DIST,
    sessionLimits: { idleHours: env.SESSION_IDLE_HOURS, days: env.SESSION_DAYS },
    dormancy: { months: env.DORMANT_MONTHS, warningDays: env.DORMANT_WARNING_DAYS },
    extraOrigins: env.NODE_ENV === "development" ? ["http://localhost:5173", "http://127.0.0.1:5173"] : [],
    logger,
    mail: env.SMTP_URL && env.MAIL_FROM ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    trustProxy: env.TRUST_PROXY ? parseTrustedProxies(env.TRUST_PROXY) : undefined,
  });
} catch (error) {
  if (error instanceof DatabaseProblem) fail(error.message);
  throw error;
}
let server: Awaited<ReturnType<typeof listen>>;
try {
  server = await listen(convene.app, env.PORT, env.HOST);
} catch (error) {
  await convene.close();
  fail(`cannot listen on ${env.HOST}:${env.PORT}: ${error instanceof Error ? error.message : String(error)}`);
}
logger.info({ url: publicUrl, port: server.port, engine: convene.engine, database: convene.databaseLabel }, "listening");

const say = (line: string) => process.stderr.write(`${line}\n`);
say(`Convene is running at ${publicUrl}`);
say(`  database: ${convene.databaseLabel}`);
if (env.TRUST_PROXY) say(`  client addresses: from X-Forwarded-For when sent by ${parseTrustedProxies(env.TRUST_PROXY).description}`);
say(env.SMTP_URL ? `  email: on, from ${env.MAIL_FROM}` : "  email: off (set SMTP_URL and MAIL_FROM to send email)");
if (convene.seeded)
  say(`  loaded the group's public record: ${convene.seeded.organisationsAdded} organisations, ${convene.seeded.themesAdded} themes`);
if (!convene.servesDashboard) say("  the dashboard is not built (run `npm run build`); serving the API only");
const token = await setupLinkToken(convene.db);
if (token) {
  say("\nNo convenor account exists yet. Open this one-time link to create it (valid for 7 days):");
  say(`  ${linkFor(publicUrl, "setup", token)}\n`);
}

/** SIGTERM/SIGINT: stop accepting, let requests in flight finish (10 s at most), close the database. */
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const deadline = setTimeout(() => {
    logger.warn("requests still running after 10 s; exiting anyway");
    process.exit(1);
  }, 10_000);
  deadline.unref();
  await server.close();
  await convene.close();
  logger.info("stopped");
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
