/**
 * "Showing 51–100 of 2,000 goals" with previous and next, for every list the server pages
 * (the paging contract of packages/domain/src/paging.ts). Plain buttons, so the keyboard reaches
 * them in order and Enter or Space turns the page; the count is announced when it changes.
 */
import { type PageInfo, pageNumbers } from "@convene/domain";

const count = new Intl.NumberFormat("en-GB");

export function Pager({
  info,
  noun,
  nouns = `${noun}s`,
  onPage,
}: {
  info: PageInfo;
  /** What the list holds, in the singular and plural: "goal", "goals". */
  noun: string;
  nouns?: string;
  /** Asks for page `page` (1, 2, …). */
  onPage: (page: number) => void;
}) {
  const { page, pages, first, last } = pageNumbers(info);
  const total = count.format(info.total);
  const summary =
    info.total <= info.limit && info.offset === 0
      ? `${total} ${info.total === 1 ? noun : nouns}`
      : info.total === 0 || first > info.total
        ? `None on this page of ${total} ${nouns}`
        : `Showing ${count.format(first)}–${count.format(last)} of ${total} ${nouns}`;
  return (
    <nav className="pager no-print" aria-label={`Pages of ${nouns}`}>
      <p className="muted" aria-live="polite">
        {summary}
      </p>
      {pages > 1 && (
        <div className="pager-buttons">
          <button type="button" className="button secondary small" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
            <span aria-hidden="true">‹ </span>Previous<span className="visually-hidden"> page</span>
          </button>
          <span className="muted">
            Page {count.format(Math.min(page, pages))} of {count.format(pages)}
          </span>
          <button type="button" className="button secondary small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next<span className="visually-hidden"> page</span>
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      )}
    </nav>
  );
}

export { offsetOf } from "../queries.ts";
