/**
 * Every chart sits in one of these: a title that states its finding, the chart, and a
 * "Show as table" toggle giving the same figures as a table (also what screen readers get).
 * The chart itself loads lazily: Recharts is most of the bundle and pages render without it.
 */
import { Suspense, useId, useState } from "react";
import { Skeleton } from "./states.tsx";

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export function ChartFigure({ title, table, children }: { title: string; table: ChartTable; children: React.ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <figcaption id={`${id}-title`} className="chart-title">
          {title}
        </figcaption>
        <button type="button" className="button small secondary no-print" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </div>
      {asTable ? (
        <FigureTable table={table} />
      ) : (
        <>
          <div className="chart-area" aria-hidden="true">
            <Suspense fallback={<Skeleton lines={4} height="2rem" />}>{children}</Suspense>
          </div>
          <div className="visually-hidden">
            <FigureTable table={table} scroll={false} />
          </div>
        </>
      )}
    </figure>
  );
}

function FigureTable({ table, scroll = true }: { table: ChartTable; scroll?: boolean }) {
  const body = (
    <table className="data-table compact">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          // Row labels (dates, names) can repeat; rows never reorder, so position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            {r.map((cell, j) =>
              j === 0 ? (
                <th key={table.columns[j]} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={table.columns[j]}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  // A scrolling region must be reachable by keyboard; the hidden twin never scrolls.
  return scroll ? (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: axe's scrollable-region-focusable asks for exactly this
    <section className="table-scroll" tabIndex={0} aria-label={table.caption}>
      {body}
    </section>
  ) : (
    body
  );
}
