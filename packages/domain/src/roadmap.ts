/**
 * The road map: pieces of work on a timeline, in workstreams, with dependencies and an
 * optional linked goal. Not tied to a cycle (the 2018 road map is the first).
 */
import { z } from "zod";
import { calendarDate, isoDateSchema, longText, shortText } from "./common.ts";
import { daysBetween } from "./dates.ts";
import { visibilitySchema } from "./visibility.ts";

export const roadmapStatuses = ["planned", "in_progress", "done", "blocked", "dropped"] as const;
export const roadmapStatusSchema = z.enum(roadmapStatuses, { error: "Choose a status" });
export type RoadmapStatus = z.infer<typeof roadmapStatusSchema>;

export const roadmapStatusLabels: Record<RoadmapStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  blocked: "Blocked",
  dropped: "Dropped",
};

const dependsOnSchema = z
  .array(z.number().int().positive())
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, { error: "Choose each item only once" });

const itemFields = {
  title: shortText("Title", 300),
  description: longText(20_000, "Description"),
  workstream: shortText("Workstream", 100),
  startDate: calendarDate("start date"),
  endDate: calendarDate("end date"),
  status: roadmapStatusSchema,
  percentComplete: z
    .number({ error: "Enter how complete the work is, from 0 to 100" })
    .int({ error: "Per cent complete must be a whole number" })
    .min(0, { error: "Per cent complete must be 0 or more" })
    .max(100, { error: "Per cent complete must be 100 or less" }),
  dependsOn: dependsOnSchema,
  goalId: z.number().int().positive().nullable(),
  followGoalProgress: z.boolean(),
  visibility: visibilitySchema,
};

const endNotBeforeStart = {
  check: (i: { startDate?: string | undefined; endDate?: string | undefined }) => !i.startDate || !i.endDate || i.endDate >= i.startDate,
  params: { error: "The end date must be on or after the start date", path: ["endDate"] },
};
const followNeedsGoal = {
  check: (i: { goalId?: number | null | undefined; followGoalProgress?: boolean | undefined }) =>
    !i.followGoalProgress || i.goalId !== null,
  params: { error: "Link a goal before following its progress", path: ["followGoalProgress"] },
};

export const roadmapItemInputSchema = z
  .object({
    ...itemFields,
    description: itemFields.description.default(""),
    status: itemFields.status.default("planned"),
    percentComplete: itemFields.percentComplete.default(0),
    dependsOn: itemFields.dependsOn.default([]),
    goalId: itemFields.goalId.default(null),
    followGoalProgress: itemFields.followGoalProgress.default(false),
    visibility: itemFields.visibility.default("members"),
  })
  .refine(endNotBeforeStart.check, endNotBeforeStart.params)
  .refine(followNeedsGoal.check, followNeedsGoal.params);
export type RoadmapItemInput = z.infer<typeof roadmapItemInputSchema>;

export const roadmapItemPatchSchema = z
  .object(itemFields)
  .partial()
  .extend({ version: z.number().int().positive() })
  .refine(endNotBeforeStart.check, endNotBeforeStart.params)
  .refine((i) => !(i.followGoalProgress && i.goalId === null), followNeedsGoal.params);
export type RoadmapItemPatch = z.infer<typeof roadmapItemPatchSchema>;

const dateRange = {
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};
const fromNotAfterTo = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;

export const roadmapListQuerySchema = z
  .object({ ...dateRange, deleted: z.enum(["true", "false"]).optional() })
  .refine(fromNotAfterTo, { error: "The start of the range must not be after its end", path: ["from"] });
export type RoadmapListQuery = z.infer<typeof roadmapListQuerySchema>;

export const roadmapProgressQuerySchema = z
  .object(dateRange)
  .refine(fromNotAfterTo, { error: "The start of the range must not be after its end", path: ["from"] });

/**
 * If item `itemId` came to depend on `dependsOn`, would the dependencies loop back to it?
 * `edges` maps every other item to what it depends on now. Returns the loop as a list of ids
 * starting and ending with `itemId` (e.g. [3, 5, 3]), or null when there is none.
 */
export function findDependencyCycle(
  edges: ReadonlyMap<number, readonly number[]>,
  itemId: number,
  dependsOn: readonly number[],
): number[] | null {
  if (dependsOn.includes(itemId)) return [itemId, itemId];
  const seen = new Set<number>();
  const walk = (id: number, path: number[]): number[] | null => {
    if (id === itemId) return [...path, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const next of edges.get(id) ?? []) {
      const found = walk(next, [...path, id]);
      if (found) return found;
    }
    return null;
  };
  for (const d of dependsOn) {
    const found = walk(d, [itemId]);
    if (found) return found;
  }
  return null;
}

/**
 * Work that should have finished by `today` and has not: its end date has passed, it is neither
 * done nor dropped, and it does not show 100 % (finished work whose status was not yet changed).
 */
export function isOverdue(item: { endDate: string; status: RoadmapStatus; shownPercent?: number | null }, today: string): boolean {
  if ((item.shownPercent ?? 0) >= 100) return false;
  return item.endDate < today && item.status !== "done" && item.status !== "dropped";
}

/** The percent complete to show: the linked goal's derived progress when the item follows it. */
export function shownPercent(
  item: { percentComplete: number; followGoalProgress: boolean },
  goalProgress: number | null | undefined,
): number {
  if (item.followGoalProgress && goalProgress !== null && goalProgress !== undefined) return Math.round(goalProgress * 100);
  return item.percentComplete;
}

/** One recorded change of an item's status (and percent complete), oldest first. */
export interface RoadmapEvent {
  itemId: number;
  /** ISO timestamp or date. */
  at: string;
  status: RoadmapStatus;
}

export interface RoadmapProgressPoint {
  date: string;
  /** Share of items whose end date had passed by this date: where the plan said we would be. */
  planned: number;
  /** Share of items recorded as done by this date, from the history of changes. */
  actual: number;
}

/**
 * Road map progress over time, drawn from the history of changes, never typed in. Items
 * dropped now are left out (as dropped goals are); an item counts as done on a date if its
 * latest recorded status by the end of that date was "done".
 */
export function roadmapProgressOverTime(
  items: readonly { id: number; endDate: string; status: RoadmapStatus }[],
  events: readonly RoadmapEvent[],
  dates: readonly string[],
): RoadmapProgressPoint[] {
  const counted = items.filter((i) => i.status !== "dropped");
  const ids = new Set(counted.map((i) => i.id));
  const sorted = events.filter((e) => ids.has(e.itemId)).sort((a, b) => a.at.localeCompare(b.at));
  const total = counted.length;
  const status = new Map<number, RoadmapStatus>();
  let next = 0;
  return [...dates].sort().map((date) => {
    while (next < sorted.length && sorted[next]!.at.slice(0, 10) <= date) {
      status.set(sorted[next]!.itemId, sorted[next]!.status);
      next += 1;
    }
    const planned = counted.filter((i) => i.endDate < date || i.endDate === date).length;
    const done = counted.filter((i) => status.get(i.id) === "done").length;
    return { date, planned: total ? planned / total : 0, actual: total ? done / total : 0 };
  });
}

/** Sample dates for a range: weekly, widened so that a long road map stays near 60 points. */
export function roadmapSampleStep(from: string, to: string): number {
  const days = daysBetween(from, to);
  return Math.max(7, Math.ceil(days / 60));
}
