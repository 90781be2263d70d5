/** On a goal's page: the meetings and proposals whose decisions created or changed it ("Agreed at …", "Agreed by proposal …"). */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatDate } from "../format.ts";
import { goalMeetingsQuery } from "../queries.ts";

export function GoalMeetings({ goalId }: { goalId: number }) {
  const q = useQuery(goalMeetingsQuery(goalId));
  const meetings = q.data?.meetings ?? [];
  const proposals = q.data?.proposals ?? [];
  if (meetings.length + proposals.length === 0) return null;
  return (
    <ul className="plain-list goal-meetings">
      {meetings.map((m) => (
        <li key={m.decisionId}>
          {m.goalAction === "created" ? "Agreed at " : "Changed at "}
          <Link to="/meetings/$meetingId" params={{ meetingId: m.id }}>
            {m.title}
          </Link>{" "}
          <span className="muted small">({formatDate(m.startsAt)})</span>
        </li>
      ))}
      {proposals.map((p) => (
        <li key={p.decisionId}>
          {p.goalAction === "created" ? "Agreed by proposal " : "Changed by proposal "}
          <Link to="/proposals/$proposalId" params={{ proposalId: p.id }}>
            {p.question}
          </Link>{" "}
          {p.closedAt && <span className="muted small">({formatDate(p.closedAt)})</span>}
        </li>
      ))}
    </ul>
  );
}
