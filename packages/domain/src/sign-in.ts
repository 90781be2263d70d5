import { z } from "zod";

/** What the sign-in form asks; the auth library checks it again, this only says what is missing. */
export const signInSchema = z.object({
  email: z.email({
    error: (issue) => (issue.input ? "Enter an email address in the right form, like name@example.org" : "Enter your email address"),
  }),
  password: z.string().min(1, { error: "Enter your password" }),
});
export type SignInInput = z.infer<typeof signInSchema>;
