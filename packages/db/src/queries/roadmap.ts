/**
 * Road map items as a viewer may see them. Every read takes the viewer and filters by
 * visibility in SQL: the items themselves, their dependencies and their linked goal, so a
 * hidden goal's title or progress (or a hidden item's existence) never leaves this layer.
 */
import { isOverdue, type RoadmapItemInput, type RoadmapStatus, shownPercent, type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { listGoals } from "./goals.ts";

export interface RoadmapFilter {
  ids?: number[];
  /** Items overlapping the range [from, to]. */
  from?: string | undefined;
  to?: string | undefined;
  /** The convenor's bin: soft-deleted items, restorable. */
  deleted?: boolean;
}

export async function listRoadmapItems(db: Kysely<Database>, viewer: Viewer, f: RoadmapFilter = {}, today = todayIso()) {
  const levels = visibleLevels(viewer);
  let q = db
    .selectFrom("roadmapItems as r")
    .leftJoin("goals as g", (join) => join.onRef("g.id", "=", "r.goalId").on("g.visibility", "in", levels).on("g.deletedAt", "is", null))
    .selectAll("r")
    .select(["g.id as visibleGoalId", "g.title as goalTitle"])
    .where("r.visibility", "in", levels)
    .where("r.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("r.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.from) q = q.where("r.endDate", ">=", f.from);
  if (f.to) q = q.where("r.startDate", "<=", f.to);
  const rows = await q.orderBy("r.workstream").orderBy("r.startDate").orderBy("r.id").execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const goalIds = [...new Set(rows.map((r) => r.visibleGoalId).filter((id): id is number => id !== null))];
  const [deps, goals] = await Promise.all([
    db
      .selectFrom("roadmapDependencies as d")
      .innerJoin("roadmapItems as t", "t.id", "d.dependsOnId")
      .select(["d.itemId", "d.dependsOnId", "t.title"])
      .where("d.itemId", "in", ids)
      .where("t.visibility", "in", levels)
      .where("t.deletedAt", "is", null)
      .orderBy("t.startDate")
      .orderBy("t.id")
      .execute(),
    goalIds.length ? listGoals(db, viewer, { ids: goalIds }) : Promise.resolve([]),
  ]);
  const progressOf = new Map(goals.map((g) => [g.id, g.progress]));

  return rows.map((r) => {
    const goal =
      r.visibleGoalId === null
        ? null
        : { id: r.visibleGoalId, title: r.goalTitle ?? "", progress: progressOf.get(r.visibleGoalId) ?? null };
    const followGoalProgress = r.followGoalProgress === 1;
    const own = deps.filter((d) => d.itemId === r.id);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      workstream: r.workstream,
      startDate: r.startDate,
      endDate: r.endDate,
      status: r.status,
      percentComplete: r.percentComplete,
      followGoalProgress,
      /** What to show: the linked goal's derived progress when the item follows it (and the viewer may see it). */
      shownPercent: shownPercent({ percentComplete: r.percentComplete, followGoalProgress }, goal?.progress),
      overdue: isOverdue(
        { ...r, shownPercent: shownPercent({ percentComplete: r.percentComplete, followGoalProgress }, goal?.progress) },
        today,
      ),
      goalId: goal ? goal.id : null,
      goal,
      dependsOn: own.map((d) => d.dependsOnId),
      dependsOnTitles: own.map((d) => d.title),
      visibility: r.visibility,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      deletedAt: r.deletedAt,
      version: r.version,
    };
  });
}
export type RoadmapItemRecord = Awaited<ReturnType<typeof listRoadmapItems>>[number];

export async function getRoadmapItem(db: Kysely<Database>, viewer: Viewer, id: number): Promise<RoadmapItemRecord | undefined> {
  const [item] = await listRoadmapItems(db, viewer, { ids: [id] });
  return item;
}

/** The status history of the items the viewer may see (live ones only), oldest first. */
export async function listRoadmapEvents(db: Kysely<Database>, viewer: Viewer, itemIds?: number[]) {
  let q = db
    .selectFrom("roadmapItemEvents as e")
    .innerJoin("roadmapItems as r", "r.id", "e.itemId")
    .select(["e.id", "e.itemId", "e.at", "e.status", "e.percentComplete"])
    .where("r.visibility", "in", visibleLevels(viewer))
    .where("r.deletedAt", "is", null);
  if (itemIds) q = q.where("e.itemId", "in", itemIds.length ? itemIds : [-1]);
  return q.orderBy("e.at").orderBy("e.id").execute();
}

/** Every dependency, deleted items included (a restore must not close a loop): for the loop check. */
export async function dependencyEdges(db: Kysely<Database>): Promise<Map<number, number[]>> {
  const rows = await db.selectFrom("roadmapDependencies").select(["itemId", "dependsOnId"]).execute();
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), r.dependsOnId]);
  return out;
}

export async function insertRoadmapItem(db: Kysely<Database>, input: RoadmapItemInput): Promise<number> {
  const { dependsOn, ...item } = input;
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("roadmapItems")
    .values({ ...item, followGoalProgress: item.followGoalProgress ? 1 : 0, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceDependencies(db, id, dependsOn);
  return id;
}

export async function replaceDependencies(db: Kysely<Database>, itemId: number, dependsOn: number[]): Promise<void> {
  await db.deleteFrom("roadmapDependencies").where("itemId", "=", itemId).execute();
  if (dependsOn.length) {
    await db
      .insertInto("roadmapDependencies")
      .values(dependsOn.map((dependsOnId) => ({ itemId, dependsOnId })))
      .execute();
  }
}

/** Writes one line of history: called in the same transaction as every change of status or percent. */
export async function recordRoadmapEvent(
  db: Kysely<Database>,
  e: { itemId: number; status: RoadmapStatus; percentComplete: number; userId: string | null },
): Promise<void> {
  await db
    .insertInto("roadmapItemEvents")
    .values({ ...e, at: new Date().toISOString() })
    .execute();
}

const todayIso = () => new Date().toISOString().slice(0, 10);
