/**
 * Reading a number out of a spreadsheet cell the way a person typed or Excel saved it: "1,000"
 * and "1,234.5" with thousands separators, "50%" in a cell counted in per cent, and a decimal
 * comma ("2,5") when nothing else could be meant. A cell that could be read two ways is refused
 * with the reason, never guessed: "2,5" is never 25.
 */

export type CellNumber = { value: number } | { problem: string } | undefined;

/** What the reader knows about the cell's column and measure. */
export interface CellContext {
  /** The measure is counted in per cent, so a trailing "%" is allowed (and dropped). */
  percent?: boolean;
  /** Another cell of this column uses a decimal comma, so "1,000" there could mean 1 as well as 1000. */
  columnUsesDecimalComma?: boolean;
}

const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const DOT_THOUSANDS_DECIMAL_COMMA = /^\d{1,3}(\.\d{3})+,\d+$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;

/** True when a cell's comma can only be a decimal comma ("2,5", "0,125", "1234,5"). */
export function isDecimalComma(cell: string): boolean {
  const c = cell.trim().replace(/%$/, "").replace(/^[-+]/, "").trim();
  return DOT_THOUSANDS_DECIMAL_COMMA.test(c) || (DECIMAL_COMMA.test(c) && (!THOUSANDS.test(c) || c.startsWith("0")));
}

/** Percentages: a unit of "%", "per cent", "percent" or "percentage". */
export function isPercentUnit(unit: string | null | undefined): boolean {
  return /^(%|per ?cent|percentage( points)?)$/i.test((unit ?? "").trim());
}

/** The cell's number, or a problem in plain words, or undefined for an empty cell. */
export function readCellNumber(cell: string | undefined, context: CellContext = {}): CellNumber {
  // Spreadsheets pad with ordinary and non-breaking spaces, and some write thousands with thin spaces.
  let c = (cell ?? "").replace(/[\s\u00a0\u202f]/g, "");
  if (c === "") return undefined;
  const shown = (cell ?? "").trim();
  if (c.endsWith("%")) {
    if (!context.percent)
      return { problem: `has a % sign, but the measure is not counted in per cent (unit "%"); enter "${shown.replace(/\s*%$/, "")}"` };
    c = c.slice(0, -1);
  }
  const sign = c.startsWith("-") ? -1 : 1;
  if (/^[-+]/.test(c)) c = c.slice(1);
  const refuse = {
    problem: `"${shown}" could be read more than one way; write it with a point for decimals and no separators, for example 1234.5`,
  };
  let n: number;
  if (PLAIN.test(c)) n = Number(c);
  else if (DOT_THOUSANDS_DECIMAL_COMMA.test(c)) n = Number(c.replace(/\./g, "").replace(",", "."));
  else if (THOUSANDS.test(c) && !c.startsWith("0")) {
    // "1,000" beside "2,5" in the same column might be one, with three decimals.
    if (context.columnUsesDecimalComma && !c.includes(".") && c.split(",").length === 2) return refuse;
    n = Number(c.replace(/,/g, ""));
  } else if (DECIMAL_COMMA.test(c)) n = Number(c.replace(",", "."));
  else if (/^[\d.,]+$/.test(c)) return refuse;
  else return { problem: `must be a number, not "${shown}"` };
  return Number.isFinite(n) ? { value: sign * n } : { problem: `must be a number, not "${shown}"` };
}
