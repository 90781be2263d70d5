/** What the dashboard shows of the group itself (its name), and of the signed-in person's organisation. */
import type { Db } from "@convene/db";

export async function groupNames(db: Db) {
  const settings = await db.selectFrom("settings").selectAll().where("key", "in", ["groupName", "groupShortName"]).execute();
  const group = Object.fromEntries(settings.map((s) => [s.key, s.value])) as Partial<Record<"groupName" | "groupShortName", string>>;
  return { name: group.groupName ?? null, shortName: group.groupShortName ?? null };
}

export async function organisationBadge(db: Db, id: number) {
  return db.selectFrom("organisations").select(["id", "name", "shortName"]).where("id", "=", id).executeTakeFirst();
}
