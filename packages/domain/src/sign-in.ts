/**
 * What the sign-in form asks; the auth library checks it again, this only says what is missing.
 * Written with zod's tree-shakable "mini" build (the same package and version as every other
 * schema here): the sign-in page is the first a phone opens, and zod's full build alone is
 * about 24 KiB gzipped, a quarter of that page's budget.
 */
import { z } from "zod/mini";

export const signInSchema = z.object({
  email: z.email({
    error: (issue) => (issue.input ? "Enter an email address in the right form, like name@example.org" : "Enter your email address"),
  }),
  password: z.string().check(z.minLength(1, { error: "Enter your password" })),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The second step of signing in when two-factor is on: the app's 6-digit code, or a backup code. */
export const twoFactorCodeSchema = z.object({
  code: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: "Enter the code" }),
      z.regex(/^(\d{6}|[A-Za-z0-9-]{8,20})$/, { error: "Enter the 6-digit code from your authenticator app, or one of your backup codes" }),
    ),
});
export type TwoFactorCodeInput = z.infer<typeof twoFactorCodeSchema>;
