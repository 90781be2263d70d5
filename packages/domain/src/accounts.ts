/**
 * What an account needs: an invitation, a one-time link's new account or password, and a password
 * change. The API validates with these (`routes/accounts.ts`, `routes/invitations.ts`) and the
 * account forms use them as their validators, so a 400's `details` and a form say the same words.
 */
import { z } from "zod";
import { withoutControlCharacters } from "./common.ts";
import { roleSchema } from "./roles.ts";

/** Better Auth's limits (`apps/api/src/auth.ts`), also kept by the admin command line. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

type Whose = "your" | "their";

export const emailAddress = (whose: Whose) =>
  z.email({
    error: (issue) => (issue.input ? "Enter an email address in the right form, like name@example.org" : `Enter ${whose} email address`),
  });

export const personName = (whose: Whose) =>
  withoutControlCharacters(
    z
      .string({ error: `Enter ${whose} name` })
      .trim()
      .min(1, { error: `Enter ${whose} name` })
      .max(200, { error: "The name must be 200 characters or fewer" }),
    "The name",
  );

export const newPassword = z
  .string({ error: "Enter a new password" })
  .min(1, { error: "Enter a new password" })
  .min(PASSWORD_MIN_LENGTH, { error: `The password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `The password must be ${PASSWORD_MAX_LENGTH} characters or fewer` });

/** The convenor's invitation; the email is kept in lower case, as Better Auth compares it. */
export const invitationSchema = z
  .object({
    name: personName("their"),
    email: emailAddress("their").transform((e) => e.toLowerCase()),
    role: roleSchema,
    organisationId: z.number({ error: "Choose the organisation" }).int().positive().nullable().default(null),
  })
  .refine((i) => i.role !== "member" || i.organisationId !== null, {
    error: "A member belongs to one organisation: choose it",
    path: ["organisationId"],
  });
export type Invitation = z.output<typeof invitationSchema>;

/**
 * What opening a link sends: the setup link a name and an email, the invitation a name (its own
 * name when none is given), the reset link only the password.
 */
export const acceptLinkSchema = z.object({
  name: personName("your").optional(),
  email: emailAddress("your").optional(),
  password: newPassword,
});
export type AcceptLinkInput = z.infer<typeof acceptLinkSchema>;

const sameTwice = <T extends { password: string; confirm: string }>(v: T) => v.password === v.confirm;
const notSame = { error: "The two passwords are not the same", path: ["confirm"] };

/** The link page's form: what each link asks, and the password typed twice. */
export const acceptLinkFormSchema = (kind: "setup" | "invite" | "reset") =>
  z
    .object({
      name: kind === "reset" ? z.string() : personName("your"),
      email: kind === "setup" ? emailAddress("your") : z.string(),
      password: newPassword,
      confirm: withoutControlCharacters(z.string(), "The password"),
    })
    .refine(sameTwice, notSame);

/** The account page's form; Better Auth's change-password checks the same limits. */
export const passwordChangeSchema = z
  .object({
    current: withoutControlCharacters(z.string().min(1, { error: "Enter your current password" }), "The password"),
    password: newPassword,
    confirm: withoutControlCharacters(z.string(), "The password"),
  })
  .refine(sameTwice, notSame);
