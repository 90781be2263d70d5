/** Better Auth's browser client: sign in and out against /api/auth. */
import { createAuthClient } from "better-auth/client";

export const authClient = createAuthClient({ basePath: "/api/auth" });
