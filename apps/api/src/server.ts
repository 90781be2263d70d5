/** Builds a running Convene from a database location: used by `npm start`, the browser tests and the benchmark. */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Db, type Engine, ensureStoredProgress, isPostgresLocation, openDatabase, seedIfEmpty, withStartupLock } from "@convene/db";
import { DEFAULT_DORMANCY, type DormancySettings } from "@convene/domain";
import { serve } from "@hono/node-server";
import { AnswerCache } from "./answer-cache.ts";
import { createApp } from "./app.ts";
import { type Auth, type AuthOptions, createAuth } from "./auth.ts";
import { auditAuthEvent } from "./auth-audit.ts";
import type { TrustedProxies } from "./client-address.ts";
import type { AppDeps } from "./context.ts";
import type { Logger } from "./logger.ts";
import { loadOrCreateSecret } from "./secret.ts";
import { type MailSettings, smtpMailer } from "./services/delivery/mailer.ts";
import { unsubscribeKey } from "./services/delivery/unsubscribe.ts";
import { createDeliveryWorker } from "./services/delivery/worker.ts";
import { dormancySweeper } from "./services/dormancy-sweeper.ts";
import { scanReminders } from "./services/reminders.ts";
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from "./services/sessions.ts";
import type { SignInLimit } from "./sign-in-limit.ts";

export interface ConveneOptions {
  /** The database: a SQLite file path (":memory:" for a private one) or a postgres:// address. */
  databasePath: string;
  /** The session-signing secret (AUTH_SECRET); by default the file beside a SQLite database. */
  secret?: string | undefined;
  publicUrl?: string | undefined;
  webDist?: string | undefined;
  /** Extra origins allowed to post (Vite's dev server). */
  extraOrigins?: string[];
  signInLimit?: SignInLimit;
  /** Tests only: see `fastTestPasswordHasher`. */
  passwordHasher?: AuthOptions["passwordHasher"];
  /** One JSON line per request goes here; none without it (tests). */
  logger?: Logger | undefined;
  /** Idle and absolute session limits; by default 8 hours and 14 days. */
  sessionLimits?: SessionLimits | undefined;
  /** Tests only: the time now, to drive the session limits without waiting. */
  clock?: () => Date;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /** Keep overview and compare answers in memory (on unless false: the benchmark's uncached server). */
  cacheAnswers?: boolean;
  /** SMTP_URL and MAIL_FROM: email is sent only when these are given. */
  mail?: MailSettings | undefined;
  /** How often the delivery worker looks for due deliveries; 0 leaves it stopped (tests call deliverDue). */
  deliveryIntervalMs?: number;
  /** When unused accounts are warned and disabled; 12 months and 30 days by default. */
  dormancy?: DormancySettings | undefined;
  /** How often the server sweeps unused accounts; 0 never (tests and the admin command sweep themselves). Six hours unless the delivery worker is stopped. */
  dormancyIntervalMs?: number;
  /**
   * Tests only (test-support.ts, the browser tests): false lets a convenor without two-factor
   * sign-in through, so that test files need not set up an authenticator app for every
   * convenor they make. Never read from the environment: main.ts does not pass it.
   */
  enforceTwoFactor?: boolean;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client (client-address.ts); none by default. */
  trustProxy?: TrustedProxies | undefined;
}

export async function createConvene(o: ConveneOptions) {
  // On PostgreSQL a missing secret is refused before the database is touched; on SQLite the
  // secret file is made only once the database has opened and migrated cleanly.
  if (!o.secret && isPostgresLocation(o.databasePath)) loadOrCreateSecret(o.databasePath);
  const opened = await openDatabase(o.databasePath, { poolSize: o.poolSize });
  const secret = o.secret ?? loadOrCreateSecret(o.databasePath);
  const { db } = opened;
  let seeded: Awaited<ReturnType<typeof seedIfEmpty>>;
  try {
    // Instances starting together on one PostgreSQL database seed it once, not each, and build
    // the stored progress of a database migrated from before it existed once.
    seeded = await withStartupLock(db, async () => {
      const result = await seedIfEmpty(db);
      await ensureStoredProgress(db);
      return result;
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const trustedOrigins = [...(o.publicUrl ? [new URL(o.publicUrl).origin] : []), ...(o.extraOrigins ?? [])];
  const sessionLimits = o.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  const clock = o.clock ?? (() => new Date());
  const auth: Auth = createAuth({
    db: opened.authDb,
    engine: opened.engine,
    secret,
    baseURL: o.publicUrl,
    trustedOrigins,
    passwordHasher: o.passwordHasher,
    sessionDays: sessionLimits.days,
    onAuthEvent: (event) => auditAuthEvent({ db, auth }, event),
  });
  const deps: AppDeps = {
    db,
    auth,
    publicUrl: o.publicUrl,
    answers: o.cacheAnswers === false ? null : new AnswerCache(),
    mailEnabled: o.mail !== undefined,
    unsubscribeKey: unsubscribeKey(secret),
    sessionLimits,
    dormancy: o.dormancy ?? DEFAULT_DORMANCY,
    clock,
    enforceTwoFactor: o.enforceTwoFactor !== false,
  };
  const webDist = o.webDist && existsSync(join(o.webDist, "index.html")) ? o.webDist : undefined;
  const app = createApp(deps, { trustedOrigins, webDist, logger: o.logger, signInLimit: o.signInLimit, trustProxy: o.trustProxy });
  const delivery = createDeliveryWorker({
    db,
    mailer: o.mail ? smtpMailer(o.mail) : undefined,
    publicUrl: o.publicUrl ?? "http://localhost:8787",
    logger: o.logger,
    unsubscribeKey: deps.unsubscribeKey,
    scan: (now) => scanReminders(db, now),
    clock,
  });
  // Every few seconds, so an urgent alert's email leaves within moments of the alert being saved.
  deps.delivery = delivery;
  const interval = o.deliveryIntervalMs ?? 5_000;
  if (interval > 0) {
    delivery.start(interval);
    // Not awaited: a mail server that is down or wrongly named must not hold up start-up.
    void delivery.checkMailer();
  }
  const dormancy = dormancySweeper({ db, auth }, deps.dormancy, clock, o.logger);
  const sweepEvery = o.dormancyIntervalMs ?? (interval > 0 ? 6 * 60 * 60_000 : 0);
  if (sweepEvery > 0) dormancy.start(sweepEvery);
  return {
    app,
    db: db as Db,
    engine: opened.engine as Engine,
    /** The database as logs may name it (no password). */
    databaseLabel: opened.label,
    auth,
    deps,
    seeded,
    servesDashboard: webDist !== undefined,
    /** The outbox's worker: `deliverDue()` sends what is due now. */
    delivery,
    /** Stops the delivery worker (letting a send in progress finish), then closes the database. */
    close: async () => {
      await dormancy.stop();
      await delivery.stop();
      await opened.close();
    },
  };
}

/**
 * Listens on host:port (port 0 picks a free one) and resolves once it is accepting. `close`
 * stops accepting, lets requests in flight finish, then closes idle keep-alive connections.
 */
export function listen(app: ReturnType<typeof createApp>, port: number, hostname: string) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          }),
      });
    });
    server.on("error", reject);
  });
}

export { fastTestPasswordHasher } from "./auth.ts";
