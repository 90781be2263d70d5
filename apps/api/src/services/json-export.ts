/**
 * The complete JSON export of a group's data, and restoring one into an empty database.
 * Generic over the database: every table the migrations created is included (found in the
 * engine's catalogue, ordered so that a table comes after the tables its foreign keys point to),
 * except the secrets listed in EXCLUDED_TABLES. New tables from later migrations are exported
 * and restored with no change here. The format is described in docs/data-format.md.
 */
import {
  columnNames,
  continueKeyNumbering,
  type Db,
  deferForeignKeys,
  primaryKeyColumns,
  rebuildStoredProgress,
  recordAudit,
  tablesInDependencyOrder,
} from "@convene/db";
import { type Kysely, sql } from "kysely";

export const EXPORT_FORMAT = "convene-export";
export const EXPORT_VERSION = 1;

/**
 * Left out of every export, and why:
 * - `session`: live sign-in tokens; restoring them would let old cookies sign in again.
 * - `account`: Better Auth's credentials (password hashes, provider tokens).
 * - `verification`: short-lived verification tokens.
 * - `invitations`: hashes of set-up, invitation and reset links (secrets, and short-lived).
 * - `rateLimit`: Better Auth's attempt counts per client address (personal, and short-lived).
 * - `stored…`: progress figures derived from the history, rebuilt from it on restore.
 * - `twoFactor`: two-factor secrets and backup codes; after a restore the convenor resets each
 *   person's two-factor (Admin › Accounts) and they set it up again.
 * Kysely's own `kysely_migration*` tables and SQLite's `sqlite_*` tables are bookkeeping: the
 * migration level is recorded in the export's `schema` field instead.
 */
export const EXCLUDED_TABLES: Record<string, string> = {
  session: "sign-in sessions (secret tokens)",
  account: "passwords and sign-in provider tokens",
  verification: "short-lived verification tokens",
  invitations: "hashes of set-up, invitation and password-reset links",
  rateLimit: "recent sign-in attempt counts, keyed by client address",
  storedMeasureProgress: "derived from the history (rebuilt on restore)",
  storedGoalProgress: "derived from the history (rebuilt on restore)",
  storedGoalSeries: "derived from the history (rebuilt on restore)",
  storedCycleProgress: "derived from the history (rebuilt on restore)",
  storedProgressState: "the version cached answers are checked against (set on restore)",
  twoFactor: "two-factor secrets and backup codes",
};

type Row = Record<string, unknown>;

export interface ConveneExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  schema: { migrations: string[] };
  exportedAt: string;
  excluded: Record<string, string>;
  tables: Record<string, Row[]>;
}

/** The migrated tables worth exporting, parents before children. */
export async function exportableTables(db: Kysely<any>): Promise<string[]> {
  return tablesInDependencyOrder(db, (name) => name in EXCLUDED_TABLES);
}

async function migrationsApplied(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

export async function exportDatabase(db: Db): Promise<ConveneExport> {
  const any = db as Kysely<any>;
  const tables: Record<string, Row[]> = {};
  for (const table of await exportableTables(any)) {
    const order = await primaryKeyColumns(any, table);
    let q = any.selectFrom(table).selectAll();
    for (const col of order.length ? order : ["rowid"]) q = q.orderBy(col);
    tables[table] = (await q.execute()) as Row[];
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schema: { migrations: await migrationsApplied(any) },
    exportedAt: new Date().toISOString(),
    excluded: EXCLUDED_TABLES,
    tables,
  };
}

export class RestoreProblem extends Error {}

/**
 * Loads an export into a database that holds none of the group's data yet, in the transaction it
 * is handed: all of it or nothing, its checks included (a database that gained rows since the
 * check cannot be half-restored over). Refuses an export from a newer Convene (a migration this
 * database does not have), tables or columns it does not know, and a database with data.
 */
export async function restoreDatabase(trx: Db, data: unknown): Promise<{ tables: number; rows: number }> {
  const any = trx as Kysely<any>;
  const doc = checkShape(data);
  const applied = new Set(await migrationsApplied(any));
  const unknownMigration = doc.schema.migrations.find((m) => !applied.has(m));
  if (unknownMigration)
    throw new RestoreProblem(`The export was made by a newer Convene (migration ${unknownMigration}); upgrade this one first.`);

  const tables = await exportableTables(any);
  for (const name of Object.keys(doc.tables)) {
    if (!tables.includes(name)) throw new RestoreProblem(`The export has a table "${name}" that this database does not have.`);
  }
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(any);
    if ((rows[0]?.n ?? 0) > 0)
      throw new RestoreProblem(`The database is not empty (table "${table}" has rows). Restore only into a new, empty database.`);
  }

  let count = 0;
  await deferForeignKeys(any);
  for (const table of tables) {
    const rows = doc.tables[table] ?? [];
    if (rows.length === 0) continue;
    const columns = new Set(await columnNames(any, table));
    for (const row of rows) {
      const extra = Object.keys(row).find((k) => !columns.has(k));
      if (extra) throw new RestoreProblem(`Table "${table}" has no column "${extra}".`);
    }
    for (let i = 0; i < rows.length; i += 100)
      await any
        .insertInto(table)
        .values(rows.slice(i, i + 100))
        .execute();
    count += rows.length;
  }
  await continueKeyNumbering(any);
  await rebuildStoredProgress(trx);
  await recordAudit(trx, {
    actor: { id: null, name: "Restore from export" },
    action: "restore",
    entity: "database",
    entityId: "all",
    after: { exportedAt: doc.exportedAt, tables: Object.keys(doc.tables).length, rows: count },
  });
  return { tables: Object.keys(doc.tables).length, rows: count };
}

function checkShape(data: unknown): ConveneExport {
  const d = data as Partial<ConveneExport> | null;
  if (!d || typeof d !== "object" || d.format !== EXPORT_FORMAT)
    throw new RestoreProblem(`This is not a Convene export (its "format" is not "${EXPORT_FORMAT}").`);
  if (d.version !== EXPORT_VERSION)
    throw new RestoreProblem(`This export is format version ${String(d.version)}; this Convene reads version ${EXPORT_VERSION}.`);
  if (!d.schema || !Array.isArray(d.schema.migrations)) throw new RestoreProblem(`The export has no "schema.migrations" list.`);
  if (!d.tables || typeof d.tables !== "object") throw new RestoreProblem(`The export has no "tables".`);
  for (const [name, rows] of Object.entries(d.tables)) {
    if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== "object" || Array.isArray(r)))
      throw new RestoreProblem(`Table "${name}" in the export is not a list of rows.`);
    for (const row of rows as Row[]) {
      for (const [col, v] of Object.entries(row)) {
        if (v !== null && typeof v !== "string" && typeof v !== "number")
          throw new RestoreProblem(`Table "${name}", column "${col}" holds a value that is neither text, a number nor null.`);
      }
    }
  }
  return d as ConveneExport;
}
