/** Adding, changing and removing a goal's measures (the convenor's job), each in the transaction it is handed. */
import { type Actor, type Db, insertMeasure, markDeleted, newMeasureOf } from "@convene/db";
import type { MeasureInput, measurePatchSchema } from "@convene/domain";
import type { z } from "zod";
import { invalid, notFound } from "../errors.ts";
import { cycleClosed, goalForWrite } from "./goals.ts";
import { applyEdit } from "./versioned-edit.ts";

const readMeasure = (db: Db, id: number) => db.selectFrom("measures").selectAll().where("id", "=", id).executeTakeFirst();

async function measureForWrite(db: Db, id: number) {
  const m = await readMeasure(db, id);
  if (!m || m.deletedAt !== null) throw notFound("That measure");
  const goal = await goalForWrite(db, m.goalId);
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  return m;
}

export async function createMeasure(trx: Db, actor: Actor, goalId: number, input: MeasureInput) {
  const goal = await goalForWrite(trx, goalId).catch(() => {
    throw invalid("goalId", "no such goal");
  });
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  return insertMeasure(trx, goalId, newMeasureOf(input), actor);
}

export async function updateMeasure(trx: Db, actor: Actor, id: number, patch: z.infer<typeof measurePatchSchema>) {
  const before = await measureForWrite(trx, id);
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
  return applyEdit(trx, "That measure", {
    table: "measures",
    id,
    version,
    values: fields,
    before,
    read: readMeasure,
    audit: { actor, entity: "measure" },
  });
}

export async function setMeasureDeleted(trx: Db, actor: Actor, id: number, deleted: boolean) {
  const row = await readMeasure(trx, id);
  if (!row || (row.deletedAt === null) !== deleted) throw notFound("That measure");
  const goal = await goalForWrite(trx, row.goalId);
  if (goal.cycleClosed) throw cycleClosed(goal.cycleName);
  await markDeleted(trx, { table: "measures", entity: "measure", id, deleted, previous: row.deletedAt, actor });
}
