/**
 * Sign-in, sessions and accounts through Better Auth: email + password, server-side sessions
 * in an HttpOnly SameSite cookie, rate-limited sign-in, and the admin plugin's "banned" flag
 * as our "disabled account". Self sign-up is off: people join by invitation or the admin CLI.
 */
import { createHash, randomBytes } from "node:crypto";
import { passkey } from "@better-auth/passkey";
import type { Engine } from "@convene/db";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@convene/domain";
import { betterAuth } from "better-auth";
import { admin, twoFactor } from "better-auth/plugins";
import { adminAc, userAc } from "better-auth/plugins/admin/access";
import type { Kysely } from "kysely";
import { type AuthEvent, authEventHooks } from "./auth-audit.ts";
import { cookieSettings } from "./transport.ts";

export interface AuthOptions {
  /** The database Better Auth keeps users, sessions and rate-limit counts in (OpenedDatabase.authDb). */
  db: Kysely<any>;
  engine: Engine;
  secret: string;
  baseURL?: string | undefined;
  /** Where browsers may send mutating requests from (the dashboard's own origin, Vite in dev). */
  trustedOrigins: string[];
  /**
   * How passwords are hashed. Production leaves this unset (Better Auth's scrypt); the API and
   * browser tests pass `fastTestPasswordHasher`, because scrypt per test user dominated the
   * suite's time and made it fail on a busy machine.
   */
  passwordHasher?: PasswordHasher;
  /** The absolute session limit in days (SESSION_DAYS); the idle one is checked in context.ts. */
  sessionDays?: number;
  /** Told of every sign-in, failed sign-in, sign-out and password change, for the audit log. */
  onAuthEvent?: (event: AuthEvent) => Promise<void>;
}

export interface PasswordHasher {
  hash: (password: string) => Promise<string>;
  verify: (input: { hash: string; password: string }) => Promise<boolean>;
}

/** A cheap, salted hash for tests only: never pass it outside a test. */
export const fastTestPasswordHasher: PasswordHasher = {
  hash: async (password) => {
    const salt = randomBytes(8).toString("hex");
    return `test:${salt}:${createHash("sha256")
      .update(salt + password)
      .digest("hex")}`;
  },
  verify: async ({ hash, password }) => {
    const [scheme, salt, digest] = hash.split(":");
    return scheme === "test" && createHash("sha256").update(`${salt}${password}`).digest("hex") === digest;
  },
};

/** The header our server sets from the TCP connection, so rate limiting knows the client. */
export const CLIENT_IP_HEADER = "x-convene-client-ip";

export const SESSION_DAYS = 14;

export function createAuth(o: AuthOptions) {
  return betterAuth({
    appName: "Convene",
    basePath: "/api/auth",
    baseURL: o.baseURL,
    secret: o.secret,
    trustedOrigins: o.trustedOrigins,
    database: { db: o.db, type: o.engine },
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      ...(o.passwordHasher ? { password: o.passwordHasher } : {}),
    },
    // No sliding refresh: a session ends SESSION_DAYS after sign-in however much it is used; the
    // idle limit moves with use instead (services/sessions.ts keepSessionAlive).
    session: { expiresIn: (o.sessionDays ?? SESSION_DAYS) * 24 * 60 * 60, disableSessionRefresh: true },
    hooks: authEventHooks(o.onAuthEvent),
    user: {
      additionalFields: {
        organisationId: { type: "number", required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      // In the database, so that every API instance on one database counts the same attempts.
      storage: "database",
      window: 60,
      max: 100,
      // Sign-in has its own limit, per account and address (sign-in-limit.ts), ahead of this handler.
      customRules: { "/sign-in/email": false },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // HttpOnly, SameSite=Lax; over https also Secure with the __Host- prefix (transport.ts).
      ...cookieSettings(o.baseURL),
      // Better Auth turns its origin check off when NODE_ENV is "test"; keep it on so tests see what production does.
      disableOriginCheck: false,
    },
    plugins: [
      admin({
        adminRoles: ["convenor"],
        defaultRole: "member",
        roles: { convenor: adminAc, member: userAc, observer: userAc },
        bannedUserMessage: "This account has been disabled. Ask the convenor if you need it back.",
      }),
      // TOTP (an authenticator app) with ten one-time backup codes, for a stolen password alone to open nothing.
      twoFactor({ issuer: "Convene" }),
      // Passkeys (WebAuthn), bound to PUBLIC_URL: its host is the relying party, and only the
      // dashboard's own origins may answer a challenge. Without PUBLIC_URL (local use) the plugin
      // takes localhost and the request's Origin, which Better Auth has already checked.
      passkey({
        rpName: "Convene",
        ...(o.baseURL ? { rpID: new URL(o.baseURL).hostname, origin: o.trustedOrigins } : {}),
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
