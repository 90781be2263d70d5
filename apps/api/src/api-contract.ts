/**
 * What every route answers on success: status, media type and body schema. hono-openapi reads
 * the request schemas from the validators; this table adds the answers, so /api/openapi.json
 * lists every route with a schema for each 2xx. `api-docs.test.ts` fails when a served route
 * has no entry here.
 */
import { agmReportSchema, output as o, pagedAnswerSchema } from "@convene/domain";
import { z } from "zod";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./services/json-export.ts";

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
  /** `cached`: the answer carries an ETag, and If-None-Match with it answers 304 (answer-cache.ts). */
  | { status: 200 | 201; description: string; json: z.ZodType; cached?: true }
  | { status: 200; description: string; file: string; binary?: boolean };

const ok = (description: string, json: z.ZodType): Reply => ({ status: 200, description, json });
const created = (description: string, json: z.ZodType): Reply => ({ status: 201, description, json });
const file = (description: string, mediaType: string, binary = false): Reply => ({ status: 200, description, file: mediaType, binary });
const csv = (what: string) => file(`${what} as CSV (UTF-8 with a byte-order mark, for spreadsheets)`, "text/csv");
const ics = (what: string) => file(`${what} as an iCalendar file`, "text/calendar");

const one = (key: string, schema: z.ZodType) => z.object({ [key]: schema });
const many = (key: string, schema: z.ZodType) => z.object({ [key]: z.array(schema) });
/** A list paged by the shared contract (packages/domain/src/paging.ts). */
const paged = (key: string, schema: z.ZodType) => pagedAnswerSchema(key, schema);
const deleted = o.deletedAnswer;
const statementPage = o.statementPageOutput;
/** A row of the goals table (packages/db/src/queries/goal-page.ts): what the table shows. */
const goalRow = o.goalOutput.pick({
  id: true,
  cycleId: true,
  title: true,
  themeId: true,
  themeName: true,
  leadOrganisationId: true,
  leadName: true,
  leadShortName: true,
  status: true,
  progress: true,
  dueDate: true,
  lastUpdateAt: true,
  visibility: true,
  version: true,
  deletedAt: true,
});
/** A record named in a picker. */
const choice = z.looseObject({ id: z.number().int(), version: z.number().int() });
const session = z.looseObject({ user: z.looseObject({ id: z.string(), email: z.string(), name: z.string() }) });

/** Keyed by "METHOD /path" as the document writes it (paths relative to the server URL /api). */
export const replies: Record<string, Reply> = {
  "GET /health": ok("The server is up", z.object({ ok: z.literal(true) })),
  "GET /me": ok("Who is signed in (null when nobody is) and the group's name", o.meOutput),
  "GET /openapi.json": ok("This document", anyObject),
  "GET /docs": file("The API reference page", "text/html"),
  "GET /docs/init.js": file("The reference page's start-up script", "text/javascript"),
  "GET /docs/{asset}": file("The reference page's stylesheet or script", "text/plain"),

  "POST /auth/sign-in/email": ok(
    "Signed in: the session cookie is set; or, when two-factor is on, the code is asked for next (POST /auth/two-factor/verify-totp)",
    z.union([session, z.looseObject({ twoFactorRedirect: z.literal(true) })]),
  ),
  "POST /auth/sign-out": ok("Signed out: the session cookie is cleared", z.object({ success: z.boolean() })),
  "POST /auth/change-password": ok("The password was changed", session),
  "GET /auth/get-session": ok("The current session, or null", z.looseObject({ session: anyObject, user: anyObject }).nullable()),

  "GET /sessions": ok(
    "My sessions still running (device, masked address, last used), this one first and marked current",
    z.object({ sessions: z.array(z.looseObject({ id: z.string(), device: z.string(), current: z.boolean() })) }),
  ),
  "POST /sessions/end-others": ok("Every other session of mine has ended", z.object({ ended: z.number().int() })),
  "DELETE /sessions/{id}": ok("That session of mine has ended", z.object({ ended: z.number().int(), current: z.boolean() })),

  "GET /accounts": ok("Accounts and pending invitations", o.accountsOutput),
  "POST /accounts/invitations": created("An invitation link", z.object({ link: z.string(), expiresInDays: z.number() })),
  "POST /accounts/{id}/reset-link": created("A password reset link", z.object({ link: z.string(), expiresInDays: z.number() })),
  "POST /accounts/{id}/disable": ok("The account is disabled", z.object({ disabled: z.boolean() })),
  "POST /accounts/{id}/reset-two-factor": ok(
    "The person's two-factor is off until they set it up again",
    z.object({ twoFactor: z.boolean() }),
  ),
  "POST /accounts/{id}/enable": ok("The account is enabled", z.object({ disabled: z.boolean() })),
  "GET /accounts/{id}/export": ok("Everything Convene holds about one person, as a JSON download", o.personalDataOutput),
  "POST /accounts/{id}/erase": ok("The person is erased; what they wrote now shows this name", o.erasedOutput),
  "GET /accounts/dormant": ok("Accounts in use that have gone unused past the limit, and the limit", o.dormantAccountsOutput),
  "POST /accounts/dormant/sweep": ok("How many unused accounts were warned and disabled now", o.dormantSweepOutput),
  "GET /invitations/{token}": ok("What an invitation or reset link is for", o.invitationOutput),
  "POST /invitations/{token}/accept": created("The account is made or its password set", o.linkUsedOutput),

  "GET /organisations": ok("Every organisation", many("organisations", o.organisationOutput)),
  "POST /organisations": created("The new organisation", one("organisation", o.organisationOutput)),
  "GET /organisations/{id}": ok("An organisation and the goals it leads and supports", o.organisationPageOutput),
  "PATCH /organisations/{id}": ok("The organisation as saved", one("organisation", o.organisationOutput)),
  "POST /organisations/{id}/leave": ok(
    "The organisation has left the group; its people's accounts are disabled",
    z.object({ organisation: o.organisationOutput, accountsDisabled: z.number().int() }),
  ),

  "GET /cycles": ok(
    "Every cycle and the current one",
    z.object({ cycles: z.array(o.cycleOutput), currentCycleId: z.number().int().nullable() }),
  ),
  "POST /cycles": created("The new cycle", one("cycle", o.cycleOutput)),
  "GET /cycles/{id}": ok("A cycle", one("cycle", o.cycleOutput)),
  "PATCH /cycles/{id}": ok("The cycle as saved", one("cycle", o.cycleOutput)),
  "POST /cycles/{id}/close": ok("The closed cycle", one("cycle", o.cycleOutput)),
  "GET /cycles/{id}/overview": { ...ok("A cycle's progress overview", o.overviewOutput), cached: true },
  "GET /cycles/{id}/compare": { ...ok("A cycle compared with an earlier date", o.compareOutput), cached: true },

  "GET /themes": ok("Every theme", many("themes", o.themeOutput)),
  "POST /themes": created("The new theme", one("theme", o.themeOutput)),
  "PATCH /themes/{id}": ok("The theme as saved", one("theme", o.themeOutput)),
  "DELETE /themes/{id}": ok("The theme is gone", deleted),

  "GET /goals": ok("One page of the goals the viewer may see, with the total", paged("goals", goalRow)),
  "GET /goals/choices": ok(
    "Every matching goal by name and version, for pickers",
    many("goals", choice.extend({ title: z.string(), cycleId: z.number().int(), cycleName: z.string() })),
  ),
  "POST /goals": created("The new goal", one("goal", o.goalOutput)),
  "GET /goals/{id}": ok("A goal with its history, updates and copies", o.goalPageOutput),
  "PATCH /goals/{id}": ok("The goal as saved", one("goal", o.goalOutput)),
  "DELETE /goals/{id}": ok("The goal is in the bin", deleted),
  "POST /goals/{id}/restore": ok("The restored goal", one("goal", o.goalOutput)),
  "POST /goals/{id}/copy-forward": created("The copy in the other cycle", one("goal", o.goalOutput)),

  "POST /measures": created("The new measure", one("measure", o.measureRecordOutput)),
  "PATCH /measures/{id}": ok("The measure as saved", one("measure", o.measureRecordOutput)),
  "DELETE /measures/{id}": ok("The measure is in the bin", deleted),
  "POST /measures/{id}/restore": ok("The measure is back", o.restoredAnswer),

  "GET /updates": ok("Progress updates", many("updates", o.progressUpdateOutput)),
  "POST /updates": created("The update and the goal it moved", z.object({ id: z.number().int(), goal: o.goalOutput.optional() })),
  "DELETE /updates/{id}": ok("The update is withdrawn", deleted),
  "POST /updates/{id}/restore": ok("The update is back", o.restoredAnswer),

  "GET /audit": ok(
    "One page of audit entries, newest first",
    paged("entries", o.auditOutput.shape.entries.element).extend({ entities: z.array(z.string()) }),
  ),

  "GET /milestones": ok(
    "One page of the timeline, and the years it spans",
    paged("milestones", o.milestoneOutput).extend({ years: z.array(z.number().int()) }),
  ),
  "GET /milestones/choices": ok("Every matching milestone, for pickers", many("milestones", o.milestoneOutput)),
  "POST /milestones": created("The new milestone", one("milestone", o.milestoneOutput)),
  "GET /milestones/{id}": ok("A milestone", one("milestone", o.milestoneOutput)),
  "PATCH /milestones/{id}": ok("The milestone as saved", one("milestone", o.milestoneOutput)),
  "DELETE /milestones/{id}": ok("The milestone is in the bin", deleted),
  "POST /milestones/{id}/restore": ok("The restored milestone", one("milestone", o.milestoneOutput)),

  "GET /standing-goals": ok("Standing goals and, for a cycle, the goal that carries each", many("standingGoals", o.standingGoalOutput)),
  "POST /standing-goals/{key}/adopt": created("The goal made from the standing goal", one("goal", o.goalOutput)),

  "GET /meetings": ok("One page of meetings", paged("meetings", o.meetingOutput)),
  "GET /meetings/choices": ok("Every matching meeting, oldest first, for pickers", many("meetings", o.meetingOutput)),
  "POST /meetings": created("The new meeting", one("meeting", o.meetingOutput)),
  "GET /meetings/next": ok(
    "The next meeting, and what a cycle lacks",
    z.object({
      next: o.meetingOutput.nullable(),
      warning: z.looseObject({ cycleId: z.number().int(), cycleName: z.string(), missing: z.array(z.string()) }).nullable(),
    }),
  ),
  "GET /meetings/attendance": ok(
    "Attendance by organisation and year",
    z.looseObject({
      rows: z.array(
        z.looseObject({
          organisationId: z.number().int(),
          organisationName: z.string(),
          shortName: z.string(),
          year: z.string(),
          attended: z.number().int(),
        }),
      ),
      years: z.array(z.looseObject({ year: z.string(), meetings: z.number().int() })),
    }),
  ),
  "GET /meetings/for-goal/{id}": ok(
    "Meetings whose decisions concern a goal",
    z.object({
      meetings: z.array(
        z.looseObject({
          id: z.number().int(),
          title: z.string(),
          kind: z.string(),
          startsAt: z.string(),
          decisionId: z.number().int(),
          text: z.string(),
          goalAction: z.string().nullable(),
        }),
      ),
      /** Proposals whose outcome created or changed the goal ("Decided by proposal"). */
      proposals: z.array(
        z.looseObject({
          id: z.number().int(),
          question: z.string(),
          closedAt: z.string().nullable(),
          decisionId: z.number().int(),
          text: z.string(),
          goalAction: z.string().nullable(),
        }),
      ),
    }),
  ),
  "GET /meetings/calendar-link": ok(
    "Whether the person has a calendar link",
    z.object({ link: z.looseObject({ createdAt: z.string() }).nullable() }),
  ),
  "POST /meetings/calendar-link": created(
    "A new private calendar link (shown once)",
    z.object({ url: z.string(), webcalUrl: z.string(), createdAt: z.string() }),
  ),
  "DELETE /meetings/calendar-link": ok("The link no longer works", z.object({ revoked: z.boolean() })),
  "GET /meetings/calendar/{file}": ics("The meetings the link's owner may see"),
  "GET /meetings/{id}": ok("A meeting with its attendance and decisions", o.meetingPageOutput),
  "PATCH /meetings/{id}": ok("The meeting as saved", one("meeting", o.meetingOutput)),
  "DELETE /meetings/{id}": ok("The meeting is in the bin", deleted),
  "GET /meetings/{id}/ics": ics("One meeting"),
  "POST /meetings/{id}/restore": ok("The restored meeting", z.object({ meeting: o.meetingOutput.nullable() })),
  "PUT /meetings/{id}/attendance": ok("The meeting with its new attendance", one("meeting", o.meetingOutput)),
  "POST /meetings/{id}/decisions": created("The decision", one("decision", o.decisionOutput)),
  "DELETE /meetings/{id}/decisions/{decisionId}": ok("The decision is removed from the meeting; restorable", deleted),
  "POST /meetings/{id}/decisions/{decisionId}/restore": ok("The decision is back", o.restoredAnswer),

  "GET /data/goals.csv": csv("The goals table as filtered"),
  "GET /data/milestones.csv": csv("The timeline"),
  "GET /data/meetings.csv": csv("Meetings"),
  "GET /data/alerts.csv": csv("Alerts"),
  "GET /data/resources.csv": csv("The library"),
  "GET /data/roadmap.csv": csv("The road map"),
  "GET /data/goals-template.csv": csv("A template for the goal import"),
  "GET /data/my-measures.csv": csv("The measures the person can update, for the progress import"),
  "GET /data/export.json": ok(
    "Everything Convene holds, as one JSON file to keep or restore",
    z.looseObject({
      format: z.literal(EXPORT_FORMAT),
      version: z.literal(EXPORT_VERSION),
      schema: z.looseObject({ migrations: z.array(z.string()) }),
      exportedAt: z.string(),
      excluded: z.record(z.string(), z.string()),
      tables: z.record(z.string(), z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))),
    }),
  ),
  "POST /data/goals/import/preview": ok(
    "What the import would create, or its problems",
    z.looseObject({
      ok: z.boolean(),
      problems: z.array(o.importProblem),
      goals: z
        .array(
          z.looseObject({
            row: z.number().int(),
            title: z.string(),
            themeName: z.string().nullable(),
            leadName: z.string().nullable(),
            status: z.string(),
            visibility: z.string(),
            dueDate: z.string().nullable(),
            description: z.string(),
            supporterNames: z.array(z.string()),
            existingGoalId: z.number().int().nullable(),
            measures: z.array(
              z.union([
                z.looseObject({
                  name: z.string(),
                  kind: z.literal("numeric"),
                  unit: z.string(),
                  baseline: z.number(),
                  target: z.number(),
                  current: z.number().nullable(),
                }),
                z.looseObject({ name: z.string(), kind: z.literal("milestone"), done: z.boolean() }),
              ]),
            ),
          }),
        )
        .optional(),
    }),
  ),
  "POST /data/goals/import": created(
    "The goals created, updated or skipped (goals the cycle already has need `existing`: skip or update; 409 without it)",
    z.object({
      created: z.array(z.number().int()),
      updated: z.array(z.number().int()),
      skipped: z.array(z.number().int()),
      measures: z.number().int(),
    }),
  ),
  "POST /data/updates/import/preview": ok(
    "What the import would post, or its problems",
    z.looseObject({
      ok: z.boolean(),
      problems: z.array(o.importProblem),
      updates: z
        .array(
          z.looseObject({
            rows: z.array(z.number().int()),
            goalId: z.number().int(),
            goalTitle: z.string(),
            note: z.string(),
            status: z.string().nullable(),
            values: z.array(
              z.looseObject({
                measureId: z.number().int(),
                measureName: z.string(),
                unit: z.string(),
                from: z.number().nullable(),
                to: z.number(),
              }),
            ),
          }),
        )
        .optional(),
    }),
  ),
  "POST /data/updates/import": created("The updates posted", z.object({ created: z.array(z.number().int()) })),
  "GET /data/settings": ok("The convenor's settings", z.object({ publicPage: z.boolean(), twoFactorForEveryone: z.boolean() })),
  "PUT /data/settings/two-factor": ok(
    "Whether two-factor sign-in is now required of everyone (the convenor always needs it)",
    z.object({ twoFactorForEveryone: z.boolean() }),
  ),
  "PUT /data/settings/public-page": ok("The public page's new setting", z.object({ publicPage: z.boolean() })),

  "GET /public": ok("The public progress page (when the convenor has turned it on)", o.publicPageOutput),
  "GET /exports/agm": ok(
    "The AGM report and its slides",
    z.object({ report: agmReportSchema, slides: z.array(z.looseObject({ id: z.string(), kind: z.string(), title: z.string() })) }),
  ),
  "GET /exports/agm.pptx": file("The AGM slide deck", "application/vnd.openxmlformats-officedocument.presentationml.presentation", true),

  "GET /notifications": ok(
    "My notifications, newest first, that I may still see: a page of them, how many there are and how many are unread",
    z.object({
      notifications: z.array(o.notificationOutput),
      total: z.number().int(),
      unread: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
  ),
  "GET /notifications/deliveries": ok(
    "For the convenor: whether email is on, how many deliveries wait, have failed (with their last error) or were sent",
    z.object({
      email: z.object({
        on: z.boolean(),
        /** When this server last reached (or failed to reach) its mail server. */
        checkedAt: z.string().nullable(),
        /** What went wrong the last time, in plain words; null when it worked. */
        error: z.string().nullable(),
      }),
      waiting: z.number().int(),
      failingCount: z.number().int(),
      sent: z.number().int(),
      failing: z.array(o.deliveryOutput),
    }),
  ),
  "POST /notifications/deliveries/retry": ok(
    "For the convenor: how many failing deliveries were made due now (the worker tries them at once)",
    z.object({ retried: z.number().int() }),
  ),
  "POST /notifications/{id}/read": ok("The notification, marked read", one("notification", o.notificationOutput)),
  "POST /notifications/read-all": ok("How many notifications were marked read", z.object({ marked: z.number().int() })),
  "GET /notifications/preferences": ok(
    "My notification preferences (the defaults, version 0, until I save my own), whether email is on, and the group's rest periods not yet over",
    z.object({
      preferences: o.notificationPreferencesOutput,
      version: z.number().int(),
      email: z.object({ on: z.boolean() }),
      restPeriods: z.array(o.restPeriodOutput),
    }),
  ),
  "PUT /notifications/preferences": ok(
    "My notification preferences, saved, with their new version",
    z.object({ preferences: o.notificationPreferencesOutput, version: z.number().int() }),
  ),
  "GET /notifications/rest-periods": ok(
    "The group's rest periods: those not yet over, soonest first, and the last few past; whether email is on",
    z.object({ current: z.array(o.restPeriodOutput), past: z.array(o.restPeriodOutput), email: z.object({ on: z.boolean() }) }),
  ),
  "POST /notifications/rest-periods": created("The rest period, declared", one("restPeriod", o.restPeriodOutput)),
  "POST /notifications/rest-periods/{id}/end": ok("The rest period, ended now", one("restPeriod", o.restPeriodOutput)),
  "GET /unsubscribe/{token}": file("A page asking to confirm unsubscribing (changes nothing)", "text/html"),
  "POST /unsubscribe/{token}": ok(
    "Email of that kind (or the digest's kinds) is turned off for that person: the kinds turned off. From the confirm page's form, a page saying so instead",
    z.object({ unsubscribed: z.array(z.string()) }),
  ),

  "GET /webhooks": ok("The group's webhooks (convenor only), without their secrets", many("webhooks", o.webhookOutput)),
  "POST /webhooks": created(
    "The new webhook, and its secret: shown this once, never answered again",
    z.object({ webhook: o.webhookOutput, secret: z.string() }),
  ),
  "GET /webhooks/{id}": ok("A webhook, without its secret", one("webhook", o.webhookOutput)),
  "PATCH /webhooks/{id}": ok("The webhook as saved", one("webhook", o.webhookOutput)),
  "DELETE /webhooks/{id}": ok("The webhook is in the bin", deleted),
  "POST /webhooks/{id}/restore": ok("The restored webhook", one("webhook", o.webhookOutput)),
  "POST /webhooks/{id}/test": ok(
    "A test event was sent now: whether the hook answered 2xx, and its error if not",
    z.object({ ok: z.boolean(), error: z.string().nullable(), webhook: o.webhookOutput }),
  ),

  "GET /alerts": ok("One page of alerts, open ones first", paged("alerts", o.alertOutput)),
  "POST /alerts": created("The new alert", one("alert", o.alertOutput)),
  "GET /alerts/audience": ok(
    "Who would be told of an alert raised now at this visibility and urgency, and how: the counts the outbox would write",
    z.object({
      audience: z.object({
        emailOn: z.boolean(),
        people: z.number().int(),
        organisations: z.number().int(),
        byEmail: z.object({ people: z.number().int(), organisations: z.number().int() }),
        dashboardOnly: z.object({ people: z.number().int(), organisations: z.number().int() }),
      }),
    }),
  ),
  "GET /answer-links/{token}": file(
    "The page an alert email's answer link opens: asks to confirm the organisation's answer (records nothing), or says the link is used or expired",
    "text/html",
  ),
  "POST /answer-links/{token}": file("Records the confirmed answer once, and says so; a used or expired link records nothing", "text/html"),
  "GET /alerts/{id}": ok(
    "An alert and its answers",
    z.object({
      alert: o.alertOutput,
      answers: z.array(o.alertAnswerOutput.extend({ organisationName: z.string(), organisationShortName: z.string() })),
    }),
  ),
  "PATCH /alerts/{id}": ok("The alert as saved", one("alert", o.alertOutput)),
  "GET /alerts/{id}/not-answered": ok("Organisations that have not answered", many("organisations", o.organisationRef)),
  "POST /alerts/{id}/close": ok(
    "The closed alert and a milestone draft",
    z.object({ alert: o.alertOutput, milestoneDraft: o.milestoneDraftOutput.nullable() }),
  ),
  "POST /alerts/{id}/withdraw": ok("The withdrawn alert", one("alert", o.alertOutput)),
  "POST /alerts/{id}/milestone": created(
    "The milestone recorded from the alert",
    z.object({ alert: o.alertOutput, milestone: o.milestoneOutput }),
  ),
  "PUT /alerts/{id}/answer": ok(
    "The organisation's answer",
    z.looseObject({ answer: o.alertAnswerOutput, created: z.boolean(), alert: o.alertOutput.optional() }),
  ),

  "GET /resources": ok("The library", z.object({ resources: z.array(o.resourceOutput), tags: z.array(z.string()) })),
  "POST /resources": created("The new resource", one("resource", o.resourceOutput)),
  "GET /resources/{id}": ok("A resource", one("resource", o.resourceOutput)),
  "PATCH /resources/{id}": ok("The resource as saved", one("resource", o.resourceOutput)),
  "DELETE /resources/{id}": ok("The resource is in the bin", deleted),
  "POST /resources/{id}/restore": ok("The restored resource", one("resource", o.resourceOutput)),

  "GET /roadmap": ok("Road map items", many("items", o.roadmapItemOutput)),
  "POST /roadmap": created("The new item", one("item", o.roadmapItemOutput)),
  "GET /roadmap/progress": ok("Road map progress over time", o.roadmapProgressOutput),
  "GET /roadmap/{id}": ok(
    "A road map item and its history",
    z.looseObject({
      item: o.roadmapItemOutput,
      history: z.array(
        z.looseObject({ id: z.number().int(), itemId: z.number().int(), at: z.string(), status: z.string(), percentComplete: z.number() }),
      ),
    }),
  ),
  "PATCH /roadmap/{id}": ok("The item as saved", one("item", o.roadmapItemOutput)),
  "DELETE /roadmap/{id}": ok("The item is in the bin", deleted),
  "POST /roadmap/{id}/restore": ok("The restored item", one("item", o.roadmapItemOutput)),

  "GET /feed": ok("What is new since the last visit", o.feedOutput),
  "POST /feed/seen": ok("The new mark", z.object({ lastSeenAt: z.string().nullable() })),
  "GET /feed/needs-you": ok("What needs the person's organisation", o.needsYouOutput),

  "GET /contributions": ok("Contributions and their charts", o.contributionsOutput),
  "POST /contributions": created("The new contribution", one("contribution", o.contributionOutput)),
  "GET /contributions/export.csv": csv("Contributions as filtered"),
  "GET /contributions/participation": ok("Participation by organisation over a cycle", o.participationOutput),
  "GET /contributions/{id}": ok("A contribution", one("contribution", o.contributionOutput)),
  "PATCH /contributions/{id}": ok("The contribution as saved", one("contribution", o.contributionOutput)),
  "DELETE /contributions/{id}": ok("The contribution is in the bin", deleted),
  "POST /contributions/{id}/restore": ok("The restored contribution", one("contribution", o.contributionOutput)),

  "GET /proposals": ok("Proposals you may see", many("proposals", o.proposalOutput)),
  "POST /proposals": created("The new proposal", one("proposal", o.proposalOutput)),
  "GET /proposals/{id}": ok("A proposal with every organisation's position", o.proposalPageOutput),
  "PATCH /proposals/{id}": ok("The proposal as saved", one("proposal", o.proposalOutput)),
  "GET /proposals/{id}/results": ok("The tally, the quorum and the organisations that have not given a position", o.proposalResultsOutput),
  "POST /proposals/{id}/close": ok("The closed proposal", one("proposal", o.proposalOutput)),
  "POST /proposals/{id}/extend": ok("The proposal with its new closing time", one("proposal", o.proposalOutput)),
  "POST /proposals/{id}/withdraw": ok("The withdrawn proposal", one("proposal", o.proposalOutput)),
  "POST /proposals/{id}/outcome": ok(
    "The proposal with its recorded outcome, and the decision it entered in the decisions log (null for a withdrawn proposal)",
    z.object({ proposal: o.proposalOutput, decision: o.decisionOutput.nullable() }),
  ),
  "PUT /proposals/{id}/position": ok("Your organisation's position, given or changed (201 when it is new)", o.positionGivenOutput),

  "GET /statements": ok("Statements you may see", many("statements", o.statementOutput)),
  "GET /statements/{id}/letter.pdf": file("The statement as a letter (PDF): final text and named signatories", "application/pdf", true),
  "GET /statements/{id}/letter.docx": file(
    "The statement as a Word letter: final text and named signatories",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    true,
  ),
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
    statementPage.extend({ milestone: o.milestoneOutput }),
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
