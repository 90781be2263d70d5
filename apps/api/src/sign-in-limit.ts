/**
 * The sign-in rate limit. Counting per address alone locked a whole workshop room out behind one
 * conference Wi-Fi address after five typos, so attempts are counted per account and address
 * together (tight: guessing one person's password), and per address alone (looser: trying many
 * accounts). A refusal says how long to wait, in Retry-After and in words.
 */
import { createHash } from "node:crypto";
import { consumeAttempt, type Db } from "@convene/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { errorBody } from "./errors.ts";

export interface SignInLimit {
  /** The window, in seconds. */
  window: number;
  /** Attempts per account from one address in a window. */
  max: number;
  /** Attempts from one address, whatever the account; six times `max` unless given. */
  perAddressMax?: number;
}

export const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { window: 60, max: 5, perAddressMax: 30 };

/** "40 seconds", "1 minute", "2 minutes". */
export function waitWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

async function emailOf(c: Context): Promise<string> {
  try {
    const body = (await c.req.raw.clone().json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  } catch {
    return "";
  }
}

/** Guards POST /api/auth/sign-in/email; `address` is the TCP peer or one a trusted proxy vouches for (client-address.ts), never a header a client could forge. */
export function signInLimit(db: Db, address: (c: Context) => string | undefined, limit: SignInLimit = DEFAULT_SIGN_IN_LIMIT) {
  const rules = [
    { scope: "account", max: limit.max },
    { scope: "address", max: limit.perAddressMax ?? limit.max * 6 },
  ] as const;
  return createMiddleware(async (c, next) => {
    if (c.req.method !== "POST") return next();
    const from = address(c) ?? "unknown";
    // The account is hashed: the table needs to tell accounts apart, not to hold their addresses.
    const account = createHash("sha256")
      .update(await emailOf(c))
      .digest("hex")
      .slice(0, 32);
    for (const rule of rules) {
      const key = rule.scope === "account" ? `sign-in:account:${from}:${account}` : `sign-in:address:${from}`;
      const decision = await consumeAttempt(db, key, { windowSeconds: limit.window, max: rule.max });
      if (!decision.allowed) {
        c.header("Retry-After", String(decision.retryAfterSeconds));
        const why =
          rule.scope === "account" ? "Too many attempts to sign in to this account" : "Too many attempts to sign in from this network";
        return c.json(
          errorBody("rate_limited", `${why}. Try again in ${waitWords(decision.retryAfterSeconds)}.`, {
            retryAfterSeconds: decision.retryAfterSeconds,
            scope: rule.scope,
          }),
          429,
        );
      }
    }
    return next();
  });
}
