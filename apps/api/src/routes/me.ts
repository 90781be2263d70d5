/** Who is signed in, and the little the dashboard needs to know about the group. */
import { Hono } from "hono";
import type { AppBindings } from "../context.ts";
import { groupNames, organisationBadge } from "../services/group.ts";

export const me = new Hono<AppBindings>().get("/", async (c) => {
  const { db } = c.var.deps;
  const user = c.var.user;
  const group = await groupNames(db);
  const org = user?.organisationId ? await organisationBadge(db, user.organisationId) : undefined;
  return c.json(
    {
      user: user ? { ...user, organisation: org ?? null, twoFactorRequired: c.var.twoFactorMissing } : null,
      group: { name: group.name ?? "Convene", shortName: group.shortName },
    },
    200,
  );
});
