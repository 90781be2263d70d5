/** The group's own records: organisations, cycles, themes, goals, measures, updates, audit. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const visibilities = ["public", "members", "convenor"];
const statuses = ["not_started", "on_track", "at_risk", "off_track", "achieved", "dropped"];

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", t.id)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("shortName", "text", (c) => c.notNull().unique())
    .addColumn("website", "text")
    .addColumn("joinedOn", "text")
    .addColumn("leftOn", "text")
    .addColumn("isConvenor", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("cycles")
    .addColumn("id", "integer", t.id)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("workshopDate", "text", (c) => c.notNull())
    .addColumn("agmDate", "text", (c) => c.notNull())
    .addColumn("updateIntervalDays", "integer", (c) => c.notNull().defaultTo(42))
    .addColumn("closedAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("themes")
    .addColumn("id", "integer", t.id)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("goals")
    .addColumn("id", "integer", t.id)
    .addColumn("cycleId", "integer", (c) => c.notNull().references("cycles.id").onDelete("restrict"))
    .addColumn("themeId", "integer", (c) => c.references("themes.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("leadOrganisationId", "integer", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().check(inList("status", statuses)))
    .addColumn("dueDate", "text")
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", visibilities)))
    .addColumn("copiedFromGoalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("goals_cycle_idx").on("goals").columns(["cycleId", "deletedAt"]).execute();
  await db.schema.createIndex("goals_lead_idx").on("goals").column("leadOrganisationId").execute();

  await db.schema
    .createTable("goalSupporters")
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("goalSupporters_pk", ["goalId", "organisationId"])
    .execute();
  await db.schema.createIndex("goalSupporters_org_idx").on("goalSupporters").column("organisationId").execute();

  await db.schema
    .createTable("measures")
    .addColumn("id", "integer", t.id)
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ["numeric", "milestone"])))
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("baseline", t.real)
    .addColumn("target", t.real)
    .addColumn("weight", t.real, (c) => c.notNull().defaultTo(1))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("measures_goal_idx").on("measures").column("goalId").execute();

  await db.schema
    .createTable("progressUpdates")
    .addColumn("id", "integer", t.id)
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addColumn("authorId", "text")
    .addColumn("authorName", "text", (c) => c.notNull())
    .addColumn("organisationId", "integer", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.check(sql`status is null or ${inList("status", statuses)}`))
    .addColumn("confidence", "integer")
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", visibilities)))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("deletedAt", "text")
    .execute();
  await db.schema.createIndex("progressUpdates_goal_idx").on("progressUpdates").columns(["goalId", "createdAt"]).execute();

  await db.schema
    .createTable("measureValues")
    .addColumn("id", "integer", t.id)
    .addColumn("measureId", "integer", (c) => c.notNull().references("measures.id").onDelete("cascade"))
    .addColumn("updateId", "integer", (c) => c.references("progressUpdates.id").onDelete("cascade"))
    .addColumn("value", t.real, (c) => c.notNull())
    .addColumn("recordedAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measureValues_measure_idx").on("measureValues").columns(["measureId", "recordedAt"]).execute();

  await db.schema
    .createTable("auditEntries")
    .addColumn("id", "integer", t.id)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("userId", "text")
    .addColumn("userName", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entityId", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("auditEntries_entity_idx").on("auditEntries").columns(["entity", "entityId"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "settings",
    "auditEntries",
    "measureValues",
    "progressUpdates",
    "measures",
    "goalSupporters",
    "goals",
    "themes",
    "cycles",
    "organisations",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
