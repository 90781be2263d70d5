import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useAccess } from "../access.ts";
import { api, call, type GoalSummary } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { OrganisationContributions } from "../components/organisation-contributions.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatDate } from "../format.ts";
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
        {o.isConvenor
          ? "Convenes the group."
          : o.leftOn
            ? `Former member: left the group on ${formatDate(o.leftOn)}.`
            : "Member organisation."}{" "}
        {o.website && <a href={o.website}>{o.website}</a>}
      </p>
      {!o.isConvenor && !o.leftOn && <LeaveGroup organisation={o} />}
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

/** The convenor records that an organisation has left the group: its people can no longer sign in; its history stays. */
function LeaveGroup({ organisation: o }: { organisation: { id: number; name: string; version: number } }) {
  const { isConvenor } = useAccess();
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  const leave = useMutation({
    mutationFn: () => call(api.organisations[":id"].leave.$post({ param: { id: String(o.id) }, json: { version: o.version } })),
    onSuccess: (res) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ["organisations"] });
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      void queryClient.invalidateQueries({ queryKey: ["goals", "organisation", o.id] });
      toast(
        `${o.name} has left the group. ${res.accountsDisabled} ${res.accountsDisabled === 1 ? "account was" : "accounts were"} disabled.`,
      );
    },
  });
  if (!isConvenor) return null;
  return (
    <>
      <p>
        <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
          Record that it has left the group
        </button>
      </p>
      <ConfirmDialog
        open={confirming}
        title={`Has ${o.name} left the group?`}
        confirmLabel="It has left the group"
        busy={leave.isPending}
        onConfirm={() => leave.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>From today:</p>
        <ul>
          <li>the accounts of its people are disabled and their sessions end;</li>
          <li>it is no longer asked to answer alerts or proposals, counted in quorums, or offered when choosing an organisation;</li>
          <li>its past contributions, updates and signatures stay in the record, shown as a former member.</li>
        </ul>
        {leave.error && <ErrorMessage error={leave.error} />}
      </ConfirmDialog>
    </>
  );
}
