/**
 * Goals as a viewer may see them. Every read here takes the viewer and filters by visibility
 * in SQL, so a record the viewer may not see never leaves the database layer.
 */
import {
  type GoalInput,
  type GoalListQuery,
  goalProgress,
  levelOf,
  type MeasureFacts,
  type MeasureInput,
  type MeasureKind,
  type Viewer,
  visibleLevels,
} from "@convene/domain";
import type { ExpressionBuilder, Kysely } from "kysely";
import { containsText } from "../engine.ts";
import type { Database, MeasureValueTable, ProgressUpdateTable } from "../schema.ts";
import { type Actor, recordAudit } from "./audit.ts";
import { refreshGoalProgress } from "./stored-progress.ts";

export interface GoalFilter extends GoalListQuery {
  ids?: number[];
  /** The convenor's bin: soft-deleted goals, restorable for a while. */
  deleted?: boolean;
}

/** The goals a viewer may see that match `f`, in id order: the base of every goal list. */
export function goalRows(db: Kysely<Database>, viewer: Viewer, f: GoalFilter) {
  let q = db
    .selectFrom("goals as g")
    .innerJoin("cycles as c", "c.id", "g.cycleId")
    .leftJoin("themes as t", "t.id", "g.themeId")
    .leftJoin("organisations as o", "o.id", "g.leadOrganisationId")
    .selectAll("g")
    .select([
      "c.name as cycleName",
      "c.closedAt as cycleClosedAt",
      "t.name as themeName",
      "o.name as leadName",
      "o.shortName as leadShortName",
    ])
    .where("g.visibility", "in", visibleLevels(viewer))
    .where("g.deletedAt", f.deleted ? "is not" : "is", null);
  if (f.ids) q = q.where("g.id", "in", f.ids.length ? f.ids : [-1]);
  if (f.cycleId) q = q.where("g.cycleId", "=", f.cycleId);
  if (f.themeId) q = q.where("g.themeId", "=", f.themeId);
  if (f.status) q = q.where("g.status", "=", f.status);
  if (f.organisationId) {
    const org = f.organisationId;
    q = q.where((eb) =>
      eb.or([
        eb("g.leadOrganisationId", "=", org),
        eb.exists(
          eb.selectFrom("goalSupporters as s").select("s.goalId").whereRef("s.goalId", "=", "g.id").where("s.organisationId", "=", org),
        ),
      ]),
    );
  }
  if (f.q) {
    q = q.where(containsText(db, ["g.title", "g.description"], f.q));
  }
  return q.orderBy("g.id");
}

/** A value row the viewer may see: a starting value, or a value of a visible, live update. */
function visibleValue(eb: ExpressionBuilder<ValueScope, "mv" | "pu">, viewer: Viewer) {
  return eb.or([eb("mv.updateId", "is", null), eb.and([eb("pu.deletedAt", "is", null), eb("pu.visibility", "in", visibleLevels(viewer))])]);
}
type ValueScope = Database & { mv: MeasureValueTable; pu: ProgressUpdateTable };

/** The value history of the given goals' measures, as far as the viewer may see it. */
function visibleValues(db: Kysely<Database>, viewer: Viewer, goalIds: number[]) {
  return db
    .selectFrom("measureValues as mv")
    .innerJoin("measures as m", "m.id", "mv.measureId")
    .leftJoin("progressUpdates as pu", "pu.id", "mv.updateId")
    .where("m.goalId", "in", goalIds.length ? goalIds : [-1])
    .where("m.deletedAt", "is", null)
    .where((eb) => visibleValue(eb, viewer));
}

export interface MeasureRecord extends MeasureFacts {
  id: number;
  goalId: number;
  name: string;
  unit: string;
  version: number;
  progress: number | null;
  updatedAt: string | null;
}

export async function listGoals(db: Kysely<Database>, viewer: Viewer, filter: GoalFilter) {
  const rows = await goalRows(db, viewer, filter).execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];

  const [supporters, measures, lastUpdates] = await Promise.all([
    db.selectFrom("goalSupporters").select(["goalId", "organisationId"]).where("goalId", "in", ids).execute(),
    // Each measure with the latest value the viewer may see, as stored for the viewer's level
    // (queries/stored-progress.ts keeps it up to date with every write).
    db
      .selectFrom("measures as m")
      .leftJoin("storedMeasureProgress as lv", (join) => join.onRef("lv.measureId", "=", "m.id").on("lv.level", "=", levelOf(viewer)))
      .selectAll("m")
      .select(["lv.value as current", "lv.recordedAt as currentAt"])
      .where("m.goalId", "in", ids)
      .where("m.deletedAt", "is", null)
      .orderBy("m.id")
      .execute(),
    db
      .selectFrom("progressUpdates")
      .select(["goalId", (eb) => eb.fn.max("createdAt").as("lastUpdateAt")])
      .where("goalId", "in", ids)
      .where("deletedAt", "is", null)
      .where("visibility", "in", visibleLevels(viewer))
      .groupBy("goalId")
      .execute(),
  ]);

  const measuresByGoal = groupBy(
    measures.map((m): MeasureRecord => {
      const facts = { kind: m.kind as MeasureKind, baseline: m.baseline, target: m.target, current: m.current, weight: m.weight };
      return {
        id: m.id,
        goalId: m.goalId,
        name: m.name,
        unit: m.unit,
        version: m.version,
        ...facts,
        progress: goalProgress([{ ...facts, weight: 1 }]),
        updatedAt: m.currentAt,
      };
    }),
    (m) => m.goalId,
  );
  const supportersByGoal = groupBy(supporters, (s) => s.goalId);
  const lastUpdateByGoal = new Map(lastUpdates.map((u) => [u.goalId, u.lastUpdateAt]));

  return rows.map((g) => {
    const goalMeasures = measuresByGoal.get(g.id) ?? [];
    return {
      id: g.id,
      cycleId: g.cycleId,
      cycleName: g.cycleName,
      cycleClosed: g.cycleClosedAt !== null,
      themeId: g.themeId,
      themeName: g.themeName,
      title: g.title,
      description: g.description,
      leadOrganisationId: g.leadOrganisationId,
      leadName: g.leadName,
      leadShortName: g.leadShortName,
      supportingOrganisationIds: (supportersByGoal.get(g.id) ?? []).map((s) => s.organisationId),
      status: g.status,
      dueDate: g.dueDate,
      visibility: g.visibility,
      copiedFromGoalId: g.copiedFromGoalId,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
      deletedAt: g.deletedAt,
      version: g.version,
      measures: goalMeasures,
      progress: goalProgress(goalMeasures),
      lastUpdateAt: lastUpdateByGoal.get(g.id) ?? null,
    };
  });
}
export type GoalSummary = Awaited<ReturnType<typeof listGoals>>[number];

export async function getGoal(db: Kysely<Database>, viewer: Viewer, id: number): Promise<GoalSummary | undefined> {
  const [goal] = await listGoals(db, viewer, { ids: [id] });
  return goal;
}

/** The values behind progress-over-time charts, oldest first, as the viewer may see them. */
export async function measureValueHistory(db: Kysely<Database>, viewer: Viewer, goalIds: number[]) {
  return visibleValues(db, viewer, goalIds)
    .select(["mv.measureId", "m.goalId", "mv.value", "mv.recordedAt", "mv.updateId"])
    .orderBy("mv.recordedAt")
    .orderBy("mv.id")
    .execute();
}

export async function listProgressUpdates(db: Kysely<Database>, viewer: Viewer, goalIds: number[]) {
  const updates = await db
    .selectFrom("progressUpdates as pu")
    .leftJoin("organisations as o", "o.id", "pu.organisationId")
    .select([
      "pu.id",
      "pu.goalId",
      "pu.authorName",
      "pu.organisationId",
      "o.name as organisationName",
      "pu.note",
      "pu.status",
      "pu.confidence",
      "pu.visibility",
      "pu.createdAt",
    ])
    .where("pu.goalId", "in", goalIds.length ? goalIds : [-1])
    .where("pu.deletedAt", "is", null)
    .where("pu.visibility", "in", visibleLevels(viewer))
    .orderBy("pu.createdAt", "desc")
    .orderBy("pu.id", "desc")
    .execute();
  const values = await db
    .selectFrom("measureValues as mv")
    .innerJoin("measures as m", "m.id", "mv.measureId")
    .select(["mv.updateId", "mv.measureId", "m.name as measureName", "m.kind", "m.unit", "mv.value"])
    .where("mv.updateId", "in", updates.length ? updates.map((u) => u.id) : [-1])
    .execute();
  const byUpdate = groupBy(values, (v) => v.updateId ?? 0);
  return updates.map((u) => ({ ...u, values: (byUpdate.get(u.id) ?? []).map(({ updateId: _, ...v }) => v) }));
}

export async function insertGoal(db: Kysely<Database>, input: GoalInput & { copiedFromGoalId?: number | null }): Promise<number> {
  const { supportingOrganisationIds, ...goal } = input;
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("goals")
    .values({ ...goal, copiedFromGoalId: goal.copiedFromGoalId ?? null, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceSupporters(db, id, supportingOrganisationIds);
  await refreshGoalProgress(db, [id]);
  return id;
}

export async function replaceSupporters(db: Kysely<Database>, goalId: number, organisationIds: number[]): Promise<void> {
  await db.deleteFrom("goalSupporters").where("goalId", "=", goalId).execute();
  if (organisationIds.length) {
    await db
      .insertInto("goalSupporters")
      .values(organisationIds.map((organisationId) => ({ goalId, organisationId })))
      .execute();
  }
}

/** Goals copied forward from `goalId` (the other direction of the copy link), as visible. */
export async function copiesOf(db: Kysely<Database>, viewer: Viewer, goalId: number) {
  return db
    .selectFrom("goals as g")
    .innerJoin("cycles as c", "c.id", "g.cycleId")
    .select(["g.id", "g.title", "c.name as cycleName"])
    .where("g.copiedFromGoalId", "=", goalId)
    .where("g.deletedAt", "is", null)
    .where("g.visibility", "in", visibleLevels(viewer))
    .execute();
}

/** A measure about to be written, with the value it starts from (none: it has no value yet). */
export interface NewMeasure {
  name: string;
  kind: MeasureKind;
  unit: string;
  baseline: number | null;
  target: number | null;
  weight: number;
  startValue: number | null;
}

/** The domain's measure input as stored: a done/not-done measure runs from 0 to 1. */
export function newMeasureOf(input: MeasureInput): NewMeasure {
  return input.kind === "numeric"
    ? { ...input, startValue: input.current ?? input.baseline }
    : { name: input.name, kind: "milestone", unit: "", baseline: 0, target: 1, weight: input.weight, startValue: input.done ? 1 : 0 };
}

/**
 * Adds a measure to a goal with its starting value and the audit entry: the one way a measure
 * is created (the measure form, the spreadsheet import, copy forward). Run it in the write's
 * transaction.
 */
export async function insertMeasure(db: Kysely<Database>, goalId: number, m: NewMeasure, actor: Actor) {
  const now = new Date().toISOString();
  const measure = await db
    .insertInto("measures")
    .values({ goalId, name: m.name, kind: m.kind, unit: m.unit, baseline: m.baseline, target: m.target, weight: m.weight, createdAt: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (m.startValue !== null) {
    await db.insertInto("measureValues").values({ measureId: measure.id, updateId: null, value: m.startValue, recordedAt: now }).execute();
  }
  await refreshGoalProgress(db, [goalId]);
  await recordAudit(db, {
    actor,
    action: "create",
    entity: "measure",
    entityId: measure.id,
    after: { ...measure, startValue: m.startValue },
  });
  return measure;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
