/**
 * An alert may carry one proposal or one statement, what the group is asked to act on ("Sign by
 * Friday"). Removing the proposal or statement leaves the alert, carrying nothing.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("alerts")
    .addColumn("proposalId", "integer", (c) => c.references("proposals.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("alerts")
    .addColumn("statementId", "integer", (c) => c.references("statements.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("alerts").dropColumn("statementId").execute();
  await db.schema.alterTable("alerts").dropColumn("proposalId").execute();
}
