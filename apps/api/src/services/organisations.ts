/** Writing organisations (the convenor's job): short names are unique; every write is audited in the transaction it is handed. */
import { type Actor, type Db, getOrganisation, insertOrganisation, recordAudit } from "@convene/db";
import type { OrganisationInput, organisationPatchSchema } from "@convene/domain";
import type { z } from "zod";
import { ApiError, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

const shortNameTaken = (shortName: string) =>
  new ApiError(409, "conflict", `Another organisation already uses the short name ${shortName}.`, {
    fields: [{ field: "shortName", message: "is taken" }],
  });

async function shortNameInUse(trx: Db, shortName: string) {
  return trx.selectFrom("organisations").select("id").where("shortName", "=", shortName).executeTakeFirst();
}

export async function createOrganisation(trx: Db, actor: Actor, input: OrganisationInput) {
  if (await shortNameInUse(trx, input.shortName)) throw shortNameTaken(input.shortName);
  const org = await insertOrganisation(trx, input);
  await recordAudit(trx, { actor, action: "create", entity: "organisation", entityId: org.id, after: org });
  return org;
}

export async function updateOrganisation(trx: Db, actor: Actor, id: number, patch: z.infer<typeof organisationPatchSchema>) {
  const before = await getOrganisation(trx, id);
  if (!before) throw notFound("That organisation");
  const { version, isConvenor, ...fields } = patch;
  if (fields.shortName && fields.shortName !== before.shortName && (await shortNameInUse(trx, fields.shortName)))
    throw shortNameTaken(fields.shortName);
  return applyEdit(trx, "That organisation", {
    table: "organisations",
    id,
    version,
    values: { ...fields, ...(isConvenor === undefined ? {} : { isConvenor: isConvenor ? 1 : 0 }) },
    before,
    read: getOrganisation,
    audit: { actor, entity: "organisation" },
  });
}
