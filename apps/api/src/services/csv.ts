/**
 * CSV in and out, with csv-stringify and csv-parse. Every text cell that a spreadsheet could
 * read as a formula (starting =, +, -, @, tab or carriage return) is written with a leading
 * apostrophe, so `=HYPERLINK(…)` typed into Convene is shown as text, never run. Numbers are
 * written as numbers. Reading undoes exactly that apostrophe, so a file exported and imported
 * again stores what was typed.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a neutralised cell stood for. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export type Cell = string | number | boolean | null | undefined;

/** A CSV document with a header row; text cells neutralised, numbers kept as numbers. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const safe = (c: Cell) => (typeof c === "string" ? neutralise(c) : c === null || c === undefined ? "" : String(c));
  return stringify([header.map(safe), ...rows.map((r) => r.map(safe))], { record_delimiter: "windows" });
}

export const CSV_LIMITS = { bytes: 1_000_000, rows: 2_000 } as const;

export class CsvProblem extends Error {}

/**
 * Reads a CSV made in a spreadsheet: a header row, then records as objects keyed by header.
 * A byte-order mark, blank rows and surrounding spaces are ignored. Throws CsvProblem with a
 * message a person can act on when the file is not CSV at all.
 */
export interface CsvRow {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: Record<string, string>;
}

export function readCsv(text: string): { header: string[]; rows: CsvRow[] } {
  let records: string[][];
  try {
    // Blank lines are kept (and skipped below) so row numbers match the spreadsheet's.
    records = parse(text, { bom: true, trim: true, relax_column_count: true, max_record_size: 100_000 });
  } catch (error) {
    throw new CsvProblem(`The file could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [head, ...body] = records;
  if (!head) throw new CsvProblem("The file is empty: it needs a header row and at least one row of data.");
  const header = head.map((h) => h.trim().toLowerCase());
  const rows = body
    .map((r, i) => ({ row: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, unneutralise(r[j] ?? "")])) }))
    .filter((r) => Object.values(r.cells).some((c) => c !== ""));
  return { header, rows };
}
