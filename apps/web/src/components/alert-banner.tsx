/**
 * The open-alerts banner on every signed-in page: how many alerts are open, the nearest deadline,
 * and whether the viewer's organisation has answered. The server only lists alerts the viewer may
 * see, so an observer sees only public ones and nobody sees a banner for alerts hidden from them.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import { deadlineWords } from "../alert-format.ts";
import { formatDateTime } from "../format.ts";
import { alertsQuery } from "../queries.ts";

export function AlertBanner() {
  const { user, speaksForOrganisation } = useAccess();
  const open = useQuery({ ...alertsQuery("open"), enabled: user !== null, refetchInterval: 5 * 60_000 });
  const alerts = open.data?.alerts ?? [];
  if (alerts.length === 0) return null;
  // Open alerts come nearest deadline first.
  const next = alerts[0];
  if (!next) return null;
  const unanswered = alerts.filter((a) => a.myAnswer === null).length;
  const ownOrganisation = speaksForOrganisation;

  return (
    <section className="alert-banner no-print" aria-labelledby="alert-banner-title">
      <svg className="alert-banner-icon" viewBox="0 0 16 16" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M8 1.5l6.8 12.5H1.2z" fill="currentColor" />
        <path d="M8 6v3.8M8 11.6v.4" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <div>
        <p id="alert-banner-title" className="alert-banner-title">
          {alerts.length === 1 ? "1 open alert" : `${alerts.length} open alerts`}: nearest deadline {formatDateTime(next.deadline)} (
          {deadlineWords(next)})
        </p>
        <p className="alert-banner-body">
          <Link to="/alerts/$alertId" params={{ alertId: next.id }}>
            {next.title}
          </Link>
          {ownOrganisation && (
            <>
              {" · "}
              {alerts.length === 1
                ? next.myAnswer === null
                  ? "Your organisation has not answered yet."
                  : "Your organisation has answered."
                : unanswered === 0
                  ? "Your organisation has answered them all."
                  : `Your organisation has answered ${alerts.length - unanswered} of ${alerts.length}.`}
            </>
          )}
          {alerts.length > 1 && (
            <>
              {" · "}
              <Link to="/alerts" search={{ state: "open" }}>
                All open alerts
              </Link>
            </>
          )}
        </p>
      </div>
    </section>
  );
}
