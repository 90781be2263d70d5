/** The milestones linked to one goal, for the goal's own page (only those the viewer may see). */
import { formatPreciseDate } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { milestonesQuery } from "../queries.ts";
import { MilestoneKindBadge } from "./milestone-kind.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "./states.tsx";

export function GoalMilestones({ goalId }: { goalId: number }) {
  const list = useQuery(milestonesQuery({ goalId, order: "asc" }));
  return (
    <section aria-labelledby="goal-milestones-heading">
      <h2 id="goal-milestones-heading">Milestones</h2>
      {list.isLoading ? (
        <Skeleton lines={2} />
      ) : list.error ? (
        <ErrorMessage error={list.error} retry={() => list.refetch()} />
      ) : !list.data?.milestones.length ? (
        <EmptyState title="No milestones linked to this goal yet">
          <p>
            Advocacy moments that advanced this goal appear here once the convenor links them on the{" "}
            <Link to="/milestones">Milestones</Link> page.
          </p>
        </EmptyState>
      ) : (
        <ol className="plain-list goal-milestones">
          {list.data.milestones.map((m) => (
            <li key={m.id}>
              <span className="ms-date">{formatPreciseDate(m.date, m.datePrecision)}</span> <MilestoneKindBadge kind={m.kind} />{" "}
              <Link to="/milestones" search={{ year: Number(m.date.slice(0, 4)) }}>
                {m.title}
              </Link>
              {m.outcome && <span className="muted small"> — {m.outcome}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
