/**
 * The public progress page: no account needed, nothing but what is marked public (the server
 * builds it as the anonymous viewer and answers 404 while the convenor has it turned off).
 */
import { cycleTiming, percent } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiFailure, api, call, type PublicPage as PublicData } from "../api.ts";
import { Markdown } from "../components/markdown.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { formatDate, formatNumber, plural } from "../format.ts";

export function PublicPage() {
  const page = useQuery({ queryKey: ["public"], queryFn: () => call(api.public.$get()), retry: false });
  const groupName = page.data?.group.name;
  useEffect(() => {
    document.title = groupName ? `${groupName}: progress` : "Progress";
  }, [groupName]);

  return (
    <div className="public-page">
      <header className="public-header">
        <p className="brand">{page.data?.group.shortName ?? page.data?.group.name ?? "Convene"}</p>
      </header>
      <main id="main" className="public-main">
        {page.isLoading ? (
          <>
            <h1>Progress</h1>
            <Skeleton lines={6} />
          </>
        ) : page.error instanceof ApiFailure && page.error.status === 404 ? (
          <>
            <h1>There is no public progress page</h1>
            <p>This group has not published its progress here. If you are a member, sign in to see the dashboard.</p>
            <p>
              <a href="/sign-in">Sign in</a>
            </p>
          </>
        ) : page.error || !page.data ? (
          <>
            <h1>Progress</h1>
            <ErrorMessage error={page.error} retry={() => page.refetch()} />
          </>
        ) : (
          <PublicContent data={page.data} />
        )}
      </main>
    </div>
  );
}

/** The year in the right tense: a workshop still ahead is spoken of as ahead, an AGM gone by as past. */
function cycleSentence(cycle: NonNullable<PublicData["cycle"]>) {
  const workshop = formatDate(cycle.workshopDate);
  const agm = formatDate(cycle.agmDate);
  switch (cycleTiming(cycle)) {
    case "future":
      return `Our goals for ${cycle.name} will be agreed at our workshop on ${workshop}; we will report on them at our AGM on ${agm}.`;
    case "past":
      return `Our goals for ${cycle.name} were agreed at our workshop on ${workshop}; we reported on them at our AGM on ${agm}.`;
    default:
      return `Our goals for ${cycle.name}, agreed at our workshop on ${workshop}; we report on them at our AGM on ${agm}.`;
  }
}

function PublicContent({ data }: { data: PublicData }) {
  const { cycle, goals, milestones, decisions, statements } = data;
  return (
    <>
      <h1>{data.group.name}: our progress</h1>
      {cycle ? (
        <p className="lead-text">
          {cycleSentence(cycle)}
          {goals.length > 0 &&
            data.progress !== null &&
            ` Across ${plural(goals.length, "public goal")}, average progress is ${percent(data.progress)}.`}
        </p>
      ) : (
        <p>The group has not yet set out its goals for the year.</p>
      )}
      <section aria-labelledby="public-goals">
        <h2 id="public-goals">Goals</h2>
        {goals.length === 0 ? (
          <p>No goals have been made public yet. Goals the group chooses to share will appear here with their progress.</p>
        ) : (
          <ul className="public-goals">
            {goals.map((g) => (
              <li key={g.id} className="card">
                <h3>{g.title}</h3>
                <p className="public-goal-meta">
                  <StatusBadge status={g.status} />
                  {g.themeName && <span className="muted small">{g.themeName}</span>}
                  {g.leadName && <span className="muted small">Led by {g.leadName}</span>}
                  {g.dueDate && <span className="muted small">Due {formatDate(g.dueDate)}</span>}
                </p>
                {g.description && <Markdown text={g.description} />}
                <ProgressBar value={g.progress} label={`Progress of ${g.title}`} />
                {g.measures.length > 0 && (
                  <ul className="plain-list small">
                    {g.measures.map((m) => (
                      <li key={m.id}>
                        {m.name}:{" "}
                        {m.kind === "milestone"
                          ? m.current === 1
                            ? "done"
                            : "not done yet"
                          : `${formatNumber(m.current)} of ${formatNumber(m.target, m.unit)}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {milestones.length > 0 && (
        <section aria-labelledby="public-milestones">
          <h2 id="public-milestones">Milestones</h2>
          <ul className="plain-list">
            {milestones.map((m) => (
              <li key={m.id}>
                <strong>{m.title}</strong> <span className="muted">{m.dateLabel}</span>
                {m.description && <p>{m.description}</p>}
                {m.outcome && <p>{m.outcome}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {decisions.length > 0 && (
        <section aria-labelledby="public-decisions">
          <h2 id="public-decisions">Decisions we took together</h2>
          <ul className="plain-list">
            {decisions.map((d) => (
              <li key={d.id}>
                <strong>{d.question}</strong> <span className="muted">{formatDate(d.closedAt)}</span>
                <p>{d.outcome}</p>
                <p className="muted small">{plural(d.organisations, "member organisation")} gave a position.</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {statements.length > 0 && (
        <section aria-labelledby="public-statements">
          <h2 id="public-statements">Letters and statements</h2>
          <ul className="plain-list">
            {statements.map((st) => (
              <li key={st.id}>
                <strong>{st.title}</strong> <span className="muted">published {formatDate(st.publishedOn)}</span>
                {st.signatories.length > 0 && <p>Signed by {st.signatories.join(", ")}.</p>}
                {st.recipients.length > 0 && (
                  <ul className="plain-list small">
                    {st.recipients.map((r) => (
                      <li key={r.name}>
                        Sent to {r.name}
                        {r.sentOn && ` on ${formatDate(r.sentOn)}`}
                        {r.repliedOn ? `; replied ${formatDate(r.repliedOn)}` : "; no reply yet"}
                        {r.replySummary && `: ${r.replySummary}`}
                        {r.replyUrl && (
                          <>
                            {" "}
                            <a href={r.replyUrl}>
                              Read the reply<span className="visually-hidden"> from {r.name}</span>
                            </a>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
