/** Writing themes (the convenor's job): names are unique; every write is audited in the transaction it is handed. */
import { type Actor, type Db, deleteTheme, findThemeByName, getTheme, insertTheme, recordAudit } from "@convene/db";
import type { ThemeInput, themePatchSchema } from "@convene/domain";
import type { z } from "zod";
import { ApiError, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

const nameTaken = (name: string) =>
  new ApiError(409, "conflict", `There is already a theme called ${name}.`, { fields: [{ field: "name", message: "is taken" }] });

export async function createTheme(trx: Db, actor: Actor, input: ThemeInput) {
  if (await findThemeByName(trx, input.name)) throw nameTaken(input.name);
  const theme = await insertTheme(trx, input);
  await recordAudit(trx, { actor, action: "create", entity: "theme", entityId: theme.id, after: theme });
  return theme;
}

export async function updateTheme(trx: Db, actor: Actor, id: number, patch: z.infer<typeof themePatchSchema>) {
  const before = await getTheme(trx, id);
  if (!before) throw notFound("That theme");
  const { version, ...fields } = patch;
  if (fields.name && fields.name !== before.name && (await findThemeByName(trx, fields.name))) throw nameTaken(fields.name);
  return applyEdit(trx, "That theme", {
    table: "themes",
    id,
    version,
    values: fields,
    before,
    read: getTheme,
    audit: { actor, entity: "theme" },
  });
}

/** Goals keep their place: a deleted theme leaves them under "No theme". */
export async function removeTheme(trx: Db, actor: Actor, id: number) {
  const before = await getTheme(trx, id);
  if (!before) throw notFound("That theme");
  await deleteTheme(trx, id);
  await recordAudit(trx, { actor, action: "delete", entity: "theme", entityId: id, before });
}
