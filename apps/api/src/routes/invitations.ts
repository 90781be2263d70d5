/** Opening a setup, invitation or password-reset link: no sign-in needed, the token is the key. */
import { acceptLinkSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, inTransaction } from "../context.ts";
import { acceptLink, findLink } from "../services/accounts.ts";
import { validate } from "../validate.ts";

const tokenParam = z.object({ token: z.string().min(10).max(200) });

export const invitations = new Hono<AppBindings>()
  .get("/:token", validate("param", tokenParam), async (c) => {
    const link = await findLink(c.var.deps.db, c.req.valid("param").token);
    return c.json({ kind: link.kind, email: link.email, name: link.name, role: link.role, expiresAt: link.expiresAt }, 200);
  })
  .post("/:token/accept", validate("param", tokenParam), validate("json", acceptLinkSchema), async (c) => {
    const { token } = c.req.valid("param");
    const result = await inTransaction(c, (trx) => acceptLink(c.var.deps.auth, trx, token, c.req.valid("json")));
    return c.json(result, 201);
  });
