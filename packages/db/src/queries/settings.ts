/**
 * The group's on/off switches (the public page, two-factor for everyone): one row per key in
 * `settings`, "on" or "off", missing meaning off. Switching writes the audit entry with it.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { type Actor, recordAudit } from "./audit.ts";

export async function settingIsOn(db: Kysely<Database>, key: string): Promise<boolean> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value === "on";
}

/** Turns `key` on or off in the caller's transaction; `name` is what the audit entry calls it ("publicPage"). */
export async function switchSetting(db: Kysely<Database>, actor: Actor, key: string, name: string, on: boolean): Promise<void> {
  const before = await settingIsOn(db, key);
  const value = on ? "on" : "off";
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  await recordAudit(db, { actor, action: "setting", entity: "setting", entityId: key, before: { [name]: before }, after: { [name]: on } });
}
