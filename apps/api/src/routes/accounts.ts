/** The convenor's view of people: accounts, pending invitations, disabling, reset links. */
import { invitationSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction } from "../context.ts";
import { invite, linkFor, listAccounts, resetLink, setDisabled } from "../services/accounts.ts";
import { resetTwoFactor } from "../services/two-factor.ts";
import { validate } from "../validate.ts";

const userParam = z.object({ id: z.string().min(1).max(100) });

function baseUrl(c: { req: { url: string }; var: { deps: { publicUrl: string | undefined } } }) {
  return c.var.deps.publicUrl ?? new URL(c.req.url).origin;
}

export const accounts = new Hono<AppBindings>()
  .get("/", async (c) => {
    convenorOnly(c);
    return c.json(await listAccounts(c.var.deps.db), 200);
  })
  .post("/invitations", validate("json", invitationSchema), async (c) => {
    const user = convenorOnly(c);
    const token = await inTransaction(c, (trx) => invite(trx, actorOf(user), c.req.valid("json")));
    return c.json({ link: linkFor(baseUrl(c), "invite", token), expiresInDays: 14 }, 201);
  })
  .post("/:id/reset-link", validate("param", userParam), async (c) => {
    const user = convenorOnly(c);
    const token = await inTransaction(c, (trx) => resetLink(trx, actorOf(user), c.req.valid("param").id));
    return c.json({ link: linkFor(baseUrl(c), "reset", token), expiresInDays: 2 }, 201);
  })
  .post("/:id/disable", validate("param", userParam), async (c) => {
    const user = convenorOnly(c);
    await inTransaction(c, (trx) => setDisabled(c.var.deps.auth, trx, c.req.valid("param").id, true, actorOf(user)));
    return c.json({ disabled: true }, 200);
  })
  .post("/:id/reset-two-factor", validate("param", userParam), async (c) => {
    const user = convenorOnly(c);
    await resetTwoFactor(c.var.deps, c.req.valid("param").id, actorOf(user));
    return c.json({ twoFactor: false }, 200);
  })
  .post("/:id/enable", validate("param", userParam), async (c) => {
    const user = convenorOnly(c);
    await inTransaction(c, (trx) => setDisabled(c.var.deps.auth, trx, c.req.valid("param").id, false, actorOf(user)));
    return c.json({ disabled: false }, 200);
  });
