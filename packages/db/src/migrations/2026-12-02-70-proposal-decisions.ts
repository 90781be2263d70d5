/**
 * A proposal's outcome is a decision of the group like one taken at a meeting, so it is kept in
 * the same decisions log: `meetingDecisions` gains `proposalId`, and `meetingId` may be empty
 * for a decision taken by a proposal with no meeting linked. Every decision comes from a meeting,
 * a proposal or both (a proposal linked to the meeting it was put to).
 * SQLite cannot drop NOT NULL from a column, so there the table is rebuilt with the same columns
 * and indexes; PostgreSQL alters it in place.
 */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const fromSomewhere = sql`"meetingId" is not null or "proposalId" is not null`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  if (t.pg) {
    await db.schema
      .alterTable("meetingDecisions")
      .alterColumn("meetingId", (c) => c.dropNotNull())
      .execute();
    await db.schema
      .alterTable("meetingDecisions")
      .addColumn("proposalId", "integer", (c) => c.references("proposals.id").onDelete("cascade"))
      .execute();
    await db.schema.alterTable("meetingDecisions").addCheckConstraint("meetingDecisions_from_somewhere", fromSomewhere).execute();
  } else {
    await db.schema
      .createTable("meetingDecisions_new")
      .addColumn("id", "integer", t.id)
      .addColumn("meetingId", "integer", (c) => c.references("meetings.id").onDelete("cascade"))
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("goalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
      .addColumn("goalAction", "text", (c) => c.check(sql`"goalAction" is null or "goalAction" in ('created', 'changed')`))
      .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
      .addColumn("proposalId", "integer", (c) => c.references("proposals.id").onDelete("cascade"))
      .addCheckConstraint("meetingDecisions_from_somewhere", fromSomewhere)
      .execute();
    await sql`insert into "meetingDecisions_new" ("id", "meetingId", "text", "goalId", "goalAction", "createdAt")
      select "id", "meetingId", "text", "goalId", "goalAction", "createdAt" from "meetingDecisions"`.execute(db);
    await db.schema.dropTable("meetingDecisions").execute();
    await db.schema.alterTable("meetingDecisions_new").renameTo("meetingDecisions").execute();
    await db.schema.createIndex("meetingDecisions_meeting_idx").on("meetingDecisions").column("meetingId").execute();
    await db.schema.createIndex("meetingDecisions_goal_idx").on("meetingDecisions").column("goalId").execute();
  }
  await db.schema.createIndex("meetingDecisions_proposal_idx").on("meetingDecisions").column("proposalId").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("meetingDecisions").where("meetingId", "is", null).execute();
  await db.schema.dropIndex("meetingDecisions_proposal_idx").execute();
  if (engineTypes(db).pg) {
    await db.schema.alterTable("meetingDecisions").dropConstraint("meetingDecisions_from_somewhere").execute();
    await db.schema.alterTable("meetingDecisions").dropColumn("proposalId").execute();
    await db.schema
      .alterTable("meetingDecisions")
      .alterColumn("meetingId", (c) => c.setNotNull())
      .execute();
  } else {
    await db.schema.alterTable("meetingDecisions").dropColumn("proposalId").execute();
  }
}
