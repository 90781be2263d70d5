/** Meetings, who attended them, the decisions taken there, and each person's private calendar link. */
import { type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = engineTypes(db);
  await db.schema
    .createTable("meetings")
    .addColumn("id", "integer", t.id)
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ["annual_workshop", "agm", "ad_hoc", "informal"])))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("startsAt", "text", (c) => c.notNull())
    .addColumn("endsAt", "text")
    .addColumn("place", "text")
    .addColumn("onlineUrl", "text")
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("visibility", "text", (c) => c.notNull().check(inList("visibility", ["public", "members", "convenor"])))
    .addColumn("cycleId", "integer", (c) => c.references("cycles.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now))
    .addColumn("deletedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("meetings_start_idx").on("meetings").columns(["deletedAt", "startsAt"]).execute();
  await db.schema.createIndex("meetings_cycle_idx").on("meetings").column("cycleId").execute();

  await db.schema
    .createTable("meetingAttendance")
    .addColumn("meetingId", "integer", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(inList("status", ["attended", "apologies"])))
    .addPrimaryKeyConstraint("meetingAttendance_pk", ["meetingId", "organisationId"])
    .execute();
  await db.schema.createIndex("meetingAttendance_org_idx").on("meetingAttendance").column("organisationId").execute();

  await db.schema
    .createTable("meetingDecisions")
    .addColumn("id", "integer", t.id)
    .addColumn("meetingId", "integer", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("goalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
    .addColumn("goalAction", "text", (c) => c.check(sql`"goalAction" is null or ${inList("goalAction", ["created", "changed"])}`))
    .addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex("meetingDecisions_meeting_idx").on("meetingDecisions").column("meetingId").execute();
  await db.schema.createIndex("meetingDecisions_goal_idx").on("meetingDecisions").column("goalId").execute();

  await db.schema
    .createTable("calendarLinks")
    .addColumn("userId", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["calendarLinks", "meetingDecisions", "meetingAttendance", "meetings"]) {
    await db.schema.dropTable(t).execute();
  }
}
