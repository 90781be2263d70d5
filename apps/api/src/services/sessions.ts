/**
 * A person's own sessions: the list they see, ending one or all the others, the idle and
 * absolute limits, and the audit entry each ending leaves. Session rows belong to Better Auth,
 * so they are read and ended through its internal adapter (never by SQL of ours), and each
 * ending is written to the audit log straight after. Better Auth's own writes cannot join one
 * of our transactions (on SQLite they would wait on each other), so these take the database,
 * not a transaction handle.
 */
import { type Actor, type Db, recordAudit } from "@convene/db";
import { describeDevice, maskAddress } from "@convene/domain";
import type { Auth } from "../auth.ts";

export interface SessionLimits {
  /** A session unused for this long ends (SESSION_IDLE_HOURS). */
  idleHours: number;
  /** A session ends this long after sign-in however much it is used (SESSION_DAYS). */
  days: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleHours: 8, days: 14 };

/** How often "last used" is written: each request writing it would double the database's work for nothing. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface SessionDeps {
  db: Db;
  auth: Auth;
}

export type SessionEndReason = "signed_out_here" | "signed_out_elsewhere" | "password_changed" | "idle" | "expired";

/** The fields of a session row we use; Better Auth gives dates as Date objects on both engines. */
interface SessionRecord {
  id: string;
  token: string;
  userId: string;
  createdAt: Date | string;
  updatedAt: Date | string;
  expiresAt: Date | string;
  ipAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
}

const SYSTEM: Actor = { id: null, name: "Convene" };

async function sessionsOf(auth: Auth, userId: string): Promise<SessionRecord[]> {
  const ctx = await auth.$context;
  return (await ctx.internalAdapter.listSessions(userId)) as SessionRecord[];
}

export type Which = { only: string[] } | { allBut: string };

/**
 * The one place Convene ends sessions (Better Auth's own sign-out aside): by id, or all of a
 * person's sessions but one. Returns how many ended. A cache of sessions in front of Better
 * Auth should drop the ended tokens here.
 */
export async function endSessions(
  deps: SessionDeps,
  userId: string,
  which: Which,
  actor: Actor,
  reason: SessionEndReason,
): Promise<number> {
  const ctx = await deps.auth.$context;
  const all = await sessionsOf(deps.auth, userId);
  const ending = all.filter((s) => ("only" in which ? which.only.includes(s.id) : s.id !== which.allBut));
  for (const s of ending) {
    await ctx.internalAdapter.deleteSession(s.token);
    await recordAudit(deps.db, {
      actor,
      action: "session_end",
      entity: "session",
      entityId: s.id,
      after: { userId, reason, device: describeDevice(s.userAgent) },
    });
  }
  return ending.length;
}

export interface SessionView {
  id: string;
  device: string;
  /** The address masked to its /24 (IPv4) or /48 (IPv6); null when unknown. */
  address: string | null;
  signedInAt: string;
  lastUsedAt: string;
  current: boolean;
}

/** My sessions still running, this one first, then the most recently used. */
export async function mySessions(deps: SessionDeps, userId: string, currentId: string | null, now: Date): Promise<SessionView[]> {
  const rows = await sessionsOf(deps.auth, userId);
  return rows
    .filter((s) => new Date(s.expiresAt) > now)
    .map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      address: maskAddress(s.ipAddress),
      signedInAt: new Date(s.createdAt).toISOString(),
      lastUsedAt: new Date(s.updatedAt).toISOString(),
      current: s.id === currentId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
}

/**
 * Checked on every signed-in request: a session idle too long, or older than the absolute
 * limit, ends here (audited) and the request goes on as anonymous; a live one has its "last
 * used" moved on. Better Auth keeps the absolute limit too (its expiresAt); checking it here
 * as well lets tests drive it with the same clock as the idle one.
 */
export async function keepSessionAlive(deps: SessionDeps, limits: SessionLimits, session: SessionRecord, now: Date): Promise<boolean> {
  const lastUsed = new Date(session.updatedAt).getTime();
  const reason: SessionEndReason | null =
    now.getTime() - new Date(session.createdAt).getTime() >= limits.days * 24 * 3600 * 1000
      ? "expired"
      : now.getTime() - lastUsed >= limits.idleHours * 3600 * 1000
        ? "idle"
        : null;
  if (reason) {
    await endSessions(deps, session.userId, { only: [session.id] }, SYSTEM, reason);
    return false;
  }
  if (now.getTime() - lastUsed >= TOUCH_EVERY_MS) {
    const ctx = await deps.auth.$context;
    await ctx.internalAdapter.updateSession(session.token, { updatedAt: now });
  }
  return true;
}
