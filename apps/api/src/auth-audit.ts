/**
 * Every sign-in, failed sign-in and sign-out goes into the audit log, and a password change
 * ends the person's other sessions (whatever the client asked). Better Auth tells us through
 * its before/after hooks; the audit writes happen after its own endpoint has finished, so they
 * never wait on one of its writes.
 */
import { type Db, devicesSignedInFrom, recordAudit } from "@convene/db";
import { describeDevice, maskAddress } from "@convene/domain";
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import type { Auth } from "./auth.ts";
import { notifyNewSignIn } from "./services/notifications.ts";
import { endSessions } from "./services/sessions.ts";

interface Who {
  userId: string;
  name: string;
  sessionId: string;
}

export type AuthEvent =
  | ({ kind: "sign_in"; userAgent: string | null; ipAddress: string | null } & Who)
  | { kind: "sign_in_failed"; email: string; code: string }
  | ({ kind: "sign_out" } & Who)
  | ({ kind: "password_changed" } & Who)
  | { kind: "two_factor"; userId: string; name: string; change: "setup_started" | "disabled" | "passkey_added" | "passkey_removed" };

/** The endpoints that finish a sign-in: the password alone, the second step when two-factor is on, or a passkey. */
const SIGN_IN_STEPS = new Set([
  "/sign-in/email",
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
  "/passkey/verify-authentication",
]);
/** Adding or removing a passkey changes how the account can be opened, as two-factor does. */
const PASSKEY_CHANGES: Record<string, "passkey_added" | "passkey_removed"> = {
  "/passkey/verify-registration": "passkey_added",
  "/passkey/delete-passkey": "passkey_removed",
};

/** Better Auth's hooks that report the events above; none without a listener. */
export function authEventHooks(onEvent: ((event: AuthEvent) => Promise<void>) | undefined) {
  if (!onEvent) return {};
  return {
    // Sign-out deletes the session before any after-hook runs, so who it was is read first.
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-out") return;
      const found = await getSessionFromCtx(ctx);
      if (found) await onEvent({ kind: "sign_out", userId: found.user.id, name: found.user.name, sessionId: found.session.id });
    }),
    after: createAuthMiddleware(async (ctx) => {
      const returned: unknown = ctx.context.returned;
      if (SIGN_IN_STEPS.has(ctx.path)) {
        const made = ctx.context.newSession;
        // With two-factor on, the password step makes no session yet: the code step is the sign-in.
        // (Better Auth's two-factor hook swaps the answer after ours runs, so the user's flag is what tells.)
        const awaitingCode =
          ctx.path === "/sign-in/email" && (made?.user as { twoFactorEnabled?: boolean | null } | undefined)?.twoFactorEnabled === true;
        if (made && !awaitingCode && !isAPIError(returned)) {
          await onEvent({
            kind: "sign_in",
            userId: made.user.id,
            name: made.user.name,
            sessionId: made.session.id,
            userAgent: made.session.userAgent ?? null,
            ipAddress: made.session.ipAddress ?? null,
          });
        } else if (isAPIError(returned)) {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.toLowerCase().slice(0, 320) : "";
          await onEvent({ kind: "sign_in_failed", email, code: String(returned.body?.code ?? returned.status) });
        }
      }
      if ((ctx.path === "/two-factor/enable" || ctx.path === "/two-factor/disable") && !isAPIError(returned) && ctx.context.session) {
        const { user } = ctx.context.session;
        await onEvent({
          kind: "two_factor",
          userId: user.id,
          name: user.name,
          change: ctx.path.endsWith("enable") ? "setup_started" : "disabled",
        });
      }
      const passkeyChange = PASSKEY_CHANGES[ctx.path];
      if (passkeyChange && !isAPIError(returned) && ctx.context.session) {
        const { user } = ctx.context.session;
        await onEvent({ kind: "two_factor", userId: user.id, name: user.name, change: passkeyChange });
      }
      if (ctx.path === "/change-password" && !isAPIError(returned)) {
        const kept = ctx.context.newSession ?? ctx.context.session;
        if (kept) await onEvent({ kind: "password_changed", userId: kept.user.id, name: kept.user.name, sessionId: kept.session.id });
      }
    }),
  };
}

/** Writes each event to the audit log; a password change also ends every other session. */
export async function auditAuthEvent(deps: { db: Db; auth: Auth }, event: AuthEvent): Promise<void> {
  const { db } = deps;
  switch (event.kind) {
    case "sign_in": {
      const device = describeDevice(event.userAgent);
      const where = maskAddress(event.ipAddress);
      // One transaction: the audit entry and, for a device not seen before, the person's notice.
      // A first sign-in ever tells nobody (it is the person setting up); a device is known by its
      // description, so a browser update is not "new" but another browser or system is.
      return db.transaction().execute(async (trx) => {
        const known = await devicesSignedInFrom(trx, event.userId);
        await recordAudit(trx, {
          actor: { id: event.userId, name: event.name },
          action: "sign_in",
          entity: "session",
          entityId: event.sessionId,
          after: { device, address: where },
        });
        if (known.length > 0 && !known.includes(device))
          await notifyNewSignIn(trx, event.userId, { device, where: where ?? "an unknown address", at: new Date().toISOString() });
      });
    }
    case "sign_in_failed":
      return recordAudit(db, {
        actor: { id: null, name: "Someone signing in" },
        action: "sign_in_failed",
        entity: "sign_in",
        entityId: event.email,
        after: { email: event.email, reason: event.code },
      });
    case "sign_out":
      return recordAudit(db, {
        actor: { id: event.userId, name: event.name },
        action: "sign_out",
        entity: "session",
        entityId: event.sessionId,
      });
    case "two_factor":
      return recordAudit(db, {
        actor: { id: event.userId, name: event.name },
        action: "two_factor",
        entity: "user",
        entityId: event.userId,
        after: { twoFactor: event.change },
      });
    case "password_changed":
      await endSessions(deps, event.userId, { allBut: event.sessionId }, { id: event.userId, name: event.name }, "password_changed");
      return;
  }
}
