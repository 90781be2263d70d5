/** Sign-on statements and open letters: open ones first (nearest deadline first), then the published and withdrawn. */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import type { StatementSummary } from "../api.ts";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDate, formatDateTime } from "../format.ts";
import { statementsQuery } from "../queries.ts";
import { signatureWords, statementKindLabels, statementStateLabels } from "../statement-format.ts";

export function StatementsPage() {
  const statements = useQuery(statementsQuery);
  const { isConvenor } = useAccess();
  const all = statements.data?.statements ?? [];
  const open = all.filter((s) => s.state === "open").sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  const done = all.filter((s) => s.state !== "open");
  return (
    <>
      <div className="page-head">
        <h1>Statements</h1>
        {isConvenor && (
          <Link to="/statements/new" className="button no-print">
            Draft a statement
          </Link>
        )}
      </div>
      <p className="lede">
        Letters and statements the group puts its name to. Each organisation signs once, listed publicly or supporting unnamed; a change to
        the text asks every signatory to confirm again.
      </p>
      {statements.isLoading ? (
        <Skeleton lines={6} height="3rem" />
      ) : statements.error ? (
        <ErrorMessage error={statements.error} retry={() => statements.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title="No statements yet">
          <p>When the convenor drafts a letter or statement for members to sign, it appears here with its deadline and signatures.</p>
          {isConvenor && (
            <Link to="/statements/new" className="button">
              Draft the first statement
            </Link>
          )}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="open-statements-title">
            <h2 id="open-statements-title">Open for signatures</h2>
            {open.length === 0 ? (
              <p className="muted">No statement is open for signatures just now.</p>
            ) : (
              <ul className="alert-list">
                {open.map((s) => (
                  <StatementCard key={s.id} statement={s} />
                ))}
              </ul>
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="done-statements-title">
              <h2 id="done-statements-title">Published and withdrawn</h2>
              <ul className="alert-list">
                {done.map((s) => (
                  <StatementCard key={s.id} statement={s} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function StatementCard({ statement: s }: { statement: StatementSummary }) {
  return (
    <li className={`card alert-card ${s.state !== "open" ? "alert-card-done" : ""}`}>
      <div className="alert-card-tags">
        <span className="alert-kind">{statementKindLabels[s.kind]}</span>
        {s.state !== "open" && <span className="alert-kind">{statementStateLabels[s.state]}</span>}
        <VisibilityBadge visibility={s.visibility} />
      </div>
      <h3 className="alert-card-title">
        <Link to="/statements/$statementId" params={{ statementId: s.id }}>
          {s.title}
        </Link>
      </h3>
      <dl className="alert-card-facts">
        <div>
          <dt>{s.state === "published" ? "Published" : "Sign by"}</dt>
          <dd>{s.state === "published" ? formatDate(s.publishedOn) : formatDateTime(s.deadline)}</dd>
        </div>
        <div>
          <dt>Signatures</dt>
          <dd>{signatureWords(s.signatures)}</dd>
        </div>
      </dl>
    </li>
  );
}
