import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDate } from "../format.ts";
import { organisationsQuery } from "../queries.ts";

export function OrganisationsPage() {
  const orgs = useQuery(organisationsQuery);
  return (
    <>
      <h1>Organisations</h1>
      <p>The member organisations of the group. Each page shows the goals an organisation leads and supports.</p>
      {orgs.isLoading ? (
        <Skeleton lines={10} />
      ) : orgs.error ? (
        <ErrorMessage error={orgs.error} retry={() => orgs.refetch()} />
      ) : orgs.data?.organisations.length === 0 ? (
        <EmptyState title="No organisations yet">
          <p>
            Run <code>npm run admin -- seed</code> to load the group's members, or add them through the API.
          </p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Member organisations</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Role</th>
                <th scope="col">Website</th>
                <th scope="col">Member since</th>
              </tr>
            </thead>
            <tbody>
              {orgs.data?.organisations.map((o) => (
                <tr key={o.id}>
                  <td data-label="Organisation">
                    <Link to="/organisations/$orgId" params={{ orgId: o.id }}>
                      {o.name}
                    </Link>
                  </td>
                  <td data-label="Role">{o.isConvenor ? "Convenor" : o.leftOn ? `Left ${formatDate(o.leftOn)}` : "Member"}</td>
                  <td data-label="Website">
                    {o.website ? <a href={o.website}>{new URL(o.website).host}</a> : <span className="muted">Not recorded</span>}
                  </td>
                  <td data-label="Member since">{o.joinedOn ? formatDate(o.joinedOn) : <span className="muted">Not recorded</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
