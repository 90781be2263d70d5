/**
 * When a person was last warned that their unused account will be disabled (null: not warned, or
 * used since). The warning and the disabling compare-and-set this column, so two instances
 * sweeping at once warn a person once.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("dormantWarnedAt", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").dropColumn("dormantWarnedAt").execute();
}
