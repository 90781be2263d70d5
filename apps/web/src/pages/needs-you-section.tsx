/**
 * "What needs you" on the overview: for a member, the goals their organisation leads that have
 * gone longer than the cycle's interval without an update, and the open alerts it has not
 * answered; for the convenor, the same for every organisation, grouped. Observers speak for no
 * organisation, so nothing shows for them.
 */

import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useAccess } from "../access.ts";
import type { NeedsYou } from "../api.ts";
import { CollapsibleSection } from "../components/collapsible-section.tsx";
import { useShowFirst } from "../components/show-first.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { UrgencyBadge } from "../components/urgency-badge.tsx";
import { formatDate, formatDateTime, plural } from "../format.ts";
import { needsYouQuery } from "../queries.ts";

type Organisation = NeedsYou["organisations"][number];

/** How many organisations the convenor sees before "Show all". */
const FIRST = 6;

export function NeedsYouSection({ cycleId }: { cycleId: number }) {
  const { takesPart } = useAccess();
  const needs = useQuery({ ...needsYouQuery(cycleId), enabled: takesPart });
  const [showAll, setShowAll] = useState(false);
  if (!takesPart) return null;

  const data = needs.data;
  // Goals waiting for an update first: they need a person, where an alert may simply be declined.
  const groups = [...(data?.organisations ?? [])].sort((a, b) => b.staleGoals.length - a.staleGoals.length || a.name.localeCompare(b.name));
  const weeks = data ? Math.round(data.intervalDays / 7) : 6;
  return (
    <CollapsibleSection name="needs-you" title="What needs you" className="needs-you">
      {needs.isLoading ? (
        <Skeleton lines={3} />
      ) : needs.error || !data ? (
        <ErrorMessage error={needs.error} retry={() => needs.refetch()} />
      ) : data.scope === "all" ? (
        <>
          <p className="muted small">
            Goals with no progress update for over {weeks} weeks, and open alerts not yet answered, by lead organisation.
          </p>
          {data.organisations.length === 0 ? (
            <p>
              Nothing is outstanding: every led goal has had an update in the last {weeks} weeks and every organisation has answered the
              open alerts.
            </p>
          ) : (
            <>
              <div className="needs-you-groups">
                {(showAll ? groups : groups.slice(0, FIRST)).map((o) => (
                  <div key={o.id} className="card needs-you-group">
                    <h3>{o.name}</h3>
                    <NeedsList organisation={o} weeks={weeks} asConvenor />
                  </div>
                ))}
              </div>
              {groups.length > FIRST && (
                <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
                  {showAll ? "Show fewer organisations" : `Show all ${groups.length} organisations`}
                </button>
              )}
            </>
          )}
        </>
      ) : data.organisations.length === 0 ? (
        <p className="muted">
          Your account is not linked to an organisation, so no goals or alerts are waiting for you. The convenor can link it.
        </p>
      ) : (
        data.organisations.map((o) =>
          o.staleGoals.length + o.unansweredAlerts.length === 0 ? (
            <p key={o.id}>
              Nothing needs {o.name} right now: every goal it leads has had an update in the last {weeks} weeks, and it has answered every
              open alert.
            </p>
          ) : (
            <NeedsList key={o.id} organisation={o} weeks={weeks} asConvenor={false} />
          ),
        )
      )}
    </CollapsibleSection>
  );
}

function NeedsList({ organisation: o, weeks, asConvenor }: { organisation: Organisation; weeks: number; asConvenor: boolean }) {
  // An organisation leading forty goals would otherwise fill the overview with one card.
  const goals = useShowFirst(o.staleGoals, asConvenor ? 5 : 10);
  return (
    <>
      <ul className="plain-list needs-you-list">
        {goals.shown.map((g) => (
          <li key={`goal-${g.id}`}>
            <span className="needs-you-kind">Goal needs an update</span>{" "}
            <Link to="/goals/$goalId" params={{ goalId: g.id }}>
              {g.title}
            </Link>{" "}
            <span className="muted small">
              {g.lastUpdateAt ? `last update ${formatDate(g.lastUpdateAt)}` : "no update yet"} (over {plural(weeks, "week")})
            </span>{" "}
            <Link to="/goals/$goalId" params={{ goalId: g.id }} hash="update-form-heading" className="nowrap">
              Post an update<span className="visually-hidden"> on {g.title}</span>
            </Link>
          </li>
        ))}
        {o.unansweredAlerts.map((a) => (
          <li key={`alert-${a.id}`}>
            <span className="needs-you-kind">Alert to answer</span>{" "}
            <Link to="/alerts/$alertId" params={{ alertId: a.id }}>
              {a.title}
            </Link>{" "}
            <UrgencyBadge urgency={a.urgency} /> <span className="muted small">answer by {formatDateTime(a.deadline)}</span>{" "}
            <Link
              to="/alerts/$alertId"
              params={{ alertId: a.id }}
              hash={asConvenor ? "convenor-title" : "own-answer-title"}
              className="nowrap"
            >
              {asConvenor ? "Record an answer" : "Answer"}
              <span className="visually-hidden"> to {a.title}</span>
            </Link>
          </li>
        ))}
      </ul>
      {goals.toggle}
    </>
  );
}
