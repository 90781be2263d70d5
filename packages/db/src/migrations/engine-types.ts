/**
 * The column types and defaults the migrations use, per engine. The SQLite choices are exactly
 * what the migrations wrote before PostgreSQL was supported (the same CREATE TABLE text), so a
 * SQLite database migrated by an older Convene and one migrated now have the same schema.
 * PostgreSQL gets its own spelling of the same thing: identity keys, 8-byte floats, and real
 * booleans and timestamps only where Better Auth reads and writes them (its adapter expects
 * them there). Convene's own times stay ISO-8601 text and its own flags 0/1 integers on both
 * engines, so rows look the same to the code whichever engine stored them.
 * Frozen with the migrations: change nothing here that an existing migration relies on.
 */
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

export function engineTypes(db: Kysely<any>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    pg,
    /** An integer key the database numbers (explicit ids may still be inserted, as a restore does). */
    id: (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()),
    /** A double-precision number (SQLite's REAL is 8 bytes; PostgreSQL's `real` is only 4). */
    real: pg ? ("double precision" as const) : ("real" as const),
    /** Better Auth's dates. */
    date: pg ? ("timestamptz" as const) : ("date" as const),
    /** Better Auth's booleans. */
    bool: pg ? ("boolean" as const) : ("integer" as const),
    /** Now, as ISO-8601 text with milliseconds in UTC: 2026-12-01T21:15:00.000Z. */
    now: pg ? sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  };
}
