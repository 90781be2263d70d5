/**
 * What tables the database holds and how they hang together, read from each engine's own
 * catalogue (sqlite_master and pragmas, or PostgreSQL's information schema): used by the JSON
 * export and restore and by copy-database, which work on whatever tables the migrations made.
 */
import { type Kysely, sql } from "kysely";
import { engineOf } from "./engine.ts";

/** Every table the migrations made (not Kysely's own bookkeeping), by name. */
export async function tableNames(db: Kysely<any>): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      order by table_name`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** The tables `table`'s foreign keys point at. */
export async function parentTables(db: Kysely<any>, table: string): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ parent: string }>`
      select distinct ccu.table_name as parent
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}`.execute(db);
    return rows.map((r) => r.parent);
  }
  const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
  return rows.map((r) => r.table);
}

/** Every table, parents before the tables that point at them (a table never waits on itself). */
export async function tablesInDependencyOrder(db: Kysely<any>, exclude: (name: string) => boolean = () => false): Promise<string[]> {
  const names = (await tableNames(db)).filter((n) => !exclude(n));
  const parents = new Map<string, string[]>();
  for (const name of names)
    parents.set(
      name,
      (await parentTables(db, name)).filter((t) => t !== name && names.includes(t)),
    );
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (seen.has(name) || path.includes(name)) return;
    for (const p of parents.get(name) ?? []) visit(p, [...path, name]);
    seen.add(name);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

/** The columns of `table`, in table order. */
export async function columnNames(db: Kysely<any>, table: string): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

/** The primary key's columns of `table`, in key order (empty when it has none). */
export async function primaryKeyColumns(db: Kysely<any>, table: string): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ name: string }>`
      select kcu.column_name as name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.constraint_schema = tc.constraint_schema
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}
      order by kcu.ordinal_position`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db);
  return rows
    .filter((r) => r.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((r) => r.name);
}

/**
 * Within a transaction that loads rows with their keys: foreign keys are checked at commit, not
 * row by row (SQLite; on PostgreSQL the loaders insert parents first instead).
 */
export async function deferForeignKeys(trx: Kysely<any>): Promise<void> {
  if (engineOf(trx) === "sqlite") await sql`pragma defer_foreign_keys = on`.execute(trx);
}

/**
 * After rows were loaded with their own ids: PostgreSQL's identity columns start numbering after
 * the highest id, as SQLite's AUTOINCREMENT does by itself.
 */
export async function continueKeyNumbering(trx: Kysely<any>): Promise<void> {
  if (engineOf(trx) !== "postgres") return;
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table, column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
