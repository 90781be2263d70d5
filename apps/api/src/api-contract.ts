/**
 * What every route answers on success: status, media type and body schema. hono-openapi reads
 * the request schemas from the validators; this table adds the answers, so /api/openapi.json
 * lists every route with a schema for each 2xx. `api-docs.test.ts` fails when a served route
 * has no entry here.
 */
import { z } from "zod";

/** A stored record as the API returns it: always an integer id and whatever fields its kind has. */
const record = z.looseObject({ id: z.number().int() });
const items = z.array(record);
const anyObject = z.looseObject({});

/** The error body every 4xx and 5xx carries (DESIGN.md). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type Reply =
  | { status: 200 | 201; description: string; json: z.ZodType }
  | { status: 200; description: string; file: string; binary?: boolean };

const ok = (description: string, json: z.ZodType): Reply => ({ status: 200, description, json });
const created = (description: string, json: z.ZodType): Reply => ({ status: 201, description, json });
const file = (description: string, mediaType: string, binary = false): Reply => ({ status: 200, description, file: mediaType, binary });
const csv = (what: string) => file(`${what} as CSV (UTF-8 with a byte-order mark, for spreadsheets)`, "text/csv");
const ics = (what: string) => file(`${what} as an iCalendar file`, "text/calendar");

const one = (key: string) => z.object({ [key]: record });
const many = (key: string) => z.object({ [key]: items });
const deleted = z.object({ deleted: z.union([z.number().int(), z.string()]), restore: z.string().optional() });
const statementPage = z.looseObject({ statement: record, signatures: z.array(anyObject) });
const session = z.looseObject({ user: z.looseObject({ id: z.string(), email: z.string(), name: z.string() }) });

/** Keyed by "METHOD /path" as the document writes it (paths relative to the server URL /api). */
export const replies: Record<string, Reply> = {
  "GET /health": ok("The server is up", z.object({ ok: z.literal(true) })),
  "GET /me": ok("Who is signed in (null when nobody is) and the group's name", z.object({ user: anyObject.nullable(), group: anyObject })),
  "GET /openapi.json": ok("This document", anyObject),
  "GET /docs": file("The API reference page", "text/html"),
  "GET /docs/init.js": file("The reference page's start-up script", "text/javascript"),
  "GET /docs/{asset}": file("The reference page's stylesheet or script", "text/plain"),

  "POST /auth/sign-in/email": ok("Signed in: the session cookie is set", session),
  "POST /auth/sign-out": ok("Signed out: the session cookie is cleared", z.object({ success: z.boolean() })),
  "POST /auth/change-password": ok("The password was changed", session),
  "GET /auth/get-session": ok("The current session, or null", z.looseObject({ session: anyObject, user: anyObject }).nullable()),

  "GET /sessions": ok(
    "My sessions still running (device, masked address, last used), this one first and marked current",
    z.object({ sessions: z.array(z.looseObject({ id: z.string(), device: z.string(), current: z.boolean() })) }),
  ),
  "POST /sessions/end-others": ok("Every other session of mine has ended", z.object({ ended: z.number().int() })),
  "DELETE /sessions/{id}": ok("That session of mine has ended", z.object({ ended: z.number().int(), current: z.boolean() })),

  "GET /accounts": ok("Accounts and pending invitations", anyObject),
  "POST /accounts/invitations": created("An invitation link", z.object({ link: z.string(), expiresInDays: z.number() })),
  "POST /accounts/{id}/reset-link": created("A password reset link", z.object({ link: z.string(), expiresInDays: z.number() })),
  "POST /accounts/{id}/disable": ok("The account is disabled", z.object({ disabled: z.boolean() })),
  "POST /accounts/{id}/reset-two-factor": ok(
    "The person's two-factor is off until they set it up again",
    z.object({ twoFactor: z.boolean() }),
  ),
  "POST /accounts/{id}/enable": ok("The account is enabled", z.object({ disabled: z.boolean() })),
  "GET /invitations/{token}": ok("What an invitation or reset link is for", anyObject),
  "POST /invitations/{token}/accept": created("The account is made or its password set", anyObject),

  "GET /organisations": ok("Every organisation", many("organisations")),
  "POST /organisations": created("The new organisation", one("organisation")),
  "GET /organisations/{id}": ok(
    "An organisation and the goals it leads and supports",
    z.object({ organisation: record, leads: items, supports: items }),
  ),
  "PATCH /organisations/{id}": ok("The organisation as saved", one("organisation")),

  "GET /cycles": ok("Every cycle and the current one", z.object({ cycles: items, currentCycleId: z.number().int().nullable() })),
  "POST /cycles": created("The new cycle", one("cycle")),
  "GET /cycles/{id}": ok("A cycle", one("cycle")),
  "PATCH /cycles/{id}": ok("The cycle as saved", one("cycle")),
  "POST /cycles/{id}/close": ok("The closed cycle", one("cycle")),
  "GET /cycles/{id}/overview": ok("A cycle's progress overview", anyObject),
  "GET /cycles/{id}/compare": ok("A cycle compared with an earlier date", anyObject),

  "GET /themes": ok("Every theme", many("themes")),
  "POST /themes": created("The new theme", one("theme")),
  "PATCH /themes/{id}": ok("The theme as saved", one("theme")),
  "DELETE /themes/{id}": ok("The theme is gone", deleted),

  "GET /goals": ok("Goals as the viewer may see them", many("goals")),
  "POST /goals": created("The new goal", one("goal")),
  "GET /goals/{id}": ok("A goal with its history, updates and copies", z.looseObject({ goal: record, updates: items, copies: items })),
  "PATCH /goals/{id}": ok("The goal as saved", one("goal")),
  "DELETE /goals/{id}": ok("The goal is in the bin", deleted),
  "POST /goals/{id}/restore": ok("The restored goal", one("goal")),
  "POST /goals/{id}/copy-forward": created("The copy in the other cycle", one("goal")),

  "POST /measures": created("The new measure", one("measure")),
  "PATCH /measures/{id}": ok("The measure as saved", one("measure")),
  "DELETE /measures/{id}": ok("The measure is in the bin", deleted),
  "POST /measures/{id}/restore": ok("The measure is back", z.object({ restored: z.number().int() })),

  "GET /updates": ok("Progress updates", many("updates")),
  "POST /updates": created("The update and the goal it moved", z.object({ id: z.number().int(), goal: record.optional() })),
  "DELETE /updates/{id}": ok("The update is withdrawn", deleted),
  "POST /updates/{id}/restore": ok("The update is back", z.object({ restored: z.number().int() })),

  "GET /audit": ok("Audit entries, newest first", z.object({ entries: items, entities: z.array(z.string()) })),

  "GET /milestones": ok("The timeline", z.object({ milestones: items, years: z.array(z.unknown()) })),
  "POST /milestones": created("The new milestone", one("milestone")),
  "GET /milestones/{id}": ok("A milestone", one("milestone")),
  "PATCH /milestones/{id}": ok("The milestone as saved", one("milestone")),
  "DELETE /milestones/{id}": ok("The milestone is in the bin", deleted),
  "POST /milestones/{id}/restore": ok("The restored milestone", one("milestone")),

  "GET /standing-goals": ok("Standing goals and, for a cycle, the goal that carries each", many("standingGoals")),
  "POST /standing-goals/{key}/adopt": created("The goal made from the standing goal", one("goal")),

  "GET /meetings": ok("Meetings", many("meetings")),
  "POST /meetings": created("The new meeting", one("meeting")),
  "GET /meetings/next": ok(
    "The next meeting, and what a cycle lacks",
    z.object({ next: record.nullable(), warning: anyObject.nullable() }),
  ),
  "GET /meetings/attendance": ok("Attendance by organisation and year", anyObject),
  "GET /meetings/for-goal/{id}": ok("Meetings whose decisions concern a goal", many("meetings")),
  "GET /meetings/calendar-link": ok("Whether the person has a calendar link", z.object({ link: anyObject.nullable() })),
  "POST /meetings/calendar-link": created(
    "A new private calendar link (shown once)",
    z.object({ url: z.string(), webcalUrl: z.string(), createdAt: z.string() }),
  ),
  "DELETE /meetings/calendar-link": ok("The link no longer works", z.object({ revoked: z.boolean() })),
  "GET /meetings/calendar/{file}": ics("The meetings the link's owner may see"),
  "GET /meetings/{id}": ok("A meeting with its attendance and decisions", z.looseObject({ meeting: record })),
  "PATCH /meetings/{id}": ok("The meeting as saved", one("meeting")),
  "DELETE /meetings/{id}": ok("The meeting is in the bin", deleted),
  "GET /meetings/{id}/ics": ics("One meeting"),
  "POST /meetings/{id}/restore": ok("The restored meeting", z.object({ meeting: record.nullable() })),
  "PUT /meetings/{id}/attendance": ok("The meeting with its new attendance", one("meeting")),
  "POST /meetings/{id}/decisions": created("The decision", one("decision")),
  "DELETE /meetings/{id}/decisions/{decisionId}": ok("The decision is gone", deleted),

  "GET /data/goals.csv": csv("The goals table as filtered"),
  "GET /data/milestones.csv": csv("The timeline"),
  "GET /data/meetings.csv": csv("Meetings"),
  "GET /data/alerts.csv": csv("Alerts"),
  "GET /data/resources.csv": csv("The library"),
  "GET /data/roadmap.csv": csv("The road map"),
  "GET /data/goals-template.csv": csv("A template for the goal import"),
  "GET /data/my-measures.csv": csv("The measures the person can update, for the progress import"),
  "GET /data/export.json": ok("Everything Convene holds, as one JSON file to keep or restore", anyObject),
  "POST /data/goals/import/preview": ok(
    "What the import would create, or its problems",
    z.looseObject({ ok: z.boolean(), problems: items.or(z.array(anyObject)) }),
  ),
  "POST /data/goals/import": created("The goals created", z.object({ created: z.array(z.number().int()), measures: z.number().int() })),
  "POST /data/updates/import/preview": ok(
    "What the import would post, or its problems",
    z.looseObject({ ok: z.boolean(), problems: z.array(anyObject) }),
  ),
  "POST /data/updates/import": created("The updates posted", z.object({ created: z.array(z.number().int()) })),
  "GET /data/settings": ok("The convenor's settings", z.object({ publicPage: z.boolean() })),
  "PUT /data/settings/public-page": ok("The public page's new setting", z.object({ publicPage: z.boolean() })),

  "GET /public": ok("The public progress page (when the convenor has turned it on)", anyObject),
  "GET /exports/agm": ok("The AGM report and its slides", z.object({ report: anyObject, slides: z.array(anyObject) })),
  "GET /exports/agm.pptx": file("The AGM slide deck", "application/vnd.openxmlformats-officedocument.presentationml.presentation", true),

  "GET /alerts": ok("Alerts", many("alerts")),
  "POST /alerts": created("The new alert", one("alert")),
  "GET /alerts/{id}": ok("An alert and its answers", z.object({ alert: record, answers: z.array(anyObject) })),
  "PATCH /alerts/{id}": ok("The alert as saved", one("alert")),
  "GET /alerts/{id}/not-answered": ok("Organisations that have not answered", many("organisations")),
  "POST /alerts/{id}/close": ok(
    "The closed alert and a milestone draft",
    z.object({ alert: record, milestoneDraft: anyObject.nullable() }),
  ),
  "POST /alerts/{id}/withdraw": ok("The withdrawn alert", one("alert")),
  "POST /alerts/{id}/milestone": created("The milestone recorded from the alert", z.object({ alert: record, milestone: record })),
  "PUT /alerts/{id}/answer": ok(
    "The organisation's answer",
    z.looseObject({ answer: record, created: z.boolean(), alert: record.optional() }),
  ),

  "GET /resources": ok("The library", many("resources")),
  "POST /resources": created("The new resource", one("resource")),
  "GET /resources/{id}": ok("A resource", one("resource")),
  "PATCH /resources/{id}": ok("The resource as saved", one("resource")),
  "DELETE /resources/{id}": ok("The resource is in the bin", deleted),
  "POST /resources/{id}/restore": ok("The restored resource", one("resource")),

  "GET /roadmap": ok("Road map items", many("items")),
  "POST /roadmap": created("The new item", one("item")),
  "GET /roadmap/progress": ok("Road map progress over time", anyObject),
  "GET /roadmap/{id}": ok("A road map item", one("item")),
  "PATCH /roadmap/{id}": ok("The item as saved", one("item")),
  "DELETE /roadmap/{id}": ok("The item is in the bin", deleted),
  "POST /roadmap/{id}/restore": ok("The restored item", one("item")),

  "GET /feed": ok("What is new since the last visit", z.looseObject({ items: items.or(z.array(anyObject)), firstVisit: z.boolean() })),
  "POST /feed/seen": ok("The new mark", z.object({ lastSeenAt: z.string().nullable() })),
  "GET /feed/needs-you": ok("What needs the person's organisation", z.looseObject({ organisations: z.array(anyObject) })),

  "GET /contributions": ok("Contributions and their charts", z.looseObject({ contributions: items })),
  "POST /contributions": created("The new contribution", one("contribution")),
  "GET /contributions/export.csv": csv("Contributions as filtered"),
  "GET /contributions/participation": ok("Participation by organisation over a cycle", z.looseObject({ cycle: record })),
  "GET /contributions/{id}": ok("A contribution", one("contribution")),
  "PATCH /contributions/{id}": ok("The contribution as saved", one("contribution")),
  "DELETE /contributions/{id}": ok("The contribution is in the bin", deleted),
  "POST /contributions/{id}/restore": ok("The restored contribution", one("contribution")),

  "GET /proposals": ok("Proposals you may see", many("proposals")),
  "POST /proposals": created("The new proposal", one("proposal")),
  "GET /proposals/{id}": ok("A proposal with every organisation's position", z.object({ proposal: record, positions: z.array(anyObject) })),
  "PATCH /proposals/{id}": ok("The proposal as saved", one("proposal")),
  "GET /proposals/{id}/results": ok("The tally, the quorum and the organisations that have not given a position", anyObject),
  "POST /proposals/{id}/close": ok("The closed proposal", one("proposal")),
  "POST /proposals/{id}/extend": ok("The proposal with its new closing time", one("proposal")),
  "POST /proposals/{id}/withdraw": ok("The withdrawn proposal", one("proposal")),
  "POST /proposals/{id}/outcome": ok("The proposal with its recorded outcome", one("proposal")),
  "PUT /proposals/{id}/position": ok("Your organisation's position, given or changed (201 when it is new)", anyObject),

  "GET /statements": ok("Statements you may see", many("statements")),
  "POST /statements": created("The new statement and its first version", statementPage),
  "GET /statements/{id}": ok("A statement with its text, signatures you may see and recipients", statementPage),
  "PATCH /statements/{id}": ok("The statement as saved (a text change makes a new version)", statementPage),
  "PUT /statements/{id}/signers/{organisationId}": ok("The statement with who may sign for the organisation", statementPage),
  "PUT /statements/{id}/signature": ok("The statement with your organisation's signature (201 when it is new)", statementPage),
  "DELETE /statements/{id}/signature": ok("The statement without your organisation's signature", statementPage),
  "POST /statements/{id}/recipients": created("The statement with the new recipient", statementPage),
  "PATCH /statements/{id}/recipients/{recipientId}": ok("The statement with the recipient's reply", statementPage),
  "POST /statements/{id}/publish": ok(
    "The published statement and the milestone that records it",
    statementPage.extend({ milestone: record }),
  ),
};

/** Better Auth's routes the dashboard uses, documented by path (Better Auth serves them under /api/auth/*). */
export const authPaths: Record<string, { method: "get" | "post"; summary: string; body?: z.ZodType }> = {
  "/auth/sign-in/email": {
    method: "post",
    summary: "Sign in with email and password",
    body: z.object({ email: z.email(), password: z.string(), rememberMe: z.boolean().optional() }),
  },
  "/auth/sign-out": { method: "post", summary: "Sign out" },
  "/auth/change-password": {
    method: "post",
    summary: "Change the signed-in person's password",
    body: z.object({ currentPassword: z.string(), newPassword: z.string(), revokeOtherSessions: z.boolean().optional() }),
  },
  "/auth/get-session": { method: "get", summary: "The current session" },
};
