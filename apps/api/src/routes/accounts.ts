/** The convenor's view of people: accounts, pending invitations, disabling, reset links. */
import { eraseInputSchema, invitationSchema } from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction } from "../context.ts";
import { invite, linkFor, listAccounts, resetLink, setDisabled } from "../services/accounts.ts";
import { erasePerson, exportPersonalData, listDormant, sweepDormant } from "../services/personal-data.ts";
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
  .get("/dormant", async (c) => {
    convenorOnly(c);
    const { db, dormancy, clock } = c.var.deps;
    return c.json({ accounts: await listDormant(db, clock(), dormancy), ...dormancy }, 200);
  })
  .post("/dormant/sweep", async (c) => {
    convenorOnly(c);
    const { dormancy, clock } = c.var.deps;
    return c.json(await sweepDormant(c.var.deps, clock(), dormancy), 200);
  })
  .get("/:id/export", validate("param", userParam), async (c) => {
    convenorOnly(c);
    const { id } = c.req.valid("param");
    const data = await exportPersonalData(c.var.deps.db, id, c.var.deps.clock());
    c.header("Content-Disposition", `attachment; filename="personal-data-${id.replace(/[^A-Za-z0-9_-]/g, "")}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json(data, 200);
  })
  .post("/:id/erase", validate("param", userParam), validate("json", eraseInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { id } = c.req.valid("param");
    const erased = await inTransaction(c, (trx) => erasePerson(c.var.deps.auth, trx, actorOf(user), id, c.req.valid("json").confirmName));
    return c.json(erased, 200);
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
