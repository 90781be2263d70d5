import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Pager } from "../components/pager.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDateTime } from "../format.ts";
import { auditPageFor } from "../queries.ts";

const entityLabels: Record<string, string> = {
  goal: "Goals",
  measure: "Measures",
  progress_update: "Progress updates",
  cycle: "Cycles",
  theme: "Themes",
  organisation: "Organisations",
  user: "Accounts",
  invitation: "Invitations and links",
  roadmap_item: "Road map items",
  milestone: "Milestones",
  meeting: "Meetings",
  meeting_attendance: "Meeting attendance",
  meeting_decision: "Meeting decisions",
  calendar_link: "Calendar links",
  alert: "Alerts",
  alert_answer: "Answers to alerts",
  resource: "Resources",
  setting: "Settings",
  database: "Database restores",
};

function summarise(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text = JSON.stringify(value, null, 1);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

export function AdminAuditPage() {
  const { entity, page } = useSearch({ from: "/app/admin/audit" });
  const navigate = useNavigate({ from: "/admin/audit" });
  const audit = useQuery(auditPageFor({ entity, page }));
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change, newest first: who made it, when, and the record before and after.</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="audit-entity">Show</label>
          <select id="audit-entity" value={entity ?? ""} onChange={(e) => navigate({ search: { entity: e.target.value || undefined } })}>
            <option value="">Everything</option>
            {(audit.data?.entities ?? []).map((e) => (
              <option key={e} value={e}>
                {entityLabels[e] ?? e.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
      </div>
      {audit.isLoading ? (
        <Skeleton lines={10} />
      ) : audit.error ? (
        <ErrorMessage error={audit.error} />
      ) : audit.data?.entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet">
          <p>Changes to goals, measures, cycles, accounts and the rest appear here as they happen.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {audit.data?.entries.map((a) => (
                <tr key={a.id}>
                  <td data-label="When">{formatDateTime(a.at)}</td>
                  <td data-label="Who">{a.userName}</td>
                  <td data-label="What">
                    {a.action.replace("_", " ")} {a.entity.replace("_", " ")} {a.entityId}
                  </td>
                  <td data-label="Before">
                    <pre>{summarise(a.before)}</pre>
                  </td>
                  <td data-label="After">
                    <pre>{summarise(a.after)}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.data && audit.data.total > 0 && (
        <Pager info={audit.data} noun="change" onPage={(p) => navigate({ search: { entity, page: p > 1 ? p : undefined } })} />
      )}
    </>
  );
}
