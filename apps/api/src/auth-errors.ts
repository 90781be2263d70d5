/**
 * Better Auth answers its errors as `{ "message", "code" }`; the API promises
 * `{ "error": { "code", "message", "details"? } }` everywhere. This middleware, on /api/auth/*,
 * rewrites every 4xx and 5xx into that shape: our code from the status, a message in plain words,
 * and Better Auth's own code kept as `details.authCode` (the dashboard's auth client reads it).
 */
import { createMiddleware } from "hono/factory";
import { type ErrorCode, errorBody } from "./errors.ts";

/** Plain words for the refusals people meet; anything else keeps Better Auth's own message. */
const messages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password do not match an account. Check them and try again.",
  INVALID_EMAIL: "Enter an email address in the correct format, like name@example.org.",
  INVALID_PASSWORD: "Your current password is not right.",
  PASSWORD_TOO_SHORT: "The password must be at least 10 characters.",
  PASSWORD_TOO_LONG: "The password must be 200 characters or fewer.",
  INVALID_TOKEN: "This link is not valid or has expired. Ask the convenor for a new one.",
  UNAUTHORIZED: "Sign in first.",
  EMAIL_PASSWORD_SIGN_UP_DISABLED: "Accounts are made by invitation. Ask the convenor for one.",
  INVALID_ORIGIN: "Sign-in only accepts requests from Convene's own address.",
  BAD_REQUEST: "The request could not be read.",
  RATE_LIMITED: "Too many attempts. Wait a minute, then try again.",
};

function codeFor(status: number, authCode: string | undefined): ErrorCode {
  if (status === 400) return authCode === "VALIDATION_ERROR" || authCode === "INVALID_EMAIL" ? "invalid_input" : "bad_request";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 413) return "too_large";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "internal" : "bad_request";
}

/** Better Auth's validation message names the field as "[body.email] …": the field goes to details, as our own 400s do. */
function validation(message: string) {
  const named = /^\[body\.([\w.]+)\]\s*(.*)$/.exec(message);
  if (!named) return { message };
  const [, field, text] = named as unknown as [string, string, string];
  return { message: `${field}: ${text}`, fields: [{ field, message: text }] };
}

async function readBody(res: Response): Promise<{ message?: unknown; code?: unknown; error?: unknown }> {
  try {
    const parsed: unknown = JSON.parse(await res.text());
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

export const authErrorEnvelope = createMiddleware(async (c, next) => {
  await next();
  const res = c.res;
  if (res.status < 400) return;
  const body = await readBody(res.clone());
  // Convene's own guards in front of Better Auth (sign-in address, sign-in limit) already answer in the envelope.
  if ("error" in body && body.error && typeof body.error === "object") return;
  const authCode = typeof body.code === "string" ? body.code : res.status === 429 ? "RATE_LIMITED" : undefined;
  const theirs = typeof body.message === "string" ? body.message : undefined;
  const { message, fields } =
    authCode === "VALIDATION_ERROR" && theirs
      ? validation(theirs)
      : {
          message:
            (authCode && messages[authCode]) ??
            theirs ??
            (res.status === 404 ? `There is no API route ${c.req.method} ${c.req.path}.` : "The request was refused."),
          fields: undefined,
        };
  const details = authCode || fields ? { ...(authCode ? { authCode } : {}), ...(fields ? { fields } : {}) } : undefined;
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  c.res = undefined;
  c.res = new Response(JSON.stringify(errorBody(codeFor(res.status, authCode), message, details)), { status: res.status, headers });
});
