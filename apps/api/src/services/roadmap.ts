/**
 * Writing road map items: references and dependency loops are checked, edits are not stale,
 * and every write leaves an audit entry (and, for status or percent changes, a line of
 * history), all in the transaction it is handed.
 */
import {
  type Actor,
  type Db,
  dependencyEdges,
  getRoadmapItem,
  insertRoadmapItem,
  markDeleted,
  type RoadmapItemRecord,
  recordAudit,
  recordRoadmapEvent,
  replaceDependencies,
} from "@convene/db";
import { findDependencyCycle, type RoadmapItemInput, type RoadmapItemPatch } from "@convene/domain";
import { invalid, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

/** An item as the convenor sees it, or 404. */
export async function roadmapItemForWrite(db: Db, id: number): Promise<RoadmapItemRecord> {
  const item = await getRoadmapItem(db, "convenor", id);
  if (!item) throw notFound("That road map item");
  return item;
}

/** What the audit log keeps of an item: its own fields, not derived figures. */
function auditView(i: RoadmapItemRecord) {
  const { shownPercent: _s, overdue: _o, goal: _g, dependsOnTitles: _d, ...rest } = i;
  return rest;
}

async function checkGoal(db: Db, goalId: number | null | undefined) {
  if (!goalId) return;
  const g = await db.selectFrom("goals").select("id").where("id", "=", goalId).where("deletedAt", "is", null).executeTakeFirst();
  if (!g) throw invalid("goalId", "no such goal");
}

/** Checks that every dependency exists and that none leads back to the item itself. */
async function checkDependencies(db: Db, itemId: number | null, dependsOn: number[] | undefined) {
  if (!dependsOn || dependsOn.length === 0) return;
  if (itemId !== null && dependsOn.includes(itemId)) throw invalid("dependsOn", "an item cannot depend on itself");
  const found = await db
    .selectFrom("roadmapItems")
    .select(["id", "title"])
    .where("id", "in", dependsOn)
    .where("deletedAt", "is", null)
    .execute();
  const missing = dependsOn.find((id) => !found.some((f) => f.id === id));
  if (missing) throw invalid("dependsOn", `no road map item with id ${missing}`);
  if (itemId === null) return; // nothing depends on an item not yet created, so it cannot close a loop
  const loop = findDependencyCycle(await dependencyEdges(db), itemId, dependsOn);
  if (loop) {
    const titles = await db.selectFrom("roadmapItems").select(["id", "title"]).where("id", "in", loop).execute();
    const name = (id: number) => `"${titles.find((t) => t.id === id)?.title ?? id}"`;
    throw invalid("dependsOn", `this would make a loop of dependencies: ${loop.map(name).join(" depends on ")}`);
  }
}

export async function createRoadmapItem(trx: Db, actor: Actor, input: RoadmapItemInput) {
  await checkGoal(trx, input.goalId);
  await checkDependencies(trx, null, input.dependsOn);
  const id = await insertRoadmapItem(trx, input);
  await recordRoadmapEvent(trx, { itemId: id, status: input.status, percentComplete: input.percentComplete, userId: actor.id });
  const created = await roadmapItemForWrite(trx, id);
  await recordAudit(trx, { actor, action: "create", entity: "roadmap_item", entityId: id, after: auditView(created) });
  return created;
}

export async function updateRoadmapItem(trx: Db, actor: Actor, id: number, patch: RoadmapItemPatch) {
  const before = await roadmapItemForWrite(trx, id);
  const startDate = patch.startDate ?? before.startDate;
  const endDate = patch.endDate ?? before.endDate;
  if (endDate < startDate) throw invalid(patch.endDate ? "endDate" : "startDate", "the end date cannot be before the start date");
  const goalId = patch.goalId !== undefined ? patch.goalId : before.goalId;
  if ((patch.followGoalProgress ?? before.followGoalProgress) && goalId === null) {
    throw invalid("followGoalProgress", "link a goal before following its progress");
  }
  await checkGoal(trx, patch.goalId);
  await checkDependencies(trx, id, patch.dependsOn);
  const { version, dependsOn, followGoalProgress, ...rest } = patch;
  const fields = followGoalProgress === undefined ? rest : { ...rest, followGoalProgress: followGoalProgress ? 1 : 0 };
  const after = await applyEdit(trx, "That road map item", {
    table: "roadmapItems",
    id,
    version,
    values: { ...fields, updatedAt: new Date().toISOString() },
    before,
    read: (db, itemId) => getRoadmapItem(db, "convenor", itemId),
    alongside: dependsOn ? (db) => replaceDependencies(db, id, dependsOn) : undefined,
    audit: { actor, entity: "roadmap_item", view: auditView },
  });
  if (after.status !== before.status || after.percentComplete !== before.percentComplete) {
    await recordRoadmapEvent(trx, { itemId: id, status: after.status, percentComplete: after.percentComplete, userId: actor.id });
  }
  return after;
}

/** Soft delete: the item leaves the timeline and every chart, and can be restored. */
export async function setRoadmapItemDeleted(trx: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await trx.selectFrom("roadmapItems").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That road map item" : "That deleted road map item");
  await markDeleted(trx, { table: "roadmapItems", entity: "roadmap_item", id, deleted, previous: row.deletedAt, actor });
}
