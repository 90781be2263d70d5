/**
 * The two engines Convene stores its data in, and the few places where they need their own SQL.
 * Everything else is written once in Kysely's builder. Each helper takes the database (or the
 * transaction) it will run on and picks the engine's SQL from its dialect, so no call site
 * asks which engine it is on.
 */
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from "kysely";

export type Engine = "sqlite" | "postgres";

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A database location is a PostgreSQL address (postgres:// or postgresql://) or a SQLite file path. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

// ---- Search that ignores case and accents, the same on both engines -------------------------

/**
 * Latin letters with diacritics and the plain letter each folds to. PostgreSQL applies it with
 * translate(); SQLite with a function registered on the connection (`convene_fold`) that uses
 * the same table, so both engines find the same rows for the same words ("Genocide" matches
 * "génocide"). No extension (unaccent) is needed on either.
 */
const FOLD_EXTRA: Record<string, string> = { Ø: "O", ø: "o", Đ: "D", đ: "d", Ł: "L", ł: "l", Ħ: "H", ħ: "h", ı: "i" };
const FOLD_FROM_TO = (() => {
  let from = "";
  let to = "";
  for (let code = 0xc0; code <= 0x17f; code += 1) {
    const ch = String.fromCodePoint(code);
    const base = FOLD_EXTRA[ch] ?? ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (base !== ch && /^[A-Za-z]$/.test(base)) {
      from += ch;
      to += base;
    }
  }
  return { from, to };
})();
const FOLD_MAP = new Map([...FOLD_FROM_TO.from].map((ch, i) => [ch, FOLD_FROM_TO.to[i]!]));

/** Text folded as the search compares it: accents dropped (by the table above), then lower case. */
export function foldForSearch(text: string): string {
  let out = "";
  for (const ch of text) out += FOLD_MAP.get(ch) ?? ch;
  return out.toLowerCase();
}

/** The SQLite side of foldForSearch, registered on every connection Convene opens. */
export const SQLITE_FOLD_FUNCTION = "convene_fold";

function foldedColumn(engine: Engine, column: string): RawBuilder<string> {
  return engine === "postgres"
    ? sql`lower(translate(${sql.ref(column)}, ${sql.lit(FOLD_FROM_TO.from)}, ${sql.lit(FOLD_FROM_TO.to)}))`
    : sql`${sql.raw(SQLITE_FOLD_FUNCTION)}(${sql.ref(column)})`;
}

/**
 * A text column as lists sort it: folded like the search (so "eyeWitness" sorts among the e's),
 * compared byte by byte on both engines (PostgreSQL's own collation would otherwise skip spaces
 * and punctuation where SQLite does not, and pages would differ between engines).
 */
export function sortableText(db: Kysely<any>, column: string): RawBuilder<string> {
  const engine = engineOf(db);
  return engine === "postgres" ? sql`(${foldedColumn(engine, column)} collate "C")` : foldedColumn(engine, column);
}

/** True where any of `columns` contains `words`, ignoring case and accents. */
export function containsText(db: Kysely<any>, columns: string[], words: string): Expression<SqlBool> {
  const engine = engineOf(db);
  const pattern = `%${foldForSearch(words).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // LIKE has no escape character unless one is named (SQLite), so the backslashes need ESCAPE.
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => sql`${foldedColumn(engine, c)} like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}

// ---- JSON arrays of text stored in a text column (resources.tags) ----------------------------

/** A table of the values of the JSON array in `column`, with one column `value`, aliased `alias`. */
export function jsonTextValues(db: Kysely<any>, column: string, alias: string): RawBuilder<unknown> {
  return engineOf(db) === "postgres"
    ? sql`json_array_elements_text(${sql.ref(column)}::json) as ${sql.raw(alias)}(value)`
    : sql`json_each(${sql.ref(column)}) as ${sql.raw(alias)}`;
}

/** True where the JSON array of text in `column` holds `value`. */
export function jsonTextArrayHas(db: Kysely<any>, column: string, value: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from ${jsonTextValues(db, column, "jv")} where jv.value = ${value})`;
}

// ---- Claiming queued work (the outbox) --------------------------------------------------------

/**
 * Locks the rows a claim selects so that a second worker claiming at the same moment skips them
 * rather than waiting for them (PostgreSQL's FOR UPDATE SKIP LOCKED). SQLite has one writer at a
 * time, so its claim statement cannot interleave with another and needs no lock clause; the
 * lease (claimedUntil) is what keeps a claimed row from being claimed again on both engines.
 */
export function skipLockedRows<QB extends { forUpdate(): QB; skipLocked(): QB }>(db: Kysely<any>, query: QB): QB {
  return engineOf(db) === "postgres" ? query.forUpdate().skipLocked() : query;
}
