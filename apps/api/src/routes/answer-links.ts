/**
 * The pages an alert email's answer links open. Served by the API as plain HTML forms rather than
 * by the dashboard: they must work for someone who is not signed in, on a phone's mail app
 * browser, without loading the dashboard's JavaScript; a form post needs no script (the CSP
 * allows none inline). GET only shows the confirm page, so a mail scanner that follows links
 * records nothing; the page's button POSTs, and only that records. Tokens never reach the log
 * (it keeps route patterns, not paths), and the pages send no referrer (beyond the
 * server's strict-origin policy) and are never cached.
 */
import { type AlertResponse, alertResponseLabels, alertResponses, ukDate } from "@convene/domain";
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { type AppBindings, inTransaction } from "../context.ts";
import { type AnswerLinkState, answerByLink, answerLinkState } from "../services/answer-links.ts";

const STYLE = `
:root { --ink: #1f2933; --muted: #52606d; --line: #cbd2d9; --wash: #f4f6f8; --accent: #1d4f6e; --accent-dark: #12344a; --focus: #ffbf47; --ok: #1b7a3d; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 16px; line-height: 1.5; color: var(--ink); background: var(--wash); }
header { background: var(--accent-dark); color: #fff; padding: 0.75rem 1rem; font-weight: 700; font-size: 1.15rem; }
main { max-width: 40rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
a { color: var(--accent); text-underline-offset: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; box-shadow: 0 0 0 5px var(--ink); }
.muted { color: var(--muted); }
.ask { border-left: 4px solid var(--line); padding-left: 1rem; white-space: pre-wrap; }
fieldset { border: 0; padding: 0; margin: 1.25rem 0; }
legend { font-weight: 700; font-size: 1.15rem; margin-bottom: 0.5rem; }
label { display: flex; gap: 0.6rem; align-items: center; padding: 0.4rem 0; font-size: 1.05rem; }
input[type="radio"] { width: 1.4rem; height: 1.4rem; margin: 0; accent-color: var(--accent); }
button { font: inherit; font-weight: 700; color: #fff; background: var(--ok); border: 0; border-bottom: 3px solid #0e4a24; border-radius: 6px; padding: 0.6rem 1.2rem; cursor: pointer; }
button:hover { background: #145c2e; }
.panel { border: 4px solid var(--ok); padding: 1rem; margin-bottom: 1rem; }
@media (max-width: 40rem) { main { margin: 0; border: 0; border-radius: 0; } }
`;

type Status = 200 | 400 | 403 | 404 | 410;

function page(c: Context<AppBindings>, status: Status, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  c.header("cache-control", "no-store");
  c.header("x-robots-tag", "noindex");
  return c.html(
    html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title} — Convene</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>Convene</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`,
    status,
  );
}

/** A page of the dashboard, at the address people use. */
const appUrl = (c: Context<AppBindings>, path: string) => new URL(path, c.var.deps.publicUrl ?? new URL(c.req.url).origin).toString();
const alertUrl = (c: Context<AppBindings>, alertId: number | undefined) => appUrl(c, alertId === undefined ? "/" : `/alerts/${alertId}`);

const signInLine = (c: Context<AppBindings>, alertId?: number) =>
  html`<p>You can still see the alert in <a href="${alertUrl(c, alertId)}">Convene</a> once you have signed in.</p>`;

/** Every state that records nothing: a page saying so in plain words. */
function refusalPage(c: Context<AppBindings>, state: Exclude<AnswerLinkState, { kind: "open" }>) {
  switch (state.kind) {
    case "unknown":
      return page(
        c,
        404,
        "This link does not work",
        html`<p>This answer link is not one Convene knows. Check that the whole link was copied from the email.</p>
<p>Nothing has been recorded.</p>${signInLine(c)}`,
      );
    case "used":
      return page(
        c,
        410,
        "This link has already been used",
        html`<p>An answer link works once, and an answer has already been recorded with this one on ${ukDate(state.usedAt)}.</p>
<p>Nothing new has been recorded.</p>
<p>To change your organisation's answer, sign in and open <a href="${alertUrl(c, state.alert?.id)}">the alert in Convene</a>.</p>`,
      );
    case "expired":
      return page(
        c,
        410,
        "This alert no longer takes answers",
        html`<p>${state.message}</p><p>The link has expired, and nothing has been recorded.</p>${signInLine(c, state.alert.id)}`,
      );
    case "not_yours":
      return page(c, 403, "This link no longer works", html`<p>${state.message}</p><p>Nothing has been recorded.</p>`);
  }
}

const isResponse = (v: unknown): v is AlertResponse => typeof v === "string" && (alertResponses as readonly string[]).includes(v);

export const answerLinks = new Hono<AppBindings>()
  .get("/:token", async (c) => {
    const state = await answerLinkState(c.var.deps.db, c.req.param("token"));
    if (state.kind !== "open") return refusalPage(c, state);
    const chosen = c.req.query("response");
    const selected: AlertResponse = isResponse(chosen) ? chosen : "join";
    const { alert, link, current } = state;
    return page(
      c,
      200,
      `Confirm ${link.organisationName}'s answer`,
      html`<p class="muted">Alert: ${alert.situation} · Answer by ${ukDate(alert.deadline)}</p>
<h2>${alert.title}</h2>
<p class="ask">${alert.ask}</p>
${
  current
    ? html`<p>${link.organisationName} has already answered “${alertResponseLabels[current.response]}”${current.answeredByName ? html` (recorded by ${current.answeredByName})` : ""}. Confirming replaces that answer.</p>`
    : ""
}
<form method="post">
<fieldset>
<legend>${link.organisationName}'s answer</legend>
${alertResponses.map(
  (r) =>
    html`<label><input type="radio" name="response" value="${r}"${r === selected ? raw(" checked") : ""}> ${alertResponseLabels[r]}</label>`,
)}
</fieldset>
<p>You are answering as ${state.person.name}. Nothing is recorded until you press the button.</p>
<button type="submit">Confirm answer</button>
</form>`,
    );
  })
  .post("/:token", async (c) => {
    const body = await c.req.parseBody();
    const response = body.response;
    if (!isResponse(response)) {
      return page(
        c,
        400,
        "Choose an answer",
        html`<p>Go back and choose one of the answers, then confirm it.</p><p>Nothing has been recorded.</p>`,
      );
    }
    const result = await inTransaction(c, (trx) => answerByLink(trx, c.req.param("token"), response));
    if (result.kind !== "answered") return refusalPage(c, result);
    return page(
      c,
      200,
      "Answer recorded",
      html`<div class="panel"><p><strong>${result.organisationName}: ${alertResponseLabels[result.response]}</strong></p></div>
<p>Thank you. Your organisation's answer to “${result.alert.title}” is recorded. The convenor sees it with the other organisations' answers.</p>
<p>This link has now been used. To change the answer or add a note, sign in and open <a href="${alertUrl(c, result.alert.id)}">the alert in Convene</a>.</p>`,
    );
  });
