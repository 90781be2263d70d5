/**
 * Every chart sits in one of these: a title that states its finding, the chart, and a
 * "Show as table" toggle giving the same figures as a table (also what screen readers get).
 * The chart itself loads lazily, and only once its figure is about to scroll into view (or the
 * page is printed): Recharts is most of the bundle (about 115 KiB gzipped), a phone shows a page's
 * words and figures without it, and the table twin below is in the page from the start.
 */
import { Suspense, useEffect, useId, useRef, useState } from "react";
import { Skeleton } from "./states.tsx";

/** How far below the fold a chart starts loading, so it is usually drawn by the time it is seen. */
const NEAR = "300px";

/**
 * Whether the element has come near the viewport. Once true it stays true: a chart, once
 * loaded, is not thrown away on scrolling past. Printing shows every chart, so it counts too.
 */
function useNearViewport<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const show = () => setNear(true);
    window.addEventListener("beforeprint", show);
    // Without IntersectionObserver (very old browsers) there is nothing to wait for.
    if (typeof IntersectionObserver === "undefined") {
      show();
      return () => window.removeEventListener("beforeprint", show);
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: NEAR });
    observer.observe(el);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", show);
    };
  }, [near]);
  return [ref, near] as const;
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export function ChartFigure({ title, table, children }: { title: string; table: ChartTable; children: React.ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const [ref, near] = useNearViewport<HTMLElement>();
  // The placeholder keeps the chart's room (.chart-area's height), so nothing moves when it arrives.
  const loading = <Skeleton lines={4} height="2rem" />;
  return (
    <figure ref={ref} className="chart-figure" aria-labelledby={`${id}-title`}>
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
            {near ? <Suspense fallback={loading}>{children}</Suspense> : loading}
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
