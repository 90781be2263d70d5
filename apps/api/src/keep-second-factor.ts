/**
 * Someone who must have two-factor sign-in (domain two-factor.ts) cannot remove their last
 * factor: turning the authenticator app off, or deleting the last passkey, is refused before
 * Better Auth's own route runs, with the reason in plain words (409 two_factor_kept).
 */
import { secondFactorsOf } from "@convene/db";
import { lastFactorRefusal } from "@convene/domain";
import { createMiddleware } from "hono/factory";
import type { Auth } from "./auth.ts";
import type { AppBindings } from "./context.ts";
import { ApiError } from "./errors.ts";
import { sessionOf } from "./session-check.ts";

const REMOVALS: Record<string, "totp" | "passkey"> = {
  "/api/auth/two-factor/disable": "totp",
  "/api/auth/passkey/delete-passkey": "passkey",
};

export const keepSecondFactor = (auth: Auth, enforce: boolean) =>
  createMiddleware<AppBindings>(async (c, next) => {
    const removing = REMOVALS[c.req.path];
    if (!enforce || c.req.method !== "POST" || !removing) return next();
    const found = await sessionOf(c.req.raw.headers, auth);
    // Not signed in: Better Auth answers that itself.
    if (!found?.user) return next();
    const refusal = lastFactorRefusal({ role: found.user.role, ...(await secondFactorsOf(c.var.deps.db, found.user.id)) }, removing);
    if (refusal) throw new ApiError(409, "two_factor_kept", refusal);
    await next();
  });
