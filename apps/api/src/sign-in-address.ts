/**
 * Better Auth refuses a sign-in posted from an origin it does not trust, and the browser showed
 * only "Invalid origin". Opening Convene at http://127.0.0.1:8787 (or a LAN address) when it is
 * set up as http://localhost:8787 is an easy mistake, so the refusal names the address to use.
 */
import { createMiddleware } from "hono/factory";
import { errorBody } from "./errors.ts";

export function signInAddressCheck(trustedOrigins: readonly string[], publicUrl: string | undefined) {
  const home = publicUrl ? new URL(publicUrl).origin : trustedOrigins[0];
  return createMiddleware(async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "POST" || !origin || !home || trustedOrigins.includes(origin)) return next();
    return c.json(
      errorBody(
        "forbidden",
        `Convene is set up to be opened at ${home}, not at ${origin}, so signing in here cannot work. Open ${home}/sign-in and sign in there.`,
        // Better Auth's own code for this refusal, as every other /api/auth refusal carries it.
        { address: origin, useAddress: home, authCode: "INVALID_ORIGIN" },
      ),
      403,
    );
  });
}
