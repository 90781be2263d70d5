/**
 * Contributions: what one organisation did towards the group's work (a goal, a milestone or a
 * meeting), and the pure summaries behind the contributions charts.
 */
import { z } from "zod";
import { contributionKinds } from "./choices.ts";
import { calendarDate, shortText } from "./common.ts";
import { visibilitySchema } from "./visibility.ts";

export { contributionKinds } from "./choices.ts";
export const contributionKindSchema = z.enum(contributionKinds, {
  error: "Choose what the organisation did",
});
export type ContributionKind = z.infer<typeof contributionKindSchema>;

export const contributionKindLabels: Record<ContributionKind, string> = {
  led: "Led",
  co_led: "Co-led",
  signed: "Signed",
  drafted: "Drafted",
  researched: "Researched",
  convened: "Convened",
  spoke: "Spoke",
  hosted: "Hosted",
  attended: "Attended",
  funded: "Funded",
  in_kind: "In kind",
};

const optionalLink = z.number({ error: "Choose a goal, milestone or meeting from the list" }).int().positive().nullable();

const contributionFields = {
  organisationId: z.number({ error: "Choose the organisation" }).int().positive(),
  kind: contributionKindSchema,
  date: calendarDate("date of the contribution"),
  description: shortText("Description", 2_000, "Describe what the organisation did", "multi"),
  hours: z
    .number({ error: "Hours must be a number, like 2 or 1.5" })
    .min(0, { error: "Hours cannot be negative" })
    .max(10_000, { error: "Hours must be 10,000 or fewer" })
    .nullable(),
  goalId: optionalLink,
  milestoneId: optionalLink,
  meetingId: optionalLink,
  visibility: visibilitySchema,
};

export const contributionInputSchema = z.object({
  ...contributionFields,
  hours: contributionFields.hours.default(null),
  goalId: contributionFields.goalId.default(null),
  milestoneId: contributionFields.milestoneId.default(null),
  meetingId: contributionFields.meetingId.default(null),
  visibility: contributionFields.visibility.default("members"),
});
export type ContributionInput = z.infer<typeof contributionInputSchema>;

export const contributionPatchSchema = z.object(contributionFields).partial().extend({ version: z.number().int().positive() });
export type ContributionPatch = z.infer<typeof contributionPatchSchema>;

/** Columns the list (and its CSV) can be sorted by, as "column.asc" or "column.desc". */
export const contributionSortColumns = ["date", "organisation", "kind", "hours", "goal", "description"] as const;
export type ContributionSortColumn = (typeof contributionSortColumns)[number];

export const contributionListQuerySchema = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
  kind: contributionKindSchema.optional(),
  cycleId: z.coerce.number().int().positive().optional(),
  goalId: z.coerce.number().int().positive().optional(),
  sort: z.string().max(40).optional(),
});
export type ContributionListQuery = z.infer<typeof contributionListQuerySchema>;

export function parseContributionSort(sort: string | undefined): { column: ContributionSortColumn; desc: boolean } {
  const [column, dir] = (sort ?? "").split(".");
  const known = contributionSortColumns.find((c) => c === column);
  return known ? { column: known, desc: dir === "desc" } : { column: "date", desc: true };
}

/** The facts the charts need from each contribution (already filtered to what the viewer may see). */
export interface ContributionFacts {
  organisationId: number;
  organisationName: string;
  organisationShortName: string;
  kind: ContributionKind;
  date: string;
  goalId: number | null;
  goalTitle: string | null;
  hours: number | null;
}

export interface ContributionCharts {
  /** One row per organisation, most contributions first, with a count per kind. */
  byOrganisation: { organisationId: number; name: string; shortName: string; total: number; counts: Record<ContributionKind, number> }[];
  /** One row per month from the first to the last contribution ("2026-03"), empty months included. */
  byMonth: { month: string; count: number }[];
  /** One row per linked goal, most contributions first; contributions with no (visible) goal are left out. */
  byGoal: { goalId: number; title: string; count: number }[];
  total: number;
  organisations: number;
  hours: number;
}

const zeroCounts = () => Object.fromEntries(contributionKinds.map((k) => [k, 0])) as Record<ContributionKind, number>;

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

export function contributionCharts(list: readonly ContributionFacts[]): ContributionCharts {
  const orgs = new Map<number, ContributionCharts["byOrganisation"][number]>();
  const months = new Map<string, number>();
  const goals = new Map<number, ContributionCharts["byGoal"][number]>();
  let hours = 0;
  for (const c of list) {
    let o = orgs.get(c.organisationId);
    if (!o) {
      o = {
        organisationId: c.organisationId,
        name: c.organisationName,
        shortName: c.organisationShortName,
        total: 0,
        counts: zeroCounts(),
      };
      orgs.set(c.organisationId, o);
    }
    o.total += 1;
    o.counts[c.kind] += 1;
    const month = c.date.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
    if (c.goalId !== null && c.goalTitle !== null) {
      const g = goals.get(c.goalId) ?? { goalId: c.goalId, title: c.goalTitle, count: 0 };
      g.count += 1;
      goals.set(c.goalId, g);
    }
    hours += c.hours ?? 0;
  }
  const byMonth: ContributionCharts["byMonth"] = [];
  const sorted = [...months.keys()].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first && last) for (let m = first; m <= last; m = nextMonth(m)) byMonth.push({ month: m, count: months.get(m) ?? 0 });
  return {
    byOrganisation: [...orgs.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    byMonth,
    byGoal: [...goals.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
    total: list.length,
    organisations: orgs.size,
    hours,
  };
}
