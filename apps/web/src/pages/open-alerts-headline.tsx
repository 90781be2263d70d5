/** The overview's "2 open alerts" headline figure: the open alerts the viewer may see, linking to them. */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { alertsQuery } from "../queries.ts";

export function OpenAlertsHeadline() {
  const open = useQuery(alertsQuery("open"));
  const count = open.data?.alerts.length;
  return (
    <div className="card headline">
      <span className="headline-figure">{count ?? "…"}</span>
      <span className="headline-words">
        {open.error ? (
          "open alerts could not be counted"
        ) : (
          <Link to="/alerts" search={{ state: "open" }}>
            {count === 1 ? "open alert" : "open alerts"}
          </Link>
        )}
      </span>
    </div>
  );
}
