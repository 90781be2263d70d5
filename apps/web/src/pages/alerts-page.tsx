/** Coordinated-action alerts: open ones first, nearest deadline first; anyone who may raise one can. */
import { type AlertState, alertStateLabels, alertStates } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import { deadlineWords, responseChoiceLabels, tallyWords } from "../alert-format.ts";
import type { AlertSummary } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { FilterBar, FilterSelect } from "../components/filter-select.tsx";
import { Pager } from "../components/pager.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { AlertKindTag, AlertStateTag, UrgencyBadge } from "../components/urgency-badge.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDateTime } from "../format.ts";
import { alertsPageFor } from "../queries.ts";

export function AlertsPage() {
  const search = useSearch({ from: "/app/alerts" });
  const navigate = useNavigate({ from: "/alerts" });
  const { takesPart: mayRaise, speaksForOrganisation } = useAccess();
  const alerts = useQuery(alertsPageFor(search));

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        {mayRaise && (
          <Link to="/alerts/new" className="button no-print">
            Raise an alert
          </Link>
        )}
      </div>
      <p className="lede">
        Sounding the alarm: an emerging threat or an opportunity where coordinated action from the membership could make a difference. Each
        organisation answers once and can change its answer until the deadline.
      </p>
      <FilterBar>
        <FilterSelect
          id="filter-state"
          label="Show"
          allLabel="All alerts"
          value={search.state}
          options={alertStates.map((s) => ({ value: s, label: `${alertStateLabels[s]} alerts` }))}
          onChange={(v) => void navigate({ search: (p) => ({ ...p, page: undefined, state: v as AlertState | undefined }), replace: true })}
        />
      </FilterBar>
      <CsvDownload path="/data/alerts.csv" query={{ state: search.state }} />
      {alerts.isLoading ? (
        <Skeleton lines={6} height="3rem" />
      ) : alerts.error ? (
        <ErrorMessage error={alerts.error} retry={() => alerts.refetch()} />
      ) : alerts.data?.alerts.length === 0 ? (
        search.state ? (
          <EmptyState title={`No ${alertStateLabels[search.state].toLowerCase()} alerts`}>
            <p>
              <Link to="/alerts" search={(p) => ({ ...p, state: undefined })}>
                Show all alerts
              </Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="No alerts yet">
            <p>
              When a member or the convenor flags an emerging threat or an opportunity for coordinated action, it appears here with its ask,
              deadline and who has joined.
            </p>
            {mayRaise && (
              <Link to="/alerts/new" className="button">
                Raise the first alert
              </Link>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <ul className="alert-list">
            {alerts.data?.alerts.map((a) => (
              <AlertCard key={a.id} alert={a} showOwn={speaksForOrganisation} />
            ))}
          </ul>
          {alerts.data && (
            <Pager
              info={alerts.data}
              noun="alert"
              onPage={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })}
            />
          )}
        </>
      )}
    </>
  );
}

function AlertCard({ alert: a, showOwn }: { alert: AlertSummary; showOwn: boolean }) {
  return (
    <li className={`card alert-card ${a.state !== "open" ? "alert-card-done" : ""}`}>
      <div className="alert-card-tags">
        <UrgencyBadge urgency={a.urgency} />
        <AlertKindTag kind={a.kind} />
        {a.state !== "open" && <AlertStateTag state={a.state} />}
        <VisibilityBadge visibility={a.visibility} />
        {a.carries && <span className="tag">{a.carries.kind === "statement" ? "Statement to sign" : "Proposal to answer"}</span>}
      </div>
      <h2 className="alert-card-title">
        <Link to="/alerts/$alertId" params={{ alertId: a.id }}>
          {a.title}
        </Link>
      </h2>
      <p className="muted">{a.situation}</p>
      <dl className="alert-card-facts">
        <div>
          <dt>Deadline</dt>
          <dd>
            {formatDateTime(a.deadline)} <strong>({deadlineWords(a)})</strong>
          </dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd>{tallyWords(a.tally)}</dd>
        </div>
        {showOwn && (
          <div>
            <dt>Your organisation</dt>
            <dd>{a.myAnswer ? responseChoiceLabels[a.myAnswer.response] : "Not answered yet"}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
