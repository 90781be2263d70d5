/** A road map item's status as a word, a shape and a colour together; "Overdue" likewise. */
import { type RoadmapStatus, roadmapStatusLabels } from "@convene/domain";

/** The shapes, drawn in a 16×16 box, shared by the badge and the timeline's bars. */
export const roadmapStatusShapes: Record<RoadmapStatus, React.ReactNode> = {
  planned: <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />,
  in_progress: (
    <>
      <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor" />
    </>
  ),
  done: <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />,
  blocked: (
    <>
      <rect x="2.5" y="2.5" width="11" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M5 11L11 5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
  dropped: <path d="M3 8h10" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />,
};

export const overdueShape = (
  <path d="M8 2l6.5 12h-13zM8 6.5v3.5M8 11.8v.4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
);

function Icon({ children }: { children: React.ReactNode }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function RoadmapStatusBadge({ status, overdue = false }: { status: RoadmapStatus; overdue?: boolean }) {
  return (
    <span className="roadmap-status-cell">
      <span className={`status roadmap-status-${status}`}>
        <Icon>{roadmapStatusShapes[status]}</Icon>
        {roadmapStatusLabels[status]}
      </span>
      {overdue && <OverdueBadge />}
    </span>
  );
}

export function OverdueBadge() {
  return (
    <span className="status overdue">
      <Icon>{overdueShape}</Icon>
      Overdue
    </span>
  );
}
