/** An alert's urgency as a word and a shape (and a colour): never colour alone. */
import { type AlertKind, type AlertState, type AlertUrgency, alertKindLabels, alertStateLabels, alertUrgencyLabels } from "@convene/domain";

const shapes: Record<AlertUrgency, React.ReactNode> = {
  routine: <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />,
  high: <path d="M8 2l6.5 12h-13z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />,
  critical: (
    <>
      <path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z" fill="currentColor" />
      <path d="M8 4.5v4.2M8 11v.5" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </>
  ),
};

export function UrgencyBadge({ urgency }: { urgency: AlertUrgency }) {
  return (
    <span className={`urgency urgency-${urgency}`}>
      <svg className="status-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        {shapes[urgency]}
      </svg>
      {alertUrgencyLabels[urgency]}
      <span className="visually-hidden"> urgency</span>
    </span>
  );
}

export function AlertKindTag({ kind }: { kind: AlertKind }) {
  return <span className={`alert-kind alert-kind-${kind}`}>{alertKindLabels[kind]}</span>;
}

export function AlertStateTag({ state }: { state: AlertState }) {
  return <span className={`alert-state alert-state-${state}`}>{alertStateLabels[state]}</span>;
}
