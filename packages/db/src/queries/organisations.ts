import type { OrganisationInput } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database, Organisation } from "../schema.ts";

export function toOrganisation(row: Organisation) {
  return { ...row, isConvenor: row.isConvenor === 1 };
}
export type OrganisationRecord = ReturnType<typeof toOrganisation>;

export async function listOrganisations(db: Kysely<Database>): Promise<OrganisationRecord[]> {
  // Without case, so "eyeWitness" sorts among the E's on both engines (PostgreSQL's and SQLite's collations differ on case).
  const rows = await db
    .selectFrom("organisations")
    .selectAll()
    .orderBy((eb) => eb.fn("lower", ["name"]))
    .orderBy("name")
    .execute();
  return rows.map(toOrganisation);
}

export async function getOrganisation(db: Kysely<Database>, id: number): Promise<OrganisationRecord | undefined> {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toOrganisation(row);
}

export async function findOrganisationByShortName(db: Kysely<Database>, shortName: string) {
  const row = await db
    .selectFrom("organisations")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["shortName"]), "=", shortName.toLowerCase()))
    .executeTakeFirst();
  return row && toOrganisation(row);
}

export async function insertOrganisation(db: Kysely<Database>, input: OrganisationInput): Promise<OrganisationRecord> {
  const row = await db
    .insertInto("organisations")
    .values({ ...input, isConvenor: input.isConvenor ? 1 : 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}
