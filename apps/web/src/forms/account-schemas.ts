/**
 * What the account forms ask: an invitation, a one-time link's new account or password, and a
 * password change. The same rules as the API's (`routes/accounts.ts`, `routes/invitations.ts`,
 * Better Auth's 10-character minimum) in plain words. They belong in packages/domain beside
 * `signInSchema`, so the API's 400s say the same; until the API takes them from there, they are
 * here, where the forms use them.
 */
import { roleSchema } from "@convene/domain";
import { z } from "zod";

const email = (whose: "your" | "their") =>
  z.email({
    error: (issue) => (issue.input ? "Enter an email address in the right form, like name@example.org" : `Enter ${whose} email address`),
  });

const name = (whose: "your" | "their") =>
  z
    .string()
    .trim()
    .min(1, { error: `Enter ${whose} name` })
    .max(200, { error: "The name must be 200 characters or fewer" });

/** How the account forms name their fields, for the API's older fragment messages. */
export const accountFieldNames = { name: "The name", email: "The email address", password: "The password" };

export const newPassword = z
  .string()
  .min(1, { error: "Enter a new password" })
  .min(10, { error: "The password must be at least 10 characters" })
  .max(200, { error: "The password must be 200 characters or fewer" });

const sameTwice = <T extends { password: string; confirm: string }>(v: T) => v.password === v.confirm;
const notSame = { error: "The two passwords are not the same", path: ["confirm"] };

export const inviteSchema = z
  .object({
    name: name("their"),
    email: email("their"),
    role: roleSchema,
    organisationId: z.number().int().positive().nullable(),
  })
  .refine((i) => i.role !== "member" || i.organisationId !== null, {
    error: "A member belongs to one organisation: choose it",
    path: ["organisationId"],
  });

/** The setup link asks a name and an email, the invitation a name, the reset link only the password. */
export const acceptLinkSchema = (kind: "setup" | "invite" | "reset") =>
  z
    .object({
      name: kind === "reset" ? z.string() : name("your"),
      email: kind === "setup" ? email("your") : z.string(),
      password: newPassword,
      confirm: z.string(),
    })
    .refine(sameTwice, notSame);

export const passwordChangeSchema = z
  .object({
    current: z.string().min(1, { error: "Enter your current password" }),
    password: newPassword,
    confirm: z.string(),
  })
  .refine(sameTwice, notSame);
