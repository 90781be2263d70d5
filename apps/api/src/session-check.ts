/**
 * The per-request session check, cheap enough for every signed-in request.
 *
 * Better Auth's getSession costs about 1.3 ms CPU a request, almost all of it framework around one
 * database read. Its cookie cache would skip the read, but then a session signed out, an account
 * disabled or a password changed on one instance would stay valid on the others until the cache
 * cookie expired. So the read stays and everything around it goes:
 * - the cookie's HMAC signature is checked once per distinct cookie value (kept in memory,
 *   bounded): a forged or stale cookie is never looked up;
 * - the session and its user are read in one indexed lookup (`findSessionUser`) on every request.
 *   Every revocation Better Auth or Convene makes (sign-out, disabling an account, a password
 *   change or reset, expiry) deletes or changes those rows, so the very next request on any
 *   instance sees it: there is no cache of the answer to invalidate, and no revocation path to
 *   forget.
 * - Better Auth itself still answers when the session is due its daily refresh (it moves the
 *   expiry on, as before) or has expired (it removes the row).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { findSessionUser } from "@convene/db";
import { type Role, twoFactorMissing } from "@convene/domain";
import { parse } from "hono/utils/cookie";
import type { Kysely } from "kysely";
import type { Auth } from "./auth.ts";
import type { SessionUser } from "./context.ts";

/** Enough distinct cookies for every person signed in on a busy instance; beyond it the set starts afresh. */
const MAX_VERIFIED = 10_000;

interface Checker {
  cookieName: string;
  secret: string;
  /** A session refreshed less than this long ago needs no refresh: expiresIn − updateAge, in ms. */
  refreshAfterMs: number;
  authDb: Kysely<any>;
  /** Signed cookie value → its token, for values whose signature has been checked. */
  verified: Map<string, string>;
}

const checkers = new WeakMap<Auth, Promise<Checker>>();

function checkerFor(auth: Auth): Promise<Checker> {
  let checker = checkers.get(auth);
  if (!checker) {
    checker = auth.$context.then((ctx) => ({
      cookieName: ctx.authCookies.sessionToken.name,
      secret: ctx.secret,
      refreshAfterMs: (ctx.sessionConfig.expiresIn - ctx.sessionConfig.updateAge) * 1000,
      authDb: (auth.options.database as { db: Kysely<any> }).db,
      verified: new Map(),
    }));
    checkers.set(auth, checker);
  }
  return checker;
}

/** The token inside a signed cookie value (`token.base64(HMAC-SHA256)`, as Better Auth signs it), or null. */
function tokenOf(checker: Checker, value: string): string | null {
  const known = checker.verified.get(value);
  if (known) return known;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", checker.secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (checker.verified.size >= MAX_VERIFIED) checker.verified.clear();
  checker.verified.set(value, token);
  return token;
}

function userOf(u: {
  id: string;
  name: string;
  email: string;
  role?: string | null;
  organisationId?: unknown;
  banned?: unknown;
}): SessionUser | null {
  if (u.banned) return null;
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: (u.role ?? "observer") as Role,
    organisationId: (u.organisationId as number | null | undefined) ?? null,
  };
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

export interface FoundSession {
  /** Null for a disabled account. */
  user: SessionUser | null;
  session: SessionRow["session"];
  /** The person must set up two-factor sign-in before anything but setting it up (domain two-factor.ts). */
  twoFactorMissing: boolean;
}

function missingFor(user: SessionUser | null, row: SessionRow): boolean {
  return (
    user !== null &&
    twoFactorMissing({ role: user.role, requiredOfEveryone: row.twoFactorForEveryone, hasTotp: row.hasTotp, hasPasskey: row.hasPasskey })
  );
}

/** The signed-in person and their session, or null for anonymous, signed-out or expired: what every request's session check needs. */
export async function sessionOf(headers: Headers, auth: Auth): Promise<FoundSession | null> {
  const checker = await checkerFor(auth);
  const cookies = headers.get("cookie");
  const value = cookies ? parse(cookies, checker.cookieName)[checker.cookieName] : undefined;
  if (!value) return null;
  const token = tokenOf(checker, value);
  if (!token) return null;
  const row = await findSessionUser(checker.authDb, token);
  if (!row) return null;
  const now = Date.now();
  const expires = row.expiresAt.getTime();
  if (expires > now && expires - checker.refreshAfterMs > now) {
    const user = userOf({ id: row.userId, ...row });
    return { user, session: row.session, twoFactorMissing: missingFor(user, row) };
  }
  // Due its refresh, or expired: Better Auth's own check moves the expiry on or removes the row.
  const found = await auth.api.getSession({ headers });
  if (!found) return null;
  const s = found.session;
  const user = userOf(found.user);
  // The refresh changes only the session's dates: the two-factor facts read above still hold.
  return {
    user,
    twoFactorMissing: missingFor(user, row),
    session: {
      id: s.id,
      token: s.token,
      userId: s.userId,
      createdAt: new Date(s.createdAt),
      updatedAt: new Date(s.updatedAt),
      expiresAt: new Date(s.expiresAt),
    },
  };
}

export async function sessionUser(headers: Headers, auth: Auth): Promise<SessionUser | null> {
  return (await sessionOf(headers, auth))?.user ?? null;
}
