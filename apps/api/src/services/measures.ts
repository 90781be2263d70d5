/** Adding, changing and removing a goal's measures (the convenor's job). */
import { type Actor, type Db, markDeleted, recordAudit, updateVersioned } from "@convene/db";
import type { MeasureInput, measurePatchSchema } from "@convene/domain";
import type { z } from "zod";
import { editConflict, invalid, notFound } from "../errors.ts";
import { cycleClosed, goalForWrite } from "./goals.ts";

async function measureForWrite(db: Db, id: number) {
  const m = await db.selectFrom("measures").selectAll().where("id", "=", id).where("deletedAt", "is", null).executeTakeFirst();
  if (!m) throw notFound("That measure");
  const goal = await goalForWrite(db, m.goalId);
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  return m;
}

export async function createMeasure(db: Db, actor: Actor, goalId: number, input: MeasureInput) {
  const goal = await goalForWrite(db, goalId).catch(() => {
    throw invalid("goalId", "no such goal");
  });
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const measure = await trx
      .insertInto("measures")
      .values(
        input.kind === "numeric"
          ? {
              goalId,
              name: input.name,
              kind: "numeric",
              unit: input.unit,
              baseline: input.baseline,
              target: input.target,
              weight: input.weight,
              createdAt: now,
            }
          : { goalId, name: input.name, kind: "milestone", unit: "", baseline: 0, target: 1, weight: input.weight, createdAt: now },
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const start = input.kind === "numeric" ? (input.current ?? input.baseline) : input.done ? 1 : 0;
    await trx.insertInto("measureValues").values({ measureId: measure.id, updateId: null, value: start, recordedAt: now }).execute();
    await recordAudit(trx, { actor, action: "create", entity: "measure", entityId: measure.id, after: { ...measure, startValue: start } });
    return measure;
  });
}

export async function updateMeasure(db: Db, actor: Actor, id: number, patch: z.infer<typeof measurePatchSchema>) {
  const before = await measureForWrite(db, id);
  const { version, ...fields } = patch;
  if (before.kind === "milestone" && (fields.baseline !== undefined || fields.target !== undefined || fields.unit !== undefined)) {
    throw invalid(
      fields.baseline !== undefined ? "baseline" : fields.target !== undefined ? "target" : "unit",
      "a done/not-done measure has no baseline, target or unit",
    );
  }
  const baseline = fields.baseline ?? before.baseline;
  const target = fields.target ?? before.target;
  if (before.kind === "numeric" && baseline === target) throw invalid("target", "Target must differ from the baseline");
  return db.transaction().execute(async (trx) => {
    const outcome = await updateVersioned(trx, "measures", id, version, fields);
    if (outcome === "conflict") throw editConflict(await trx.selectFrom("measures").selectAll().where("id", "=", id).executeTakeFirst());
    if (outcome === "missing") throw notFound("That measure");
    const after = await trx.selectFrom("measures").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: "update", entity: "measure", entityId: id, before, after });
    return after;
  });
}

export async function setMeasureDeleted(db: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await db.selectFrom("measures").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound("That measure");
  const goal = await goalForWrite(db, row.goalId);
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  await markDeleted(db, { table: "measures", entity: "measure", id, deleted, previous: row.deletedAt, actor });
}
