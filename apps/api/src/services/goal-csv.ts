/**
 * The goals table as CSV, filtered and sorted exactly as the goals page shows it (the page's
 * URL filters go to listGoals, which filters visibility in SQL; its `sort` is applied here the
 * way the page's table sorts), and the members' "my organisation's measures" sheet.
 */
import type { GoalSummary, OrganisationRecord } from "@convene/db";
import { goalStatuses, goalStatusLabels, visibilityLabels } from "@convene/domain";
import { toCsv } from "./csv.ts";

const text = (a: string, b: string) => a.localeCompare(b, "en-GB", { numeric: true, sensitivity: "base" });

/** The goals page's sortable columns and how each sorts (ties keep the list's order). */
const sorters: Record<string, (a: GoalSummary, b: GoalSummary) => number> = {
  title: (a, b) => text(a.title, b.title),
  theme: (a, b) => text(a.themeName ?? "", b.themeName ?? ""),
  lead: (a, b) => text(a.leadName ?? "", b.leadName ?? ""),
  status: (a, b) => goalStatuses.indexOf(a.status) - goalStatuses.indexOf(b.status),
  progress: (a, b) => (a.progress ?? -1) - (b.progress ?? -1),
  dueDate: (a, b) => text(a.dueDate ?? "", b.dueDate ?? ""),
  lastUpdate: (a, b) => text(a.lastUpdateAt ?? "", b.lastUpdateAt ?? ""),
  visibility: (a, b) => text(a.visibility, b.visibility),
};
export const goalSortKeys = Object.keys(sorters);

/** `sort` as the page writes it in its URL: "progress.desc", "title.asc"; anything else keeps the list order. */
export function sortGoals(goals: readonly GoalSummary[], sort: string | undefined): GoalSummary[] {
  const [id, dir] = (sort ?? "").split(".");
  const by = id ? sorters[id] : undefined;
  if (!by) return [...goals];
  const sign = dir === "desc" ? -1 : 1;
  return goals
    .map((g, i) => ({ g, i }))
    .sort((x, y) => sign * by(x.g, y.g) || x.i - y.i)
    .map((x) => x.g);
}

export const GOAL_CSV_HEADER = [
  "id",
  "title",
  "cycle",
  "theme",
  "lead",
  "supporters",
  "status",
  "progress_percent",
  "measures",
  "due_date",
  "last_update",
  "visible_to",
  "description",
];

export function goalsCsv(goals: readonly GoalSummary[], organisations: readonly OrganisationRecord[]): string {
  const names = new Map(organisations.map((o) => [o.id, o.shortName]));
  return toCsv(
    GOAL_CSV_HEADER,
    goals.map((g) => [
      g.id,
      g.title,
      g.cycleName,
      g.themeName,
      g.leadShortName,
      g.supportingOrganisationIds.map((id) => names.get(id) ?? String(id)).join("; "),
      goalStatusLabels[g.status],
      // Rounded as the screen shows it ("58 %"), so the sheet and the dashboard agree.
      g.progress === null ? null : Math.round(g.progress * 100),
      g.measures.length,
      g.dueDate,
      g.lastUpdateAt?.slice(0, 10),
      visibilityLabels[g.visibility],
      g.description,
    ]),
  );
}

/** One row per measure, with an empty `new_value` column to fill in and upload as progress updates. */
export const MEASURE_SHEET_HEADER = [
  "goal_id",
  "goal_title",
  "measure_id",
  "measure_name",
  "kind",
  "unit",
  "baseline",
  "target",
  "current_value",
  "current_as_of",
  "new_value",
  "note",
];

export function measureSheetCsv(goals: readonly GoalSummary[]): string {
  return toCsv(
    MEASURE_SHEET_HEADER,
    goals.flatMap((g) =>
      g.measures.map((m) => [
        g.id,
        g.title,
        m.id,
        m.name,
        m.kind === "milestone" ? "done/not done (1 or 0)" : "number",
        m.unit,
        m.kind === "milestone" ? null : m.baseline,
        m.kind === "milestone" ? null : m.target,
        m.current,
        m.updatedAt?.slice(0, 10),
        null,
        null,
      ]),
    ),
  );
}
