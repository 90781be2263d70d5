/** Better Auth's browser client: sign in and out against /api/auth. */
import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";

/**
 * The server answers auth errors in the API's shape, `{ error: { code, message, details.authCode } }`;
 * the client expects Better Auth's `{ message, code }`, so its error carries our plain message and
 * Better Auth's code (the pages read `error.message` and `error.code`).
 */
async function asAuthError(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = await response
    .clone()
    .json()
    .catch(() => null);
  const error = body?.error;
  if (!error || typeof error.message !== "string") return response;
  const unwrapped = { message: error.message, code: error.details?.authCode ?? error.code };
  return new Response(JSON.stringify(unwrapped), { status: response.status, statusText: response.statusText, headers: response.headers });
}

export const authClient = createAuthClient({
  basePath: "/api/auth",
  fetchOptions: { onResponse: (context) => asAuthError(context.response) },
  // The sign-in page handles the code step itself, so no redirect here.
  plugins: [twoFactorClient(), passkeyClient()],
});
