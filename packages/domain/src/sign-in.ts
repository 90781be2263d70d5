import { z } from "zod";

/** What the sign-in form asks; the auth library checks it again, this only says what is missing. */
export const signInSchema = z.object({
  email: z.email({
    error: (issue) => (issue.input ? "Enter an email address in the right form, like name@example.org" : "Enter your email address"),
  }),
  password: z.string().min(1, { error: "Enter your password" }),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The second step of signing in when two-factor is on: the app's 6-digit code, or a backup code. */
export const twoFactorCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: "Enter the code" })
    .regex(/^(\d{6}|[A-Za-z0-9-]{8,20})$/, { error: "Enter the 6-digit code from your authenticator app, or one of your backup codes" }),
});
export type TwoFactorCodeInput = z.infer<typeof twoFactorCodeSchema>;
