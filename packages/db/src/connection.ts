/**
 * Opening the database, on either engine: a SQLite file (the default) or PostgreSQL when the
 * location is a postgres:// address. The schema is checked and migrated before anything else
 * runs; a database this code cannot use stops start-up with one line saying why.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  type KyselyPlugin,
  type MigrationResultSet,
  Migrator,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  SqliteDialect,
  sql,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { type Engine, engineOf, foldForSearch, isPostgresLocation, SQLITE_FOLD_FUNCTION } from "./engine.ts";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  engine: Engine;
  /**
   * The same database for Better Auth. On PostgreSQL it reads real booleans and dates, which
   * `db` turns into SQLite's 0/1 and ISO text for Convene's code; on SQLite it is `db`.
   */
  authDb: Kysely<any>;
  /** The SQLite connection (for its online backup); undefined on PostgreSQL. */
  sqlite: SQLite.Database | undefined;
  /** The location with any password removed, fit for logs and messages. */
  label: string;
  /** Closes every connection. */
  close: () => Promise<void>;
}

/** A database Convene cannot use: the message says what is wrong and what to do. */
export class DatabaseProblem extends Error {}

export interface OpenOptions {
  /** Bring the schema up to date (the default). The admin copy checks a target first. */
  migrate?: boolean;
  /** Connections in the PostgreSQL pool (default 10). */
  poolSize?: number;
}

/**
 * Opens (creating if need be) and migrates the database at `location`: a postgres:// address,
 * or a SQLite file path (":memory:" gives a private in-memory database).
 */
export async function openDatabase(location: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const opened = isPostgresLocation(location) ? await openPostgres(location, options) : openSqlite(location);
  try {
    const applied = await checkMigrationLevel(opened.db, opened.label);
    // Kysely's migrator reads the catalogue and takes its lock even when there is nothing to do;
    // skipping it when every migration has run makes start-up (and every PostgreSQL test) faster.
    if (options.migrate !== false && applied < migrationNames.length) await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

/**
 * WAL with synchronous=FULL: an acknowledged write survives a power cut, at a small cost per
 * commit.
 */
function openSqlite(path: string): OpenedDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.function(SQLITE_FOLD_FUNCTION, { deterministic: true }, (text: unknown) =>
    typeof text === "string" ? foldForSearch(text) : text,
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    db,
    engine: "sqlite",
    authDb: db,
    sqlite,
    label: path,
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/** Distinct SQL texts kept prepared; beyond it the cache starts afresh (long `in (…)` lists vary). */
const PREPARED_LIMIT = 2000;

/**
 * The connection as Kysely's SQLite dialect sees it, preparing each distinct SQL text once:
 * Kysely asks for a new statement on every query, and preparing one costs more than running a
 * small one. Reusing a statement is safe here because the dialect runs one query at a time on
 * the connection, and SQLite re-prepares a statement by itself when the schema changes.
 */
function reusingStatements(sqlite: SQLite.Database) {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = prepared.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (prepared.size >= PREPARED_LIMIT) prepared.clear();
        prepared.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * `pg` returns 64-bit integers (count(*), bigint columns) and numerics as strings, to keep
 * precision; every such number Convene stores fits a double, so they come back as numbers, as
 * they do from SQLite.
 */
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    if (oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

async function openPostgres(location: string, options: OpenOptions): Promise<OpenedDatabase> {
  const label = redactedLocation(location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new DatabaseProblem(`DATABASE_URL is not a valid address; write it as postgres://user:password@host:5432/database.`);
  }
  if (!url.pathname || url.pathname === "/")
    throw new DatabaseProblem(`DATABASE_URL names no database (${label}); add one, e.g. postgres://user:password@host:5432/convene.`);
  const pool = new pg.Pool({
    connectionString: location,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    types: pgTypes,
  });
  // A connection that breaks while idle (the server restarted) is dropped and replaced by the
  // pool; without a listener the error would end the process. Requests see their own errors.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseProblem(postgresConnectProblem(error, url, label));
  }
  const dialect = new PostgresDialect({ pool });
  const db = new Kysely<Database>({ dialect, plugins: [new SameRowsOnBothEngines()] });
  const authDb = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    engine: "postgres",
    authDb,
    sqlite: undefined,
    label,
    close: async () => {
      if (closed) return;
      closed = true;
      // Both Kysely instances share the pool: ending it once closes every connection (a caller may
      // already have ended it through db.destroy()).
      await pool.end().catch(() => {});
    },
  };
}

function postgresConnectProblem(error: unknown, url: URL, label: string): string {
  const e = error as { code?: string; message?: string };
  const where = `${url.hostname || "localhost"}:${url.port || "5432"}`;
  switch (e.code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${where} (connection refused): start the server, or correct DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach PostgreSQL: the host "${url.hostname}" was not found; correct DATABASE_URL.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the sign-in for "${decodeURIComponent(url.username)}": check the user and password in DATABASE_URL.`;
    case "3D000":
      return `PostgreSQL at ${where} has no database "${url.pathname.slice(1)}": create it (createdb), or correct DATABASE_URL.`;
    default:
      return `Cannot open the PostgreSQL database ${label}: ${e.message ?? String(error)}`;
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactedLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgres://(an address that does not parse)";
  }
}

/**
 * Refuses, before writing anything, a database migrated by a newer Convene: running older code
 * on it could misread or damage what the newer migrations made.
 */
async function checkMigrationLevel(db: Kysely<any>, label: string): Promise<number> {
  let rows: { name: string }[];
  try {
    rows = await db.selectFrom("kysely_migration").select("name").execute();
  } catch {
    return 0; // a new, empty database: nothing migrated yet
  }
  const unknown = rows.map((r) => r.name as string).filter((name) => !(name in migrations));
  if (unknown.length > 0)
    throw new DatabaseProblem(
      `The database ${label} was migrated by a newer Convene (migration ${unknown.sort().at(-1)}); run that version, or upgrade this one.`,
    );
  return rows.length;
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Database migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/** The names of the migrations this code knows, in order. */
export const migrationNames = Object.keys(migrations).sort();

/**
 * On PostgreSQL, rows come back as SQLite gives them, so Convene's code sees one set of types:
 * booleans (Better Auth's columns, `exists(…)`) as 0/1 and timestamps as ISO-8601 text.
 */
class SameRowsOnBothEngines implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key in row) {
        const v = row[key];
        if (typeof v === "boolean") row[key] = v ? 1 : 0;
        else if (v instanceof Date) row[key] = v.toISOString();
      }
    }
    return args.result;
  }
}

/**
 * Runs `work` while holding a database-wide lock, so that several instances starting at once on
 * one PostgreSQL database do it one after another (the first seeds; the rest find it seeded).
 * SQLite has one process per file, so there it simply runs.
 */
export async function withStartupLock<T>(db: Kysely<any>, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== "postgres") return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}

/** An arbitrary constant naming Convene's start-up lock among PostgreSQL's advisory locks. */
const STARTUP_LOCK = 726_363_836;
