/**
 * Loads the group's public record (organisations, themes, the group's name) into a database.
 * Idempotent: what is already there (matched by short name or theme name) is left as it is,
 * so it is safe on every start and from `npm run admin -- seed`.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import coalition from "./coalition.json" with { type: "json" };
import { HISTORY_SEEDED_SETTING, seedHistory } from "./seed-history.ts";
import { seedResources } from "./seed-resources.ts";

export interface SeedResult {
  organisationsAdded: number;
  themesAdded: number;
  milestonesAdded: number;
}

export async function seedCoalition(db: Kysely<Database>): Promise<SeedResult> {
  const record = await db.transaction().execute(async (trx) => {
    const orgs = await trx
      .insertInto("organisations")
      .values(coalition.organisations.map((o) => ({ name: o.name, shortName: o.shortName, isConvenor: o.isConvenor ? 1 : 0 })))
      .onConflict((oc) => oc.column("shortName").doNothing())
      .executeTakeFirst();
    const themes = await trx
      .insertInto("themes")
      .values(coalition.themes)
      .onConflict((oc) => oc.column("name").doNothing())
      .executeTakeFirst();
    await trx
      .insertInto("settings")
      .values([
        { key: "groupName", value: coalition.group.name },
        { key: "groupShortName", value: coalition.group.shortName },
      ])
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    await seedResources(trx);
    return { organisationsAdded: Number(orgs.numInsertedOrUpdatedRows ?? 0n), themesAdded: Number(themes.numInsertedOrUpdatedRows ?? 0n) };
  });
  // The 2017–2019 history, after the organisations it names.
  const { milestonesAdded } = await seedHistory(db);
  return { ...record, milestonesAdded };
}

/**
 * Seeds only a database that has no organisations yet (a fresh install). A database made before
 * milestones existed gets the seeded history once, on its next start.
 */
export async function seedIfEmpty(db: Kysely<Database>): Promise<SeedResult | null> {
  const any = await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  if (!any) return seedCoalition(db);
  const history = await db.selectFrom("settings").select("key").where("key", "=", HISTORY_SEEDED_SETTING).executeTakeFirst();
  if (!history) await seedHistory(db);
  return null;
}
