/** `restore`: loads a complete JSON export (GET /api/data/export.json) into a new, empty database. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { openDatabase } from "@convene/db";
import { createLink, linkFor } from "../services/accounts.ts";
import { RestoreProblem, restoreDatabase } from "../services/json-export.ts";
import { type CliContext, CliError, type CliIo, parseOptions } from "./io.ts";

export const restoreUsage = "restore --from FILE   (a JSON export, into a new empty database: set DATABASE_PATH to a new file)";

export async function restore(argv: string[], io: CliIo, ctx: CliContext): Promise<void> {
  const values = parseOptions(argv, { from: { type: "string" } });
  if (!values.from) throw new CliError("--from FILE is required: the JSON export to restore.", 2);
  const file = resolve(ctx.cwd, values.from);
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`There is no file at ${file}.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { db } = await openDatabase(ctx.databasePath);
  try {
    // The rows, the empty password logins and the convenors' links are one write: a failure in
    // any part leaves the new database as empty as it was, ready for another try.
    const { result, links, everyoneElse } = await db.transaction().execute(async (trx) => {
      const result = await restoreDatabase(trx, data);
      // Passwords are never exported, so each person gets an empty password login that a reset
      // link can set; the convenors' links are printed here, and they can send everyone else theirs.
      const now = new Date().toISOString();
      const users = await trx.selectFrom("user").select(["id", "email", "name", "role", "organisationId"]).execute();
      for (const u of users) {
        await trx
          .insertInto("account" as never)
          .values({
            id: `restored-${u.id}`,
            accountId: u.id,
            providerId: "credential",
            userId: u.id,
            createdAt: now,
            updatedAt: now,
          } as never)
          .execute();
      }
      const links: string[] = [];
      for (const u of users.filter((u) => u.role === "convenor")) {
        const token = await createLink(trx, {
          kind: "reset",
          email: u.email,
          name: u.name,
          role: "convenor",
          organisationId: u.organisationId,
          userId: u.id,
          createdBy: null,
        });
        links.push(`Password link for ${u.name} <${u.email}> (valid 2 days): ${linkFor(ctx.publicUrl, "reset", token)}\n`);
      }
      return { result, links, everyoneElse: users.length > links.length };
    });
    io.stdout.write(`Restored ${result.rows} rows in ${result.tables} tables from ${file} into ${ctx.databasePath}.\n`);
    for (const line of links) io.stdout.write(line);
    if (everyoneElse) io.stdout.write("Everyone else signs in after the convenor sends them a password link from Admin › Accounts.\n");
  } catch (error) {
    if (error instanceof RestoreProblem) throw new CliError(error.message);
    throw error;
  } finally {
    await db.destroy();
  }
}
