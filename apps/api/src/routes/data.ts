/**
 * Data in and out: the goals table as CSV (as filtered and sorted on screen, visibility-filtered),
 * the convenor's complete JSON export, spreadsheet imports of goals (convenor) and of measure
 * values as progress updates (members), and the public page's on/off setting.
 */
import {
  getCycle,
  listAlerts,
  listGoals,
  listMeetings,
  listMilestones,
  listOrganisations,
  listResources,
  listRoadmapItems,
  listThemes,
} from "@convene/db";
import {
  alertListQuerySchema,
  compareAlerts,
  goalListQuerySchema,
  meetingListQuerySchema,
  milestoneListQuerySchema,
  resourceListQuerySchema,
  roadmapProgressQuerySchema,
  twoFactorSettingSchema as twoFactorSettingBody,
  visibilitySchema,
} from "@convene/domain";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { ApiError, errorBody, forbidden, notFound } from "../errors.ts";
import { toCsv } from "../services/csv.ts";
import {
  existingGoalChoices,
  existingOf,
  GOAL_IMPORT_COLUMNS,
  GOAL_TEMPLATE_ROWS,
  planGoalImport,
  planProgressImport,
  type RowProblem,
  runGoalImport,
  runProgressImport,
} from "../services/csv-import.ts";
import { goalsCsv, measureSheetCsv, sortGoals } from "../services/goal-csv.ts";
import { requireOpenCycle } from "../services/goals.ts";
import { exportDatabase } from "../services/json-export.ts";
import { alertsCsv, meetingsCsv, milestonesCsv, resourcesCsv, roadmapCsv } from "../services/list-csv.ts";
import { publicPageEnabled, setPublicPage } from "../services/public-page.ts";
import { setTwoFactorForEveryone, twoFactorForEveryone } from "../services/two-factor.ts";
import { validate } from "../validate.ts";

/** Uploads are read whole; anything over this is refused before it is read (413). */
const uploadLimit = bodyLimit({
  maxSize: 1_500_000,
  onError: (c) => c.json(errorBody("too_large", "The file is larger than 1 MB. Split it into smaller files."), 413),
});

const goalImportBody = z.object({
  cycleId: z.number().int().positive(),
  csv: z.string(),
  /** Goals the cycle already has (same title): leave them ("skip") or update them; without a choice the import is refused (409). */
  existing: z.enum(existingGoalChoices, { error: "must be skip or update" }).optional(),
});
const progressImportBody = z.object({ csv: z.string(), visibility: visibilitySchema.optional() });
const goalsCsvQuery = goalListQuerySchema.extend({ sort: z.string().max(40).optional() });
const sheetQuery = z.object({ cycleId: z.coerce.number().int().positive() });
/** The milestones page's filters and its order (newest first unless asked). */
const milestonesCsvQuery = milestoneListQuerySchema.extend({ order: z.enum(["asc", "desc"], { error: "must be asc or desc" }).optional() });

function csvFile(c: Context<AppBindings>, name: string, csv: string) {
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${name}"`);
  c.header("cache-control", "no-store");
  // A byte-order mark tells Excel the file is UTF-8 (names with accents stay readable).
  return c.body(`\uFEFF${csv}`, 200);
}

const fileName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "convene";

const notValid = (problems: RowProblem[]) =>
  new ApiError(
    400,
    "invalid_input",
    `The file has ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}; nothing was imported. Fix ${problems.length === 1 ? "it" : "them"} and upload it again.`,
    { problems },
  );

export const data = new Hono<AppBindings>()
  .get("/goals.csv", validate("query", goalsCsvQuery), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const { sort, ...filter } = c.req.valid("query");
    const [goals, orgs, cycle] = await Promise.all([
      listGoals(db, viewerOf(c), filter),
      listOrganisations(db),
      filter.cycleId ? getCycle(db, filter.cycleId) : undefined,
    ]);
    return csvFile(c, `goals-${fileName(cycle?.name ?? "all-cycles")}.csv`, goalsCsv(sortGoals(goals, sort), orgs));
  })
  // Each list's CSV takes the same filters as the list on screen and reads through the same
  // viewer-filtered query, so it holds exactly the rows that page shows.
  .get("/roadmap.csv", validate("query", roadmapProgressQuerySchema), async (c) => {
    signedIn(c);
    const { from, to } = c.req.valid("query");
    const items = await listRoadmapItems(c.var.deps.db, viewerOf(c), { from, to });
    return csvFile(c, `roadmap${from ? `-${from}` : ""}${to ? `-to-${to}` : ""}.csv`, roadmapCsv(items));
  })
  .get("/milestones.csv", validate("query", milestonesCsvQuery), async (c) => {
    signedIn(c);
    const query = c.req.valid("query");
    const list = await listMilestones(c.var.deps.db, viewerOf(c), { ...query, order: query.order ?? "desc" });
    return csvFile(c, `milestones${query.year ? `-${query.year}` : ""}.csv`, milestonesCsv(list));
  })
  .get("/meetings.csv", validate("query", meetingListQuerySchema), async (c) => {
    signedIn(c);
    const list = await listMeetings(c.var.deps.db, viewerOf(c), c.req.valid("query"));
    return csvFile(c, "meetings.csv", meetingsCsv(list));
  })
  .get("/alerts.csv", validate("query", alertListQuerySchema), async (c) => {
    signedIn(c);
    const query = c.req.valid("query");
    const list = await listAlerts(c.var.deps.db, viewerOf(c), query);
    return csvFile(c, `alerts${query.state ? `-${query.state}` : ""}.csv`, alertsCsv(list.sort(compareAlerts)));
  })
  .get("/resources.csv", validate("query", resourceListQuerySchema), async (c) => {
    signedIn(c);
    const list = await listResources(c.var.deps.db, viewerOf(c), c.req.valid("query"));
    return csvFile(c, "resources.csv", resourcesCsv(list));
  })
  .get("/export.json", async (c) => {
    convenorOnly(c);
    const doc = await exportDatabase(c.var.deps.db);
    c.header("content-disposition", `attachment; filename="convene-export-${doc.exportedAt.slice(0, 10)}.json"`);
    c.header("cache-control", "no-store");
    return c.json(doc, 200);
  })
  .get("/goals-template.csv", (c) => {
    signedIn(c);
    return csvFile(c, "convene-goals-template.csv", toCsv(GOAL_IMPORT_COLUMNS, GOAL_TEMPLATE_ROWS));
  })
  .post("/goals/import/preview", uploadLimit, validate("json", goalImportBody), async (c) => {
    convenorOnly(c);
    const { db } = c.var.deps;
    const { cycleId, csv } = c.req.valid("json");
    await requireOpenCycle(db, cycleId);
    const plan = await planGoalImport(db, cycleId, csv);
    const [themes, orgs] = await Promise.all([listThemes(db), listOrganisations(db)]);
    const orgName = (id: number | null) => orgs.find((o) => o.id === id)?.name ?? null;
    return c.json(
      {
        ok: plan.problems.length === 0,
        problems: plan.problems,
        /** Goals of the file the cycle already has: the import asks to skip or update them. */
        existing: existingOf(plan.goals),
        goals: plan.goals.map((g) => ({
          row: g.row,
          title: g.input.title,
          description: g.input.description,
          themeName: themes.find((t) => t.id === g.input.themeId)?.name ?? null,
          leadName: orgName(g.input.leadOrganisationId),
          supporterNames: g.input.supportingOrganisationIds.map(orgName).filter((n) => n !== null),
          status: g.input.status,
          visibility: g.input.visibility,
          dueDate: g.input.dueDate,
          existingGoalId: g.existing?.id ?? null,
          measures: g.measures.map((m) =>
            m.kind === "numeric"
              ? { name: m.name, kind: m.kind, unit: m.unit, baseline: m.baseline, target: m.target, current: m.current ?? null }
              : { name: m.name, kind: m.kind, done: m.done },
          ),
        })),
      },
      200,
    );
  })
  .post("/goals/import", uploadLimit, validate("json", goalImportBody), async (c) => {
    const user = convenorOnly(c);
    const { cycleId, csv, existing } = c.req.valid("json");
    // Checked and written in one transaction: the plan cannot go stale before it is written.
    const result = await inTransaction(c, async (trx) => {
      await requireOpenCycle(trx, cycleId);
      const plan = await planGoalImport(trx, cycleId, csv);
      if (plan.problems.length) throw notValid(plan.problems);
      return runGoalImport(trx, actorOf(user), plan.goals, existing);
    });
    return c.json(result, 201);
  })
  .get("/my-measures.csv", validate("query", sheetQuery), async (c) => {
    const user = signedIn(c);
    const { db } = c.var.deps;
    if (user.role === "observer") throw forbidden("Observers cannot post progress updates.");
    if (user.role === "member" && !user.organisationId) throw forbidden("Your account belongs to no organisation; ask the convenor.");
    const cycle = await getCycle(db, c.req.valid("query").cycleId);
    if (!cycle) throw notFound("That cycle");
    const goals = await listGoals(db, user.role, {
      cycleId: cycle.id,
      ...(user.role === "member" && user.organisationId ? { organisationId: user.organisationId } : {}),
    });
    return csvFile(c, `measures-${fileName(cycle.name)}.csv`, measureSheetCsv(goals));
  })
  .post("/updates/import/preview", uploadLimit, validate("json", progressImportBody), async (c) => {
    const user = signedIn(c);
    if (user.role === "observer") throw forbidden("Observers cannot post progress updates.");
    const { csv, visibility } = c.req.valid("json");
    const plan = await planProgressImport(c.var.deps.db, user, csv, visibility);
    return c.json(
      {
        ok: plan.problems.length === 0,
        problems: plan.problems,
        updates: plan.updates.map((u) => ({
          rows: u.rows,
          goalId: u.input.goalId,
          goalTitle: u.goalTitle,
          note: u.input.note,
          status: u.input.status,
          visibility: u.checked.visibility,
          values: u.input.values.map((v) => {
            const m = u.checked.goal.measures.find((x) => x.id === v.measureId);
            return { measureId: v.measureId, measureName: m?.name ?? "", unit: m?.unit ?? "", from: m?.current ?? null, to: v.value };
          }),
        })),
      },
      200,
    );
  })
  .post("/updates/import", uploadLimit, validate("json", progressImportBody), async (c) => {
    const user = signedIn(c);
    if (user.role === "observer") throw forbidden("Observers cannot post progress updates.");
    const { csv, visibility } = c.req.valid("json");
    const ids = await inTransaction(c, async (trx) => {
      const plan = await planProgressImport(trx, user, csv, visibility);
      if (plan.problems.length) throw notValid(plan.problems);
      return runProgressImport(trx, user, plan.updates);
    });
    return c.json({ created: ids }, 201);
  })
  .get("/settings", async (c) => {
    convenorOnly(c);
    const { db } = c.var.deps;
    return c.json({ publicPage: await publicPageEnabled(db), twoFactorForEveryone: await twoFactorForEveryone(db) }, 200);
  })
  .put("/settings/two-factor", validate("json", twoFactorSettingBody), async (c) => {
    const user = convenorOnly(c);
    const { required } = c.req.valid("json");
    await inTransaction(c, (trx) => setTwoFactorForEveryone(trx, actorOf(user), required));
    return c.json({ twoFactorForEveryone: required }, 200);
  })
  .put("/settings/public-page", validate("json", z.object({ enabled: z.boolean() })), async (c) => {
    const user = convenorOnly(c);
    const { enabled } = c.req.valid("json");
    await inTransaction(c, (trx) => setPublicPage(trx, actorOf(user), enabled));
    return c.json({ publicPage: enabled }, 200);
  });
