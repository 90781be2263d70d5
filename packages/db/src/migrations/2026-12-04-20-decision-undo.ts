/**
 * A meeting decision removed by the convenor is marked, not deleted, so that "Undo" straight
 * after can bring it back with its words and its links to the goal and proposal.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meetingDecisions").addColumn("deletedAt", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meetingDecisions").dropColumn("deletedAt").execute();
}
