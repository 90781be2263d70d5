import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { GoalSummary } from "../api.ts";
import { OrganisationContributions } from "../components/organisation-contributions.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { organisationQuery } from "../queries.ts";

export function OrganisationPage() {
  const { orgId } = useParams({ from: "/app/organisations/$orgId" });
  const org = useQuery(organisationQuery(orgId));
  const { cycle } = useCycleChoice();
  if (org.isLoading) return <SkeletonPage title="Organisation" />;
  if (org.error || !org.data) return <ErrorMessage error={org.error} retry={() => org.refetch()} />;
  const { organisation: o } = org.data;
  const inCycle = (g: GoalSummary) => !cycle || g.cycleId === cycle.id;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/organisations">Organisations</Link>
      </p>
      <h1>{o.name}</h1>
      <p className="muted">
        Short name: <code>{o.shortName}</code> (as spreadsheets and the goals table name it)
      </p>
      <p>
        {o.isConvenor ? "Convenes the group." : "Member organisation."} {o.website && <a href={o.website}>{o.website}</a>}
      </p>
      <GoalList
        title={`Goals it leads${cycle ? ` in ${cycle.name}` : ""}`}
        goals={org.data.leads.filter(inCycle)}
        empty="It leads no goals in this cycle."
      />
      <GoalList
        title={`Goals it supports${cycle ? ` in ${cycle.name}` : ""}`}
        goals={org.data.supports.filter(inCycle)}
        empty="It supports no goals in this cycle."
      />
      <OrganisationContributions organisationId={o.id} name={o.name} />
    </>
  );
}

function GoalList({ title, goals, empty }: { title: string; goals: GoalSummary[]; empty: string }) {
  return (
    <section>
      <h2>{title}</h2>
      {goals.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <ul className="goal-cards">
          {goals.map((g) => (
            <li key={g.id} className="card">
              <Link to="/goals/$goalId" params={{ goalId: g.id }}>
                {g.title}
              </Link>
              <div className="card-row">
                <StatusBadge status={g.status} />
                <ProgressBar value={g.progress} label={`Progress of ${g.title}`} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
