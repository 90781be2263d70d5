/**
 * Moving a whole Convene database to another engine (or another file): every table the
 * migrations made, every row with its own keys, in one transaction on the target, checked
 * table by table (row count and a checksum of the rows) before the transaction commits.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { columnNames, continueKeyNumbering, deferForeignKeys, primaryKeyColumns, tableNames, tablesInDependencyOrder } from "./catalog.ts";
import { DatabaseProblem, migrationNames, openDatabase, redactedLocation } from "./connection.ts";

export interface TableCheck {
  table: string;
  rows: number;
  /** sha256 of the rows in key order, each as its values by column name: the same on both engines for the same data. */
  checksum: string;
}

export interface CopyResult {
  tables: TableCheck[];
}

const BATCH = 200;

/** Each table's row count and checksum, in dependency order. */
export async function tableChecks(db: Kysely<any>): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of await tablesInDependencyOrder(db)) {
    const rows = await rowsInKeyOrder(db, table);
    const hash = createHash("sha256");
    for (const row of rows) hash.update(`${canonicalRow(row)}\n`);
    checks.push({ table, rows: rows.length, checksum: hash.digest("hex") });
  }
  return checks;
}

async function rowsInKeyOrder(db: Kysely<any>, table: string): Promise<Record<string, unknown>[]> {
  const key = await primaryKeyColumns(db, table);
  const order = key.length ? key : await columnNames(db, table);
  let q = db.selectFrom(table).selectAll();
  for (const column of order) q = q.orderBy(column);
  return q.execute();
}

function canonicalRow(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k] ?? null]),
  );
}

/**
 * Copies the database at `from` into the empty database at `to` (a postgres:// address or a
 * SQLite file path). Refuses a target that holds any rows, and a source this code's migrations
 * do not describe exactly; nothing is left in the target unless every table checked out.
 */
export async function copyDatabase(from: string, to: string): Promise<CopyResult> {
  const source = await openDatabase(from, { migrate: false });
  try {
    const applied = await source.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute()
      .then((rows) => (rows as { name: string }[]).map((r) => r.name).sort())
      .catch(() => [] as string[]);
    if (applied.join() !== migrationNames.join())
      throw new DatabaseProblem(
        `The source ${source.label} is at migration ${applied.at(-1) ?? "(none)"}, this Convene at ${migrationNames.at(-1)}: start this Convene on it once first, so that both have the same tables.`,
      );

    const target = await openDatabase(to, { migrate: false });
    try {
      const db = target.db as Kysely<any>;
      for (const table of await tableNames(db)) {
        const { n } = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        if (Number(n) > 0)
          throw new DatabaseProblem(
            `The target ${target.label} is not empty (table "${table}" has ${n} rows); copy only into a new, empty database.`,
          );
      }
    } finally {
      await target.close();
    }

    const migrated = await openDatabase(to);
    try {
      const expected = await tableChecks(source.db);
      await (migrated.db as Kysely<any>).transaction().execute(async (trx) => {
        await deferForeignKeys(trx);
        for (const { table } of expected) {
          const rows = await rowsInKeyOrder(source.db, table);
          for (let i = 0; i < rows.length; i += BATCH)
            await trx
              .insertInto(table)
              .values(rows.slice(i, i + BATCH))
              .execute();
        }
        await continueKeyNumbering(trx);
        const copied = await tableChecks(trx);
        for (const want of expected) {
          const got = copied.find((c) => c.table === want.table);
          if (!got || got.rows !== want.rows || got.checksum !== want.checksum)
            throw new Error(
              `The copy of table "${want.table}" does not match its source (${got?.rows ?? 0} rows of ${want.rows}); nothing was written to ${redactedLocation(to)}.`,
            );
        }
      });
      return { tables: expected };
    } finally {
      await migrated.close();
    }
  } finally {
    await source.close();
  }
}
