/** Exports: the AGM slide deck for the chosen cycle — choose the audience, preview the slides, download or present. */
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import { EmptyState, ErrorMessage, Skeleton, SkeletonPage } from "../components/states.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatDate } from "../format.ts";
import { agmQuery, meQuery } from "../queries.ts";

export function ExportsPage() {
  const { cycle, isLoading, error } = useCycleChoice();
  const me = useQuery(meQuery);
  const search = useSearch({ from: "/app/exports" });
  const navigate = useNavigate({ from: "/exports" });
  const { isObserver: observer } = useAccess();
  const audience = observer ? "public" : (search.audience ?? "members");
  const agm = useQuery({ ...agmQuery(cycle?.id ?? 0, audience), enabled: cycle !== undefined && me.data !== undefined });

  if (isLoading || me.isLoading) return <SkeletonPage title="Exports" />;
  if (error) return <ErrorMessage error={error} />;
  if (!cycle) {
    return (
      <>
        <h1>Exports</h1>
        <EmptyState title="There is no cycle yet">
          <p>
            The AGM slide deck is built from a cycle's goals and progress. Once the convenor creates a cycle, its deck can be made here.
          </p>
        </EmptyState>
      </>
    );
  }
  const query = `cycle=${cycle.id}&audience=${audience}`;
  const setAudience = (a: "members" | "public") => void navigate({ search: (prev) => ({ ...prev, audience: a }), replace: true });

  return (
    <>
      <h1>
        Exports <span className="subtitle">Cycle: {cycle.name}</span>
      </h1>
      <section className="card export-card" aria-labelledby="agm-deck-heading">
        <h2 id="agm-deck-heading">AGM slide deck</h2>
        <p>
          A PowerPoint deck for the AGM on {formatDate(cycle.agmDate)}, built from the cycle's live data. It opens and edits in PowerPoint,
          Keynote, Google Slides and LibreOffice; its charts are editable charts, not pictures.
        </p>
        <fieldset className="audience-choice">
          <legend>Who is it for?</legend>
          <label>
            <input
              type="radio"
              name="audience"
              value="members"
              checked={audience === "members"}
              disabled={observer}
              onChange={() => setAudience("members")}
            />
            Members <span className="hint">everything shared with members</span>
          </label>
          <label>
            <input type="radio" name="audience" value="public" checked={audience === "public"} onChange={() => setAudience("public")} />
            Public <span className="hint">only what is marked public, in every list, total, chart and note</span>
          </label>
          {observer && <p className="hint">As an observer you can export the public deck only.</p>}
        </fieldset>
        <div className="actions">
          <a className="button" href={`/api/exports/agm.pptx?${query}`} download>
            Download the deck (.pptx)
          </a>
          <Link className="button secondary" to="/exports/present" search={{ cycle: cycle.id, audience }}>
            Present
          </Link>
        </div>
      </section>

      <section className="card export-card" aria-labelledby="slide-list-heading" aria-busy={agm.isLoading}>
        <h2 id="slide-list-heading">The slides{agm.data ? ` (${agm.data.slides.length})` : ""}</h2>
        {agm.isLoading ? (
          <Skeleton lines={8} />
        ) : agm.error || !agm.data ? (
          <ErrorMessage error={agm.error} retry={() => agm.refetch()} />
        ) : (
          <ol className="slide-list">
            {agm.data.slides.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
