/**
 * The convenor's participation view: which organisations have contributed, attended a meeting or
 * answered an alert this cycle, and which have done none (a prompt for a friendly check-in).
 * Rendered only for the convenor, so it is never fetched for anyone else; the server refuses
 * everyone else anyway.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { Cycle } from "../api.ts";
import { formatDate, plural } from "../format.ts";
import { participationQuery } from "../queries.ts";
import { ErrorMessage, Skeleton } from "./states.tsx";

const yes = (n: number, what: string) =>
  n > 0 ? (
    <span className="participation-yes">
      <span aria-hidden="true">✓ </span>
      {plural(n, what)}
    </span>
  ) : (
    <span className="muted">
      <span aria-hidden="true">– </span>None
    </span>
  );

export function ParticipationSection({ cycle }: { cycle: Cycle }) {
  const p = useQuery(participationQuery(cycle.id));
  return (
    <section className="participation card" aria-labelledby="participation-title">
      <h2 id="participation-title">Participation this cycle</h2>
      <p className="muted small">
        Only you, as convenor, see this. It counts contributions, meetings attended and alerts answered between the workshop (
        {formatDate(cycle.workshopDate)}) and the AGM ({formatDate(cycle.agmDate)}).
      </p>
      {p.isLoading ? (
        <Skeleton lines={5} />
      ) : p.error || !p.data ? (
        <ErrorMessage error={p.error} retry={() => p.refetch()} />
      ) : (
        <>
          {p.data.quiet.length === 0 ? (
            <p>Every member organisation has taken part in something this cycle.</p>
          ) : (
            <div className="notice">
              <p>
                {plural(p.data.quiet.length, "organisation has", "organisations have")} not contributed, attended a meeting or answered an
                alert yet this cycle. A friendly check-in may help:
              </p>
              <ul className="quiet-list">
                {p.data.quiet.map((o) => (
                  <li key={o.organisationId}>
                    <Link to="/organisations/$orgId" params={{ orgId: o.organisationId }}>
                      {o.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <details className="participation-details">
            <summary>Every organisation, one by one</summary>
            <div className="table-scroll">
              <table className="data-table participation-table">
                <caption className="visually-hidden">Participation by organisation this cycle</caption>
                <thead>
                  <tr>
                    <th scope="col">Organisation</th>
                    <th scope="col">Contributed</th>
                    <th scope="col">Attended</th>
                    <th scope="col">Answered alerts</th>
                  </tr>
                </thead>
                <tbody>
                  {p.data.organisations.map((o) => (
                    <tr key={o.organisationId}>
                      <th scope="row">{o.name}</th>
                      <td data-label="Contributed">{yes(o.contributions, "contribution")}</td>
                      <td data-label="Attended">{yes(o.meetingsAttended, "meeting")}</td>
                      <td data-label="Answered alerts">{yes(o.alertsAnswered, "alert")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
