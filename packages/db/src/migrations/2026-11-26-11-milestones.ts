/**
 * Milestones of the group's collective advocacy: a date stored as the start of its period plus
 * the precision it is known to, evidence links (JSON), and links to organisations and goals.
 * `seedKey` marks records loaded from the seed, so seeding again adds nothing twice.
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const kinds = [
  "government_publication",
  "parliamentary",
  "election_pledge",
  "open_letter",
  "reply",
  "statement",
  "report",
  "event",
  "meeting",
];

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("milestones")
    .addColumn("id", "integer", t.id)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", kinds)))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("datePrecision", "text", (c) => c.notNull().check(inList("datePrecision", ["day", "month", "season", "year"])))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("seedKey", "text", (c) => c.unique())
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("milestones_date_idx").on("milestones").columns(["deletedAt", "date"]).execute();

  await db.schema
    .createTable("milestoneOrganisations")
    .addColumn("milestoneId", "integer", (c) => c.notNull().references("milestones.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("milestoneOrganisations_pk", ["milestoneId", "organisationId"])
    .execute();
  await db.schema.createIndex("milestoneOrganisations_org_idx").on("milestoneOrganisations").column("organisationId").execute();

  await db.schema
    .createTable("milestoneGoals")
    .addColumn("milestoneId", "integer", (c) => c.notNull().references("milestones.id").onDelete("cascade"))
    .addColumn("goalId", "integer", (c) => c.notNull().references("goals.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("milestoneGoals_pk", ["milestoneId", "goalId"])
    .execute();
  await db.schema.createIndex("milestoneGoals_goal_idx").on("milestoneGoals").column("goalId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["milestoneGoals", "milestoneOrganisations", "milestones"]) await db.schema.dropTable(t).execute();
}
