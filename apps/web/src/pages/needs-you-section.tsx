/**
 * "What needs you" on the overview: for a member, the goals their organisation leads that have
 * gone longer than the cycle's interval without an update, the open alerts it has not answered,
 * and the open proposals and statements awaiting its position or signature; for the convenor, the same for every organisation, grouped. Observers speak for no
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
            Goals with no progress update for over {weeks} weeks, open alerts not yet answered, and open proposals and statements awaiting a
            position or signature, by organisation.
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
          o.staleGoals.length + o.unansweredAlerts.length + o.proposalsAwaiting.length + o.statementsAwaiting.length === 0 ? (
            <p key={o.id}>
              Nothing needs {o.name} right now: every goal it leads has had an update in the last {weeks} weeks, and it has answered every
              open alert, proposal and statement.
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
        {o.proposalsAwaiting.map((p) => (
          <li key={`proposal-${p.id}`}>
            <span className="needs-you-kind">Proposal awaiting a position</span>{" "}
            <Link to="/proposals/$proposalId" params={{ proposalId: p.id }}>
              {p.question}
            </Link>{" "}
            <span className="muted small">closes {formatDateTime(p.closesAt)}</span>{" "}
            {!asConvenor && (
              <Link to="/proposals/$proposalId" params={{ proposalId: p.id }} className="nowrap">
                Give your position<span className="visually-hidden"> on {p.question}</span>
              </Link>
            )}
          </li>
        ))}
        {o.statementsAwaiting.map((st) => (
          <li key={`statement-${st.id}`}>
            <span className="needs-you-kind">{st.toConfirm ? "Statement changed: confirm" : "Statement to sign"}</span>{" "}
            <Link to="/statements/$statementId" params={{ statementId: st.id }}>
              {st.title}
            </Link>{" "}
            <span className="muted small">sign by {formatDateTime(st.deadline)}</span>{" "}
            {!asConvenor && (
              <Link to="/statements/$statementId" params={{ statementId: st.id }} className="nowrap">
                {st.toConfirm ? "Confirm" : "Sign"}
                <span className="visually-hidden"> {st.title}</span>
              </Link>
            )}
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
