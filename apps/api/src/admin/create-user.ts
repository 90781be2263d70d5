/** `create-user`: an account made at the terminal (the first convenor, or anyone without an invitation). */
import { findOrganisationByShortName, listOrganisations } from "@convene/db";
import { emailAddress, newPassword, roleSchema } from "@convene/domain";
import { createConvene } from "../server.ts";
import { createAccount } from "../services/accounts.ts";
import { type CliContext, CliError, type CliIo, parseOptions, readPassword } from "./io.ts";

export const createUserUsage =
  "create-user --email E --name N --role convenor|member|observer [--org SHORTNAME]   (password on standard input)";

export async function createUser(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    org: { type: "string" },
  });
  const email = values.email?.trim().toLowerCase();
  const name = values.name?.trim();
  if (!email) throw new CliError("--email is required.", 2);
  if (!name) throw new CliError("--name is required.", 2);
  if (!values.role) throw new CliError("--role is required: convenor, member or observer.", 2);
  if (!emailAddress("their").safeParse(email).success) throw new CliError(`--email: "${email}" is not a valid email address.`, 2);
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new CliError(`--role: "${values.role}" is not a role; use convenor, member or observer.`, 2);
  if (role.data === "member" && !values.org)
    throw new CliError("--org is required for a member: give their organisation's short name, e.g. --org peace-direct.", 2);
  if (role.data === "observer" && values.org)
    throw new CliError("--org: an observer is someone outside the group, so they belong to no member organisation.", 2);

  const convene = await createConvene({ databasePath: ctx.databasePath, secret: ctx.secret, publicUrl: ctx.publicUrl });
  try {
    const { db } = convene;
    let organisation: { id: number; name: string } | undefined;
    if (values.org) {
      organisation = await findOrganisationByShortName(db, values.org);
      if (!organisation) {
        const known = (await listOrganisations(db)).map((o) => o.shortName).join(", ");
        throw new CliError(`--org: no organisation has the short name "${values.org}". Known short names: ${known || "none yet"}.`);
      }
    }
    // Checked before asking for the password, so nobody types one for nothing.
    if (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst())
      throw new CliError(`There is already an account for ${email}.`);

    const password = await readPassword(io);
    const passwordCheck = newPassword.safeParse(password);
    if (!passwordCheck.success) throw new CliError(`${passwordCheck.error.issues[0]?.message ?? "The password cannot be used"}.`);

    await db
      .transaction()
      .execute((trx) =>
        createAccount(
          convene.auth,
          trx,
          { email, name, password, role: role.data, organisationId: organisation?.id ?? null },
          { id: null, name: "Convene admin command line" },
        ),
      );
    io.stdout.write(
      `Created the ${role.data} account for ${name} <${email}>${organisation ? ` of ${organisation.name}` : ""}; they can sign in now.\n` +
        // A convenor must have two-factor sign-in: the dashboard asks for it at their first sign-in, before anything else.
        (role.data === "convenor"
          ? "A convenor must set up two-factor sign-in (an authenticator app or a passkey): Convene asks for it when they first sign in.\n"
          : ""),
    );
  } finally {
    await convene.close();
  }
}
