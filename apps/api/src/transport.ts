/**
 * What Convene asks of browsers when people reach it over https (PUBLIC_URL starts https://):
 * remember to use https for a year (Strict-Transport-Security) and keep the session cookie to
 * this one host (the `__Host-` prefix: Secure, Path=/, no Domain). Whether it is https comes
 * from PUBLIC_URL, never from a request header, so a client cannot talk the server out of it.
 */

export const HSTS = "max-age=31536000";

export function isHttps(publicUrl: string | undefined): boolean {
  return publicUrl !== undefined && new URL(publicUrl).protocol === "https:";
}

/**
 * Better Auth's cookie settings. Left to itself it names secure cookies `__Secure-…`, which a
 * Domain attribute could still widen to sibling hosts; `__Host-` cannot be, so over https the
 * prefix is ours and Secure is set by hand. Over http (a laptop, the tests) names stay as they were.
 */
export function cookieSettings(publicUrl: string | undefined) {
  const secure = isHttps(publicUrl);
  return {
    useSecureCookies: false,
    cookiePrefix: secure ? "__Host-convene" : "better-auth",
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure, path: "/" },
  } as const;
}
