/** A goal's status as a word, a shape and a colour together: never colour alone. */
import { type GoalStatus, goalStatusLabels } from "@convene/domain";

const shapes: Record<GoalStatus, React.ReactNode> = {
  not_started: <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />,
  on_track: <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />,
  at_risk: <path d="M8 2l6.5 12h-13zM8 6.5v3.5M8 11.8v.4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />,
  off_track: <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />,
  achieved: <path d="M8 1.5l2 4.3 4.6.5-3.4 3.1 1 4.6L8 11.7 3.8 14l1-4.6L1.4 6.3 6 5.8z" fill="currentColor" />,
  dropped: <path d="M3 8h10" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />,
};

export function StatusIcon({ status }: { status: GoalStatus }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {shapes[status]}
    </svg>
  );
}

export function StatusBadge({ status }: { status: GoalStatus }) {
  return (
    <span className={`status status-${status}`}>
      <StatusIcon status={status} />
      {goalStatusLabels[status]}
    </span>
  );
}
