/** An organisation's contribution history, with a summary of the chosen cycle, for its page. */
import { contributionKindLabels, contributionKinds } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatCompactDate, plural } from "../format.ts";
import { contributionsQuery } from "../queries.ts";
import { EmptyState, ErrorMessage, Skeleton } from "./states.tsx";

export function OrganisationContributions({ organisationId, name }: { organisationId: number; name: string }) {
  const list = useQuery(contributionsQuery({ organisationId }));
  const { cycle } = useCycleChoice();
  if (list.isLoading) return <Skeleton lines={4} />;
  if (list.error || !list.data) return <ErrorMessage error={list.error} retry={() => list.refetch()} />;
  const all = list.data.contributions;
  const inCycle = cycle ? all.filter((c) => c.date >= cycle.workshopDate && c.date <= cycle.agmDate) : [];
  const kinds = contributionKinds
    .map((k) => ({ k, n: inCycle.filter((c) => c.kind === k).length }))
    .filter((x) => x.n > 0)
    .map((x) => `${x.n} ${contributionKindLabels[x.k].toLowerCase()}`);
  const hours = inCycle.reduce((s, c) => s + (c.hours ?? 0), 0);
  return (
    <section aria-labelledby="org-contributions">
      <h2 id="org-contributions">Contributions</h2>
      {cycle && all.length > 0 && (
        <p className="contribution-summary">
          {inCycle.length === 0
            ? `No contributions logged in ${cycle.name} yet.`
            : `${plural(inCycle.length, "contribution")} in ${cycle.name} (${kinds.join(", ")})${hours > 0 ? `, ${plural(Math.round(hours * 10) / 10, "hour")}` : ""}.`}
        </p>
      )}
      {all.length === 0 ? (
        <EmptyState title={`${name} has no contributions logged yet`}>
          <p>
            What it leads, signs, drafts or hosts for the group appears here. <Link to="/contributions">Log a contribution</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="contribution-history">
            {all.map((c) => (
              <li key={c.id}>
                <span className="nowrap muted">{formatCompactDate(c.date)}</span>{" "}
                <span className={`kind-tag kind-${c.kind}`}>{contributionKindLabels[c.kind]}</span> {c.description}
                {(c.goalTitle ?? c.milestoneTitle ?? c.meetingTitle) && (
                  <span className="muted"> — {c.goalTitle ?? c.milestoneTitle ?? c.meetingTitle}</span>
                )}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/contributions" search={{ org: organisationId, allCycles: true }}>
              See them in the contributions table
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
