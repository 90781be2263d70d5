/** What every request can reach through `c.var`: the database, Better Auth and the signed-in user. */
import type { Actor, Db } from "@convene/db";
import { type DormancySettings, type Role, TWO_FACTOR_REQUIRED_MESSAGE, type Viewer } from "@convene/domain";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AnswerCache } from "./answer-cache.ts";
import type { Auth } from "./auth.ts";
import { ApiError } from "./errors.ts";
import type { MailHealth } from "./services/delivery/worker.ts";
import { keepSessionAlive, type SessionLimits } from "./services/sessions.ts";
import { sessionOf } from "./session-check.ts";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: number | null;
}

export interface AppDeps {
  db: Db;
  auth: Auth;
  publicUrl: string | undefined;
  /** Overview and compare answers kept in memory; null (or absent) keeps none. */
  answers?: AnswerCache | null;
  /** Whether SMTP_URL and MAIL_FROM were given, so email is sent. */
  mailEnabled?: boolean;
  /** The delivery worker, as routes may reach it: its mail server's last state, and a run now. */
  delivery?: { health(): MailHealth; wake(): void } | undefined;
  /** Signs and checks the unsubscribe links in emails (services/delivery/unsubscribe.ts). */
  unsubscribeKey: Buffer;
  /** The idle and absolute session limits (SESSION_IDLE_HOURS, SESSION_DAYS). */
  sessionLimits: SessionLimits;
  /** When unused accounts are warned and disabled (DORMANT_MONTHS, DORMANT_WARNING_DAYS). */
  dormancy: DormancySettings;
  /** The time now; tests pass their own to drive the idle timeout without waiting. */
  clock: () => Date;
  /**
   * Whether people who must have two-factor sign-in (domain two-factor.ts) are held back until
   * they set it up. Always true in a running server: createConvene has no switch for it and no
   * environment variable reaches it. Only test support sets it false (see test-support.ts).
   */
  enforceTwoFactor: boolean;
}

export type AppBindings = {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
    sessionId: string | null;
    /** Signed in, must have two-factor sign-in and has neither an authenticator app nor a passkey. */
    twoFactorMissing: boolean;
  };
};

export const withDeps = (deps: AppDeps) =>
  createMiddleware<AppBindings>(async (c, next) => {
    c.set("deps", deps);
    await next();
  });

/** Reads the session cookie once per request (see session-check.ts); anonymous requests carry `user: null`. */
export const withSession = createMiddleware<AppBindings>(async (c, next) => {
  const { deps } = c.var;
  const found = await sessionOf(c.req.raw.headers, deps.auth);
  // A session past its idle or absolute limit ends here and the request is anonymous.
  const alive = found !== null && (await keepSessionAlive(deps, deps.sessionLimits, found.session, deps.clock()));
  c.set("sessionId", alive ? found.session.id : null);
  c.set("user", alive ? found.user : null);
  const missing = alive && deps.enforceTwoFactor && found.twoFactorMissing;
  c.set("twoFactorMissing", missing);
  // Checked here once for every route, so that no route can forget it. Better Auth's own routes
  // (sign-out, two-factor and passkey set-up) are answered before this middleware runs.
  if (missing && !openWithoutTwoFactor(c.req.path)) throw new ApiError(403, "two_factor_required", TWO_FACTOR_REQUIRED_MESSAGE);
  await next();
});

/**
 * What a person held back by two-factor may still reach: who they are (the dashboard's shell
 * reads it to send them to set-up), their sessions, and what anyone without an account may
 * reach anyway.
 */
// Their own sessions too: ending a session on a stolen laptop must never wait for set-up.
const OPEN_PATHS = [
  "/api/me",
  "/api/sessions",
  "/api/health",
  "/api/public",
  "/api/openapi.json",
  "/api/docs",
  "/api/answer-links",
  "/api/unsubscribe",
];

export function openWithoutTwoFactor(path: string): boolean {
  return OPEN_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

type AnyContext = Context<AppBindings, any, any>;

export function viewerOf(c: AnyContext): Viewer {
  return c.var.user?.role ?? "anonymous";
}

export function signedIn(c: AnyContext): SessionUser {
  const user = c.var.user;
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in to continue.");
  return user;
}

export function convenorOnly(c: AnyContext): SessionUser {
  const user = signedIn(c);
  if (user.role !== "convenor") throw new ApiError(403, "forbidden", "Only the convenor can do this.");
  return user;
}

/**
 * Runs one write, its checks included, in one transaction: it commits whole or not at all.
 * Services take the transaction they are handed and never open their own, so one write can be
 * built from several (a meeting decision that creates a goal).
 */
export function inTransaction<T>(c: AnyContext, work: (trx: Db) => Promise<T>): Promise<T> {
  return c.var.deps.db.transaction().execute(work);
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, name: user.name };
}
