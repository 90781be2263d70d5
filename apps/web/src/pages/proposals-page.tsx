/** Questions put to the group between meetings: open ones first (closing soonest first), then the closed. */
import { proposalKindLabels } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import type { ProposalSummary } from "../api.ts";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDateTime } from "../format.ts";
import { closingWords, positionWords, quorumWords } from "../proposal-format.ts";
import { proposalsQuery } from "../queries.ts";

export function ProposalsPage() {
  const proposals = useQuery(proposalsQuery);
  const { isConvenor, speaksForOrganisation } = useAccess();
  const all = proposals.data?.proposals ?? [];
  const open = all.filter((p) => p.state === "open");
  // The server lists by closing time; the closed read best most recent first.
  const done = all.filter((p) => p.state !== "open").reverse();

  return (
    <>
      <div className="page-head">
        <h1>Proposals</h1>
        {isConvenor && (
          <Link to="/proposals/new" className="button no-print">
            New proposal
          </Link>
        )}
      </div>
      <p className="lede">
        Decisions taken between meetings. Each member organisation gives one position, and can change it until the proposal closes; the
        quorum is counted in organisations.
      </p>
      {proposals.isLoading ? (
        <Skeleton lines={6} height="3rem" />
      ) : proposals.error ? (
        <ErrorMessage error={proposals.error} retry={() => proposals.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title="No proposals yet">
          <p>When the convenor puts a question to the group (consent, a sense check, a choice or finding a time), it appears here.</p>
          {isConvenor && (
            <Link to="/proposals/new" className="button">
              Put the first question
            </Link>
          )}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="open-title">
            <h2 id="open-title">Open</h2>
            {open.length === 0 ? (
              <p className="muted">No proposal is open just now.</p>
            ) : (
              <ul className="alert-list">
                {open.map((p) => (
                  <ProposalCard key={p.id} proposal={p} showOwn={speaksForOrganisation} />
                ))}
              </ul>
            )}
          </section>
          {done.length > 0 && (
            <section aria-labelledby="closed-title">
              <h2 id="closed-title">Closed and withdrawn</h2>
              <ul className="alert-list">
                {done.map((p) => (
                  <ProposalCard key={p.id} proposal={p} showOwn={speaksForOrganisation} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function ProposalCard({ proposal: p, showOwn }: { proposal: ProposalSummary; showOwn: boolean }) {
  return (
    <li className={`card alert-card ${p.state !== "open" ? "alert-card-done" : ""}`}>
      <div className="alert-card-tags">
        <span className="alert-kind">{proposalKindLabels[p.kind]}</span>
        {p.state !== "open" && <span className="alert-kind">{p.state === "closed" ? "Closed" : "Withdrawn"}</span>}
        <VisibilityBadge visibility={p.visibility} />
      </div>
      <h3 className="alert-card-title">
        <Link to="/proposals/$proposalId" params={{ proposalId: p.id }}>
          {p.question}
        </Link>
      </h3>
      <dl className="alert-card-facts">
        <div>
          <dt>{p.state === "open" ? "Closes" : "Closed"}</dt>
          <dd>
            {formatDateTime(p.state === "open" ? p.closesAt : (p.closedAt ?? p.closesAt))}
            {p.state === "open" && <strong> ({closingWords(p)})</strong>}
          </dd>
        </div>
        <div>
          <dt>Positions</dt>
          <dd>{quorumWords(p.tally)}</dd>
        </div>
        {showOwn && (
          <div>
            <dt>Your organisation</dt>
            <dd>{p.myPosition ? positionWords(p.kind, p.options, p.myPosition) : "No position yet"}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
