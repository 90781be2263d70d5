import { percent } from "@convene/domain";

/** Progress as a bar with its figure in words beside it; "No measures yet" rather than a false 0 %. */
export function ProgressBar({ value, label }: { value: number | null; label?: string }) {
  if (value === null) return <span className="muted">No measures yet</span>;
  const pct = Math.round(value * 100);
  return (
    <span className="progress">
      <span
        className="progress-track"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label ?? "Progress"}
      >
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="progress-figure">{percent(value)}</span>
    </span>
  );
}
