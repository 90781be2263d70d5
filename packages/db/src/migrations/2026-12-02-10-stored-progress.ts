/**
 * Progress kept, not replayed: for each visibility level (what a viewer of that level may see),
 * each measure's current value, each goal's progress and series, and each cycle's weekly series,
 * brought up to date in the transaction of every write that changes them (queries/stored-progress.ts).
 * `storedProgressState` holds the answers' version that those writes bump; it has no row until the
 * figures were first built, which is how a database migrated from before this table knows to build them.
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const level = sql`${sql.ref("level")} in ('public', 'members', 'convenor')`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("storedMeasureProgress")
    .addColumn("measureId", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(level))
    .addColumn("goalId", "integer", (c) => c.notNull())
    .addColumn("value", t.real, (c) => c.notNull())
    .addColumn("recordedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("storedMeasureProgress_pk", ["measureId", "level"])
    .execute();
  await db.schema.createIndex("storedMeasureProgress_goal_idx").on("storedMeasureProgress").columns(["goalId", "level"]).execute();

  await db.schema
    .createTable("storedGoalProgress")
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(level))
    .addColumn("cycleId", "integer", (c) => c.notNull())
    /** 1 when the goal counts in its cycle's series at this level (visible, live, a counting status). */
    .addColumn("counted", "integer", (c) => c.notNull())
    .addColumn("progress", t.real)
    .addColumn("lastUpdateAt", "text")
    .addColumn("lastValueAt", "text")
    .addPrimaryKeyConstraint("storedGoalProgress_pk", ["goalId", "level"])
    .execute();
  await db.schema.createIndex("storedGoalProgress_cycle_idx").on("storedGoalProgress").columns(["cycleId", "level"]).execute();

  await db.schema
    .createTable("storedGoalSeries")
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(level))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("progress", t.real)
    .addPrimaryKeyConstraint("storedGoalSeries_pk", ["goalId", "level", "date"])
    .execute();

  await db.schema
    .createTable("storedCycleProgress")
    .addColumn("cycleId", "integer", (c) => c.notNull().references("cycles.id").onDelete("cascade"))
    .addColumn("level", "text", (c) => c.notNull().check(level))
    .addColumn("date", "text", (c) => c.notNull())
    /** The sum of the counted goals' progress on that date, and how many had any. */
    .addColumn("total", t.real, (c) => c.notNull())
    .addColumn("goals", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("storedCycleProgress_pk", ["cycleId", "level", "date"])
    .execute();

  await db.schema
    .createTable("storedProgressState")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("answersVersion", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["storedProgressState", "storedCycleProgress", "storedGoalSeries", "storedGoalProgress", "storedMeasureProgress"])
    await db.schema.dropTable(table).execute();
}
