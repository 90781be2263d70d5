/** Who is signed in, and the little the dashboard needs to know about the group. */
import { Hono } from "hono";
import type { AppBindings } from "../context.ts";

export const me = new Hono<AppBindings>().get("/", async (c) => {
  const { db } = c.var.deps;
  const user = c.var.user;
  const settings = await db.selectFrom("settings").selectAll().where("key", "in", ["groupName", "groupShortName"]).execute();
  const group = Object.fromEntries(settings.map((s) => [s.key, s.value])) as Partial<Record<"groupName" | "groupShortName", string>>;
  const org = user?.organisationId
    ? await db.selectFrom("organisations").select(["id", "name", "shortName"]).where("id", "=", user.organisationId).executeTakeFirst()
    : undefined;
  return c.json(
    {
      user: user ? { ...user, organisation: org ?? null } : null,
      group: { name: group.groupName ?? "Convene", shortName: group.groupShortName ?? null },
    },
    200,
  );
});
