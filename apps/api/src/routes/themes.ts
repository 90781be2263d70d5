import { getTheme, insertTheme, listThemes, recordAudit, updateVersioned } from "@convene/db";
import { themeInputSchema, themePatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, signedIn } from "../context.ts";
import { ApiError, editConflict, notFound } from "../errors.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const nameTaken = (name: string) =>
  new ApiError(409, "conflict", `There is already a theme called ${name}.`, { fields: [{ field: "name", message: "is taken" }] });

export const themes = new Hono<AppBindings>()
  .get("/", async (c) => {
    signedIn(c);
    return c.json({ themes: await listThemes(c.var.deps.db) }, 200);
  })
  .post("/", validate("json", themeInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const input = c.req.valid("json");
    if (await db.selectFrom("themes").select("id").where("name", "=", input.name).executeTakeFirst()) throw nameTaken(input.name);
    const theme = await db.transaction().execute(async (trx) => {
      const theme = await insertTheme(trx, input);
      await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "theme", entityId: theme.id, after: theme });
      return theme;
    });
    return c.json({ theme }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", themePatchSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const { version, ...fields } = c.req.valid("json");
    const before = await getTheme(db, id);
    if (!before) throw notFound("That theme");
    if (
      fields.name &&
      fields.name !== before.name &&
      (await db.selectFrom("themes").select("id").where("name", "=", fields.name).executeTakeFirst())
    ) {
      throw nameTaken(fields.name);
    }
    const theme = await db.transaction().execute(async (trx) => {
      const outcome = await updateVersioned(trx, "themes", id, version, fields);
      if (outcome === "conflict") throw editConflict(await getTheme(trx, id));
      const after = await getTheme(trx, id);
      await recordAudit(trx, { actor: actorOf(user), action: "update", entity: "theme", entityId: id, before, after });
      return after;
    });
    return c.json({ theme }, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const before = await getTheme(db, id);
    if (!before) throw notFound("That theme");
    // Goals keep their place: a deleted theme leaves them under "No theme" (FK: set null).
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("themes").where("id", "=", id).execute();
      await recordAudit(trx, { actor: actorOf(user), action: "delete", entity: "theme", entityId: id, before });
    });
    return c.json({ deleted: id }, 200);
  });
