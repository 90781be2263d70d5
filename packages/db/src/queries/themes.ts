import type { ThemeInput } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database, Theme } from "../schema.ts";

export async function listThemes(db: Kysely<Database>): Promise<Theme[]> {
  return db.selectFrom("themes").selectAll().orderBy("name").execute();
}

export async function getTheme(db: Kysely<Database>, id: number): Promise<Theme | undefined> {
  return db.selectFrom("themes").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTheme(db: Kysely<Database>, input: ThemeInput): Promise<Theme> {
  return db.insertInto("themes").values(input).returningAll().executeTakeFirstOrThrow();
}

/** The theme called `name`, if any: names are unique. */
export async function findThemeByName(db: Kysely<Database>, name: string): Promise<Theme | undefined> {
  return db.selectFrom("themes").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Removes a theme; its goals keep their place under "No theme" (the foreign key sets null). */
export async function deleteTheme(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("themes").where("id", "=", id).execute();
}
