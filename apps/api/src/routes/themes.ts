import { listThemes } from "@convene/db";
import { themeInputSchema, themePatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn } from "../context.ts";
import { createTheme, removeTheme, updateTheme } from "../services/themes.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

export const themes = new Hono<AppBindings>()
  .get("/", async (c) => {
    signedIn(c);
    return c.json({ themes: await listThemes(c.var.deps.db) }, 200);
  })
  .post("/", validate("json", themeInputSchema), async (c) => {
    const user = convenorOnly(c);
    const theme = await inTransaction(c, (trx) => createTheme(trx, actorOf(user), c.req.valid("json")));
    return c.json({ theme }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", themePatchSchema), async (c) => {
    const user = convenorOnly(c);
    const theme = await inTransaction(c, (trx) => updateTheme(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json")));
    return c.json({ theme }, 200);
  })
  .delete("/:id", validate("param", idParam), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    await inTransaction(c, (trx) => removeTheme(trx, actorOf(user), id));
    return c.json({ deleted: id }, 200);
  });
