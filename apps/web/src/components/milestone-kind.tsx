/** A milestone's kind as a word and a shape together: never a shape alone. */
import { type MilestoneKind, milestoneKindLabels } from "@convene/domain";

const stroke = { fill: "none", stroke: "currentColor", strokeWidth: 1.6, strokeLinejoin: "round", strokeLinecap: "round" } as const;

const shapes: Record<MilestoneKind, React.ReactNode> = {
  // A building with columns.
  government_publication: <path d="M2 6.5L8 2.5l6 4M3 13.5h10M4 7.5v5M6.7 7.5v5M9.3 7.5v5M12 7.5v5" {...stroke} />,
  // A portcullis.
  parliamentary: <path d="M3 3.5h10v10H3zM3 7h10M3 10.5h10M6.3 3.5v10M9.7 3.5v10" {...stroke} />,
  // A ballot box.
  election_pledge: <path d="M2.5 7.5h11v6h-11zM6 7.5V3h4v4.5M5 5.5h6" {...stroke} />,
  // An envelope.
  open_letter: <path d="M2 4h12v8.5H2zM2 4.5l6 4.5 6-4.5" {...stroke} />,
  // A speech bubble with an arrow back.
  reply: <path d="M2.5 3.5h11v7H7l-3 2.5v-2.5H2.5zM9.5 5.5l-2 1.5 2 1.5" {...stroke} />,
  // A megaphone.
  statement: <path d="M2.5 6.5h2.5l6-3v9l-6-3H2.5zM5 9.5l1 3.5M12.5 8h1.5" {...stroke} />,
  // A page with lines.
  report: <path d="M4 1.8h6l2.5 2.5v9.9H4zM6 6.5h4.5M6 9h4.5M6 11.5h3" {...stroke} />,
  // A star.
  event: <path d="M8 1.8l1.9 4 4.3.5-3.2 3 .9 4.3L8 11.5l-3.9 2.1.9-4.3-3.2-3 4.3-.5z" {...stroke} />,
  // Three people round a table.
  meeting: (
    <g {...stroke}>
      <path d="M2.5 12.5h11" />
      <circle cx="4.5" cy="9" r="1.7" />
      <circle cx="11.5" cy="9" r="1.7" />
      <circle cx="8" cy="5" r="1.7" />
    </g>
  ),
};

export function MilestoneKindIcon({ kind }: { kind: MilestoneKind }) {
  return (
    <svg className="kind-icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      {shapes[kind]}
    </svg>
  );
}

export function MilestoneKindBadge({ kind }: { kind: MilestoneKind }) {
  return (
    <span className={`kind kind-${kind}`}>
      <MilestoneKindIcon kind={kind} />
      {milestoneKindLabels[kind]}
    </span>
  );
}
