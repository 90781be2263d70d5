/** Loading, empty and error states, so no list is ever a blank page. */
import { ApiFailure } from "../api.ts";

export function Skeleton({ lines = 3, height = "1.2rem" }: { lines?: number; height?: string }) {
  return (
    <div className="skeleton" aria-busy="true" aria-live="polite">
      <span className="visually-hidden">Loading…</span>
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder lines have no identity and never reorder
        <span key={i} className="skeleton-line" style={{ height, width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function SkeletonPage({ title }: { title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="skeleton-cards">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card">
            <Skeleton lines={2} />
          </div>
        ))}
      </div>
      <Skeleton lines={6} />
    </>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return "Your session has ended. Sign in again to continue.";
    return error.message;
  }
  return "Something went wrong in the dashboard. Reload the page; if it keeps happening, tell the convenor.";
}

/** Asking again helps when the connection or the server faltered, not when the answer was "no". */
const worthRetrying = (error: unknown) =>
  !(error instanceof ApiFailure && error.status >= 400 && error.status < 500 && error.status !== 408);

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <p>{describeError(error)}</p>
      {retry && worthRetrying(error) && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
