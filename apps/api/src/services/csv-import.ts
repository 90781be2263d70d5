/**
 * Data in from spreadsheets: new goals with their measures (the convenor), and new measure
 * values as progress updates (members, for goals their organisation leads or supports). Both
 * read the whole file, check every row with the domain's schemas and rules, and report each
 * problem by row number (as the spreadsheet numbers them, the header being row 1) and column.
 * Nothing is written unless every row is valid, and then everything is written in one transaction.
 */
import { type Actor, type Db, type GoalSummary, insertGoal, insertMeasure, listGoals, newMeasureOf, recordAudit } from "@convene/db";
import {
  type GoalInput,
  type GoalPatch,
  goalInputSchema,
  goalStatuses,
  goalStatusLabels,
  isDecimalComma,
  isPercentUnit,
  type MeasureInput,
  measureInputSchema,
  type ProgressUpdateInput,
  progressUpdateInputSchema,
  readCellNumber,
  type Visibility,
  visibilities,
  visibilityLabels,
} from "@convene/domain";
import type { z } from "zod";
import type { SessionUser } from "../context.ts";
import { ApiError } from "../errors.ts";
import { CSV_LIMITS, CsvProblem, type CsvRow, readCsv } from "./csv.ts";
import { MEASURE_SHEET_HEADER } from "./goal-csv.ts";
import { updateGoal } from "./goals.ts";
import { createMeasure, updateMeasure } from "./measures.ts";
import { checkProgressUpdate, writeProgressUpdate } from "./progress-updates.ts";

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** Reads the file within the size and row limits, and checks its columns. */
function readSheet(csv: string, known: readonly string[], required: readonly string[]) {
  if (Buffer.byteLength(csv, "utf8") > CSV_LIMITS.bytes) {
    throw new ApiError(413, "too_large", `The file is larger than ${CSV_LIMITS.bytes / 1_000_000} MB. Split it into smaller files.`);
  }
  let sheet: ReturnType<typeof readCsv>;
  try {
    sheet = readCsv(csv);
  } catch (error) {
    if (error instanceof CsvProblem) return { rows: [], problems: [{ row: 1, column: "", message: error.message }] };
    throw error;
  }
  if (sheet.rows.length > CSV_LIMITS.rows) {
    throw new ApiError(413, "too_large", `The file has ${sheet.rows.length} rows; at most ${CSV_LIMITS.rows} can be imported at once.`);
  }
  const problems: RowProblem[] = [];
  for (const h of sheet.header) {
    if (h !== "" && !known.includes(h))
      problems.push({ row: 1, column: h, message: `is not a column Convene knows (expected: ${known.join(", ")})` });
  }
  const seen = new Set<string>();
  for (const h of sheet.header) {
    if (h !== "" && seen.has(h)) problems.push({ row: 1, column: h, message: "appears twice in the header row" });
    seen.add(h);
  }
  for (const r of required) if (!sheet.header.includes(r)) problems.push({ row: 1, column: r, message: "is missing from the header row" });
  if (problems.length === 0 && sheet.rows.length === 0)
    problems.push({ row: 2, column: "", message: "The file has a header row but no data rows." });
  return { rows: problems.length ? [] : sheet.rows, problems };
}

/** Which of `columns` hold a decimal comma somewhere in the file, so their "1,000" is not taken for a thousand. */
function decimalCommaColumns(rows: readonly CsvRow[], columns: readonly string[]) {
  return new Set(columns.filter((col) => rows.some((r) => isDecimalComma(r.cells[col] ?? ""))));
}

/** "12/12/2019" (as UK spreadsheets write it) or "2019-12-12". */
function isoDate(cell: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell.trim());
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : cell.trim();
}

function pick<T extends string>(cell: string, values: readonly T[], labels: Record<T, string>): T | undefined {
  const c = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return values.find((v) => v === c || labels[v].toLowerCase().replace(/[\s-]+/g, "_") === c);
}

// ---------------------------------------------------------------------------------------------
// Goals with measures

export const GOAL_IMPORT_COLUMNS = [
  "title",
  "description",
  "theme",
  "lead",
  "supporters",
  "status",
  "due_date",
  "visibility",
  "measure_name",
  "measure_kind",
  "unit",
  "baseline",
  "target",
  "current",
  "done",
  "weight",
] as const;
const GOAL_COLUMNS = ["description", "theme", "lead", "supporters", "status", "due_date", "visibility"] as const;

/** Where a domain schema's field lives in the sheet. */
const goalFieldColumn: Record<string, string> = {
  title: "title",
  description: "description",
  themeId: "theme",
  leadOrganisationId: "lead",
  supportingOrganisationIds: "supporters",
  status: "status",
  dueDate: "due_date",
  visibility: "visibility",
};
const measureFieldColumn: Record<string, string> = {
  name: "measure_name",
  kind: "measure_kind",
  unit: "unit",
  baseline: "baseline",
  target: "target",
  current: "current",
  done: "done",
  weight: "weight",
};

export const GOAL_TEMPLATE_ROWS = [
  [
    "Secure a cross-government atrocity prevention strategy",
    "Work with officials and parliamentarians towards a published strategy.",
    "National strategy",
    "",
    "",
    "On track",
    "2027-03-31",
    "Members",
    "Ministerial meetings held",
    "number",
    "meetings",
    "0",
    "6",
    "1",
    "",
    "1",
  ],
  [
    "Secure a cross-government atrocity prevention strategy",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Strategy published",
    "done/not done",
    "",
    "",
    "",
    "",
    "no",
    "2",
  ],
];

interface PlannedGoal {
  row: number;
  input: GoalInput;
  /** The goal's fields the sheet actually fills in: an update changes only these. */
  given: (keyof GoalPatch)[];
  measures: MeasureInput[];
  /** A goal of the same title already in the cycle (titles compared without case). */
  existing: GoalSummary | undefined;
}

/** What to do with goals of the file that the cycle already has: refuse (ask), leave them, or update them. */
export const existingGoalChoices = ["skip", "update"] as const;
export type ExistingGoalChoice = (typeof existingGoalChoices)[number];

export async function planGoalImport(db: Db, cycleId: number, csv: string) {
  const { rows, problems } = readSheet(csv, GOAL_IMPORT_COLUMNS, ["title"]);
  const [themes, orgs, inCycle] = await Promise.all([
    db.selectFrom("themes").select(["id", "name"]).execute(),
    db.selectFrom("organisations").select(["id", "name", "shortName"]).execute(),
    listGoals(db, "convenor", { cycleId }),
  ]);
  const commaColumns = decimalCommaColumns(rows, ["baseline", "target", "current", "weight"]);
  const themeId = (name: string) => themes.find((t) => t.name.toLowerCase() === name.trim().toLowerCase())?.id;
  const orgId = (name: string) => {
    const n = name.trim().toLowerCase();
    return orgs.find((o) => o.shortName.toLowerCase() === n || o.name.toLowerCase() === n)?.id;
  };

  const groups = new Map<string, CsvRow[]>();
  for (const r of rows) {
    const title = (r.cells.title ?? "").trim();
    if (!title) {
      problems.push({ row: r.row, column: "title", message: "is empty: every row names its goal" });
      continue;
    }
    const key = title.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }

  const planned: PlannedGoal[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const c = first.cells;
    const add = (column: string, message: string, row = first.row) => problems.push({ row, column, message });
    // Later rows of the same goal may leave the goal's columns blank, or repeat them exactly.
    for (const r of group.slice(1)) {
      for (const col of GOAL_COLUMNS) {
        const v = (r.cells[col] ?? "").trim();
        if (v && v !== (c[col] ?? "").trim())
          add(col, `differs from row ${first.row}, the goal's first row; leave it blank or repeat the same value`, r.row);
      }
    }
    const raw: Record<string, unknown> = { cycleId, title: c.title, description: c.description ?? "" };
    if (c.theme) {
      const id = themeId(c.theme);
      if (id) raw.themeId = id;
      else add("theme", `no theme is called "${c.theme}" (themes: ${themes.map((t) => t.name).join(", ")})`);
    }
    if (c.lead) {
      const id = orgId(c.lead);
      if (id) raw.leadOrganisationId = id;
      else add("lead", `no organisation has the name or short name "${c.lead}"`);
    }
    if (c.supporters) {
      const ids: number[] = [];
      for (const name of c.supporters
        .split(/[;\n]/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const id = orgId(name);
        if (id) ids.push(id);
        else add("supporters", `no organisation has the name or short name "${name}"`);
      }
      raw.supportingOrganisationIds = ids;
    }
    if (c.status) {
      const s = pick(c.status, goalStatuses, goalStatusLabels);
      if (s) raw.status = s;
      else add("status", `must be one of: ${goalStatuses.map((s) => goalStatusLabels[s]).join(", ")}`);
    }
    if (c.due_date) raw.dueDate = isoDate(c.due_date);
    if (c.visibility) {
      const v = pick(c.visibility, visibilities, visibilityLabels);
      if (v) raw.visibility = v;
      else add("visibility", "must be Public, Members or Convenor only");
    }
    const goal = goalInputSchema.safeParse(raw);
    if (!goal.success) for (const issue of goal.error.issues) add(goalFieldColumn[String(issue.path[0])] ?? "title", issue.message);

    const measures: MeasureInput[] = [];
    for (const r of group) {
      const m = measureFromRow(r, commaColumns, (column, message) => add(column, message, r.row));
      if (m) measures.push(m);
    }
    const given = Object.entries(goalFieldColumn)
      .filter(([field, column]) => field !== "title" && (c[column] ?? "").trim() !== "")
      .map(([field]) => field as keyof GoalPatch);
    const title = (c.title ?? "").trim().toLowerCase();
    const existing = inCycle.find((g) => g.title.trim().toLowerCase() === title);
    if (goal.success) planned.push({ row: first.row, input: goal.data, given, measures, existing });
  }
  problems.sort((a, b) => a.row - b.row);
  return { problems, goals: problems.length ? [] : planned };
}

function measureFromRow(r: CsvRow, commaColumns: Set<string>, add: (column: string, message: string) => void): MeasureInput | undefined {
  const c = r.cells;
  const name = (c.measure_name ?? "").trim();
  const measureCells = ["measure_kind", "unit", "baseline", "target", "current", "done", "weight"].filter((k) => (c[k] ?? "").trim());
  if (!name) {
    if (measureCells.length) add("measure_name", "is empty, but the row gives measure details; name the measure or clear them");
    return undefined;
  }
  const kindCell = (c.measure_kind ?? "").trim().toLowerCase();
  const kind = ["", "number", "numeric"].includes(kindCell)
    ? "numeric"
    : ["done/not done", "done", "milestone", "check", "yes/no"].includes(kindCell)
      ? "milestone"
      : undefined;
  if (!kind) {
    add("measure_kind", 'must be "number" or "done/not done"');
    return undefined;
  }
  const numbers: Record<string, number | undefined> = {};
  const bad = new Set<string>();
  const percent = isPercentUnit(c.unit);
  for (const col of ["baseline", "target", "current", "weight"]) {
    const n = readCellNumber(c[col], { percent: percent && col !== "weight", columnUsesDecimalComma: commaColumns.has(col) });
    if (n && "problem" in n) {
      add(col, n.problem);
      bad.add(col);
    } else numbers[col] = n?.value;
  }
  let raw: Record<string, unknown>;
  if (kind === "numeric") {
    raw = {
      kind,
      name,
      unit: c.unit ?? "",
      baseline: numbers.baseline,
      target: numbers.target,
      current: numbers.current,
      weight: numbers.weight,
    };
    if (numbers.baseline === undefined && !bad.has("baseline")) add("baseline", "is required for a number measure");
    if (numbers.target === undefined && !bad.has("target")) add("target", "is required for a number measure");
  } else {
    const d = (c.done ?? "").trim().toLowerCase();
    const done = ["yes", "y", "true", "1", "done"].includes(d)
      ? true
      : ["", "no", "n", "false", "0", "not done"].includes(d)
        ? false
        : undefined;
    if (done === undefined) add("done", 'must be "yes" or "no"');
    raw = { kind, name, done: done ?? false, weight: numbers.weight };
  }
  const parsed = measureInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const col = measureFieldColumn[String(issue.path[0])] ?? "measure_name";
      // Required-number gaps are already reported above in plain words.
      if ((col === "baseline" || col === "target") && numbers[col] === undefined) continue;
      add(col, issue.message);
    }
    return undefined;
  }
  return parsed.data;
}

/** The goals of the file that the cycle already has, as the preview and the refusal name them. */
export const existingOf = (planned: readonly PlannedGoal[]) =>
  planned.flatMap((g) => (g.existing ? [{ row: g.row, title: g.existing.title, goalId: g.existing.id }] : []));

/**
 * Writes the planned goals, each with its measures, in the transaction it is handed. Goals the
 * cycle already has are refused unless the convenor chose to skip them or to update them (their
 * filled-in columns, the definitions of measures of the same name, and new measures); current
 * values of existing measures move only by progress updates, which keep the history.
 */
export async function runGoalImport(trx: Db, actor: Actor, planned: readonly PlannedGoal[], choice?: ExistingGoalChoice) {
  const existing = existingOf(planned);
  if (existing.length && !choice) {
    const names = existing.map((e) => `"${e.title}"`).join(", ");
    throw new ApiError(
      409,
      "already_exists",
      `${existing.length === 1 ? "1 goal" : `${existing.length} goals`} in the file already ${existing.length === 1 ? "exists" : "exist"} in this cycle (${names}). Choose whether to skip or update ${existing.length === 1 ? "it" : "them"}; nothing was imported.`,
      { existing },
    );
  }
  const created: number[] = [];
  const updated: number[] = [];
  const skipped: number[] = [];
  let measures = 0;
  for (const g of planned) {
    if (g.existing && choice === "skip") {
      skipped.push(g.existing.id);
      continue;
    }
    if (g.existing) {
      measures += await updateExisting(trx, actor, g, g.existing);
      updated.push(g.existing.id);
      continue;
    }
    const id = await insertGoal(trx, g.input);
    created.push(id);
    await recordAudit(trx, { actor, action: "create", entity: "goal", entityId: id, after: { ...g.input, source: "spreadsheet import" } });
    for (const m of g.measures) await insertMeasure(trx, id, newMeasureOf(m), actor);
    measures += g.measures.length;
  }
  return { created, updated, skipped, measures };
}

/** Updates one existing goal from its rows; returns how many measures it added or changed. */
async function updateExisting(trx: Db, actor: Actor, g: PlannedGoal, goal: GoalSummary) {
  const patch: Record<string, unknown> = {};
  for (const field of g.given) patch[field] = g.input[field as keyof GoalInput];
  if (Object.keys(patch).length) await updateGoal(trx, actor, goal.id, { ...(patch as GoalPatch), version: goal.version });
  let n = 0;
  for (const m of g.measures) {
    const same = goal.measures.find((x) => x.name.trim().toLowerCase() === m.name.trim().toLowerCase());
    if (!same) {
      await createMeasure(trx, actor, goal.id, m);
      n += 1;
      continue;
    }
    const change: Record<string, unknown> = {};
    if (m.weight !== same.weight) change.weight = m.weight;
    if (m.kind === "numeric" && same.kind === "numeric") {
      if (m.unit !== same.unit) change.unit = m.unit;
      if (m.baseline !== same.baseline) change.baseline = m.baseline;
      if (m.target !== same.target) change.target = m.target;
    }
    if (Object.keys(change).length) {
      await updateMeasure(trx, actor, same.id, { ...change, version: same.version });
      n += 1;
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Measure values as progress updates

export const PROGRESS_IMPORT_COLUMNS = [...MEASURE_SHEET_HEADER, "status"] as const;

interface PlannedUpdate {
  rows: number[];
  goalTitle: string;
  input: ProgressUpdateInput;
  checked: Awaited<ReturnType<typeof checkProgressUpdate>>;
}

/** `visibility`: who may see the updates the file posts (members by default, as on the update form). */
export async function planProgressImport(db: Db, user: SessionUser, csv: string, visibility: Visibility = "members") {
  const { rows, problems } = readSheet(csv, PROGRESS_IMPORT_COLUMNS, ["goal_id", "measure_id", "new_value"]);
  const commaColumns = decimalCommaColumns(rows, ["new_value"]);
  const visible = await listGoals(db, user.role, {});
  const goals = new Map(visible.map((g) => [g.id, g]));
  const byGoal = new Map<number, { rows: number[]; values: { measureId: number; value: number }[]; notes: string[]; status: string }>();

  for (const r of rows) {
    const c = r.cells;
    const add = (column: string, message: string) => problems.push({ row: r.row, column, message });
    const valueCell = (c.new_value ?? "").trim();
    const note = (c.note ?? "").trim();
    const statusCell = (c.status ?? "").trim();
    if (!valueCell && !note && !statusCell) continue; // nothing new on this row
    const goalId = Number(c.goal_id);
    const goal = Number.isInteger(goalId) ? goals.get(goalId) : undefined;
    if (!goal) {
      add("goal_id", `"${c.goal_id ?? ""}" is not a goal you can see; keep the ids from the downloaded sheet`);
      continue;
    }
    const entry = byGoal.get(goal.id) ?? { rows: [], values: [], notes: [], status: "" };
    byGoal.set(goal.id, entry);
    entry.rows.push(r.row);
    if (note && !entry.notes.includes(note)) entry.notes.push(note);
    if (statusCell) {
      const s = pick(statusCell, goalStatuses, goalStatusLabels);
      if (!s) add("status", `must be one of: ${goalStatuses.map((s) => goalStatusLabels[s]).join(", ")}`);
      else if (entry.status && entry.status !== s) add("status", "gives this goal a different status from an earlier row");
      else entry.status = s;
    }
    if (!valueCell) continue;
    const measureId = Number(c.measure_id);
    const measure = goal.measures.find((m) => m.id === measureId);
    if (!measure) {
      add("measure_id", `"${c.measure_id ?? ""}" is not a measure of goal ${goal.id}`);
      continue;
    }
    const read = readCellNumber(valueCell, { percent: isPercentUnit(measure.unit), columnUsesDecimalComma: commaColumns.has("new_value") });
    if (!read || "problem" in read) {
      add("new_value", read?.problem ?? "is empty");
      continue;
    }
    const value = read.value;
    if (measure.kind === "milestone" && value !== 0 && value !== 1) {
      add("new_value", "a done/not-done measure takes 1 (done) or 0 (not done)");
      continue;
    }
    if (entry.values.some((v) => v.measureId === measureId)) {
      add("measure_id", "this measure already has a new value on an earlier row");
      continue;
    }
    entry.values.push({ measureId, value });
  }

  const planned: PlannedUpdate[] = [];
  for (const [goalId, entry] of byGoal) {
    const first = entry.rows[0]!;
    const parsed = progressUpdateInputSchema.safeParse({
      goalId,
      note: entry.notes.join("\n"),
      status: entry.status || null,
      values: entry.values,
      visibility,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: first, column: columnOfUpdateField(issue), message: issue.message });
      continue;
    }
    try {
      const checked = await checkProgressUpdate(db, user, parsed.data);
      planned.push({ rows: entry.rows, goalTitle: goals.get(goalId)!.title, input: parsed.data, checked });
    } catch (error) {
      if (error instanceof ApiError) problems.push({ row: first, column: "goal_id", message: error.message });
      else throw error;
    }
  }
  if (rows.length > 0 && byGoal.size === 0 && problems.length === 0)
    problems.push({
      row: 2,
      column: "new_value",
      message: "No row has a new value, note or status: fill in new_value where a measure has moved.",
    });
  problems.sort((a, b) => a.row - b.row);
  return { problems, updates: problems.length ? [] : planned };
}

function columnOfUpdateField(issue: z.core.$ZodIssue): string {
  const f = String(issue.path[0]);
  return f === "values" ? "new_value" : f === "note" ? "note" : f === "status" ? "status" : "goal_id";
}

/** Writes the checked updates in the transaction it is handed. */
export async function runProgressImport(trx: Db, user: SessionUser, planned: readonly PlannedUpdate[]) {
  const ids: number[] = [];
  for (const u of planned) ids.push(await writeProgressUpdate(trx, user, u.input, u.checked));
  return ids;
}
