import { type CycleInput, defaultCycle, todayIso } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Cycle, Database } from "../schema.ts";
import { bumpAnswersVersion } from "./stored-progress.ts";

export function toCycle(row: Cycle) {
  return { ...row, state: row.closedAt ? ("closed" as const) : ("open" as const) };
}
export type CycleRecord = ReturnType<typeof toCycle>;

export async function listCycles(db: Kysely<Database>): Promise<CycleRecord[]> {
  const rows = await db.selectFrom("cycles").selectAll().orderBy("workshopDate", "desc").execute();
  return rows.map(toCycle);
}

export async function getCycle(db: Kysely<Database>, id: number): Promise<CycleRecord | undefined> {
  const row = await db.selectFrom("cycles").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toCycle(row);
}

/** The cycle people mean by "this year" (the rule is `defaultCycle` in the domain): never an empty future one while another exists. */
export async function currentCycle(db: Kysely<Database>, today = todayIso()): Promise<CycleRecord | undefined> {
  return defaultCycle(await listCycles(db), today);
}

export async function insertCycle(db: Kysely<Database>, input: CycleInput): Promise<CycleRecord> {
  const row = await db.insertInto("cycles").values(input).returningAll().executeTakeFirstOrThrow();
  // A new cycle can change a comparison's default "since" (the AGM of the cycle before).
  await bumpAnswersVersion(db);
  return toCycle(row);
}

/** The cycle called `name`, if any: names are unique. */
export async function findCycleByName(db: Kysely<Database>, name: string): Promise<CycleRecord | undefined> {
  const row = await db.selectFrom("cycles").selectAll().where("name", "=", name).executeTakeFirst();
  return row && toCycle(row);
}
