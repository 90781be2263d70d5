/**
 * The unsubscribe link every email carries (RFC 8058). GET shows a plain confirm page, which
 * changes nothing (mail scanners follow links); POST, from that page or from a mail program's
 * own one-click button, turns off that email for that person only. The signed token is the only
 * authority: no session, no password. It is left out of the cross-site check in app.ts because a
 * mail provider's one-click POST carries no Origin; a forged POST would need the token.
 */

import { readPreferences } from "@convene/db";
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { z } from "zod";
import { type AppBindings, type AppDeps, inTransaction } from "../context.ts";
import { errorBody } from "../errors.ts";
import { readUnsubscribeToken, type UnsubscribeScope } from "../services/delivery/unsubscribe.ts";
import { kindsToTurnOff, unsubscribe, unsubscribeWording } from "../services/notification-preferences.ts";
import { validate } from "../validate.ts";

const tokenParam = z.object({ token: z.string().min(1).max(500) });

const page = (title: string, body: ReturnType<typeof html>) => html`<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} — Convene</title>
    <style>
      body { font-family: Arial, sans-serif; font-size: 19px; line-height: 1.5; color: #0b0c0c; max-width: 38rem; margin: 2rem auto; padding: 0 1rem; }
      button { font: inherit; background: #00703c; color: #fff; border: 0; padding: 0.5rem 1rem; box-shadow: 0 2px 0 #002d18; cursor: pointer; }
      button:focus { outline: 3px solid #fd0; }
      a { color: #1d70b8; }
    </style>
  </head>
  <body>
    <main>
      <h1>${title}</h1>
      ${body}
    </main>
  </body>
</html>`;

async function who(deps: AppDeps, token: string) {
  const found = readUnsubscribeToken(deps.unsubscribeKey, token);
  if (!found) return undefined;
  const person = await deps.db.selectFrom("user").select(["id", "name"]).where("id", "=", found.userId).executeTakeFirst();
  return person ? { person, scope: found.scope as UnsubscribeScope } : undefined;
}

const notValid =
  "This unsubscribe link is not valid. Sign in to Convene and choose what reaches you on your notification preferences page.";

export const unsubscribeRoute = new Hono<AppBindings>()
  .get("/:token", validate("param", tokenParam), async (c) => {
    const found = await who(c.var.deps, c.req.valid("param").token);
    if (!found) return c.html(page("This link does not work", html`<p>${notValid}</p>`), 404);
    const { preferences } = await readPreferences(c.var.deps.db, found.person.id);
    const kinds = kindsToTurnOff(preferences, found.scope);
    return c.html(
      page(
        "Stop these emails?",
        html`<p>${found.person.name}, you will no longer be emailed about ${unsubscribeWording(kinds)}. They will still appear in your Convene inbox.</p>
          <form method="post">
            <input type="hidden" name="confirm" value="1" />
            <button type="submit">Unsubscribe</button>
          </form>
          <p><a href="/notifications/preferences">Choose what reaches you, and when</a> instead.</p>`,
      ),
      200,
    );
  })
  .post("/:token", validate("param", tokenParam), async (c) => {
    // Read the body whatever it holds (List-Unsubscribe=One-Click from a mail program, confirm=1 from the page).
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const fromPage = body.confirm === "1";
    const found = await who(c.var.deps, c.req.valid("param").token);
    if (!found) {
      if (fromPage) return c.html(page("This link does not work", html`<p>${notValid}</p>`), 404);
      return c.json(errorBody("not_found", notValid), 404);
    }
    const { kinds } = await inTransaction(c, (trx) => unsubscribe(trx, found.person, found.scope));
    if (!fromPage) return c.json({ unsubscribed: kinds }, 200);
    return c.html(
      page(
        "You are unsubscribed",
        kinds.length === 0
          ? html`<p>${unsubscribeWording(kinds)}</p>`
          : html`<p>You will no longer be emailed about ${unsubscribeWording(kinds)}. Everything still appears in your Convene inbox.</p>
              <p>${raw('<a href="/notifications/preferences">Change your notification preferences</a>')}</p>`,
      ),
      200,
    );
  });
