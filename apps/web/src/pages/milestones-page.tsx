/**
 * The milestones timeline: the group's collective advocacy year by year, each date shown only as
 * precisely as it is known. Filters and order live in the URL, so a pasted link shows the same
 * view. The convenor adds, edits and removes milestones here (with undo).
 */
import { formatPreciseDate, type MilestoneKind, milestoneKindLabels, milestoneKinds, yearOf } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useAccess } from "../access.ts";
import { api, call, type Milestone } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { Dialog } from "../components/dialog.tsx";
import { FilterBar, FilterSelect, OrganisationFilter } from "../components/filter-select.tsx";
import { MilestoneKindBadge } from "../components/milestone-kind.tsx";
import { Pager } from "../components/pager.tsx";
import { StandingGoals } from "../components/standing-goals.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { plural } from "../format.ts";
import { milestonesPageFor } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { MilestoneForm } from "./milestone-form.tsx";

/** The machine-readable form of a date known to a precision, for <time dateTime>. */
function machineDate(m: Milestone): string {
  if (m.datePrecision === "day") return m.date;
  if (m.datePrecision === "month") return m.date.slice(0, 7);
  return m.date.slice(0, 4);
}

export function MilestonesPage() {
  const search = useSearch({ from: "/app/milestones" });
  const navigate = useNavigate({ from: "/milestones" });
  // A new filter or order starts again from the first page.
  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const { isConvenor } = useAccess();
  const newestFirst = search.order !== "oldest";
  // Keep the timeline on screen while a new filter or order loads, rather than flashing a skeleton.
  const list = useQuery(milestonesPageFor(search));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Milestone | null>(null);

  const filtered = search.kind || search.year || search.org;
  const milestones = list.data?.milestones ?? [];
  const years: { year: number; items: Milestone[] }[] = [];
  for (const m of milestones) {
    const y = yearOf(m.date, m.datePrecision);
    const last = years.at(-1);
    if (last?.year === y) last.items.push(m);
    else years.push({ year: y, items: [m] });
  }

  return (
    <>
      <div className="page-head">
        <h1>Milestones</h1>
        {isConvenor && (
          <button type="button" className="button no-print" onClick={() => setAdding(true)}>
            Add a milestone
          </button>
        )}
      </div>
      <p className="lede">
        What the group's collective advocacy has achieved: government publications, parliamentary moments, open letters and their replies,
        election pledges and statements. Dates are shown only as precisely as they are known.
      </p>

      <FilterBar
        label="Filter milestones"
        filtered={Boolean(filtered)}
        onClear={() => setSearch({ kind: undefined, year: undefined, org: undefined })}
      >
        <FilterSelect
          id="filter-kind"
          label="Kind"
          allLabel="All kinds"
          value={search.kind}
          options={milestoneKinds.map((k) => ({ value: k, label: milestoneKindLabels[k] }))}
          onChange={(v) => setSearch({ kind: v as MilestoneKind | undefined })}
        />
        <FilterSelect
          id="filter-year"
          label="Year"
          allLabel="All years"
          value={search.year}
          options={[...new Set([...(list.data?.years ?? []), ...(search.year ? [search.year] : [])])]
            .sort((a, b) => b - a)
            .map((y) => ({ value: y, label: String(y) }))}
          onChange={(v) => setSearch({ year: v ? Number(v) : undefined })}
        />
        <OrganisationFilter value={search.org} onChange={(org) => setSearch({ org })} />
        <fieldset className="order-toggle">
          <legend>Order</legend>
          <label className="checkbox">
            <input type="radio" name="order" checked={newestFirst} onChange={() => setSearch({ order: undefined })} /> Newest first
          </label>
          <label className="checkbox">
            <input type="radio" name="order" checked={!newestFirst} onChange={() => setSearch({ order: "oldest" })} /> Oldest first
          </label>
        </fieldset>
      </FilterBar>
      <CsvDownload
        path="/data/milestones.csv"
        query={{ kind: search.kind, year: search.year, organisationId: search.org, order: newestFirst ? "desc" : "asc" }}
      />

      {list.isLoading ? (
        <Skeleton lines={8} />
      ) : list.error ? (
        <ErrorMessage error={list.error} retry={() => list.refetch()} />
      ) : milestones.length === 0 ? (
        filtered ? (
          <EmptyState title="No milestones match these filters">
            <p>Try another kind, year or organisation, or clear the filters to see the whole timeline.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No milestones yet">
            <p>
              Milestones record what the group's advocacy achieved: a government publication, a debate, an open letter and its replies, a
              pledge.
            </p>
            <p>{isConvenor ? "Add the first one with “Add a milestone”." : "The convenor records them as they happen."}</p>
          </EmptyState>
        )
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {plural(list.data?.total ?? milestones.length, "milestone")}
            {filtered ? ((list.data?.total ?? milestones.length) === 1 ? " matches these filters" : " match these filters") : ""},{" "}
            {newestFirst ? "newest first" : "oldest first"}.
          </p>
          <div className="ms-timeline">
            {years.map(({ year, items }) => (
              <section key={year} className="ms-year" aria-labelledby={`year-${year}`}>
                <h2 id={`year-${year}`}>{year}</h2>
                <ol className="ms-list">
                  {items.map((m) => (
                    <MilestoneEntry key={m.id} milestone={m} canEdit={isConvenor} onEdit={() => setEditing(m)} />
                  ))}
                </ol>
              </section>
            ))}
          </div>
          {list.data && list.data.total > list.data.limit && (
            <Pager
              info={list.data}
              noun="milestone"
              onPage={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
            />
          )}
        </>
      )}

      <StandingGoals />

      {isConvenor && (
        <>
          <Dialog open={adding} title="Add a milestone" onClose={() => setAdding(false)}>
            <MilestoneForm onDone={() => setAdding(false)} />
          </Dialog>
          <Dialog open={editing !== null} title="Edit milestone" onClose={() => setEditing(null)}>
            {editing && <MilestoneForm milestone={editing} onDone={() => setEditing(null)} />}
          </Dialog>
        </>
      )}
    </>
  );
}

function MilestoneEntry({ milestone: m, canEdit, onEdit }: { milestone: Milestone; canEdit: boolean; onEdit: () => void }) {
  const removal = useSoftDelete({
    family: "milestones",
    remove: () => call(api.milestones[":id"].$delete({ param: { id: String(m.id) } })),
    restore: () => call(api.milestones[":id"].restore.$post({ param: { id: String(m.id) } })),
    name: () => `the milestone “${m.title}”`,
    verb: "remove",
    confirmLabel: "Remove milestone",
    lost: () => (
      <p>
        It leaves the timeline and the goals it is linked to, with its {plural(m.evidence.length, "evidence link")}. It is kept in the bin,
        and you can undo this straight after.
      </p>
    ),
  });
  const when = formatPreciseDate(m.date, m.datePrecision);
  return (
    <li className="ms-entry">
      <article aria-labelledby={`milestone-${m.id}`}>
        <p className="ms-meta">
          <time dateTime={machineDate(m)} className="ms-date">
            {when}
          </time>
          <MilestoneKindBadge kind={m.kind} />
          {m.visibility !== "public" && <VisibilityBadge visibility={m.visibility} />}
        </p>
        <h3 id={`milestone-${m.id}`}>{m.title}</h3>
        {m.outcome && (
          <p className="ms-outcome">
            <strong>Outcome:</strong> {m.outcome}
          </p>
        )}
        {m.description && <p className="ms-description">{m.description}</p>}
        {m.notes && (
          <p className="ms-uncertain">
            <strong>What is uncertain:</strong> {m.notes}
          </p>
        )}
        <dl className="ms-facts">
          {m.evidence.length > 0 && (
            <div>
              <dt>Evidence</dt>
              <dd>
                <ul className="plain-list">
                  {m.evidence.map((e) => (
                    <li key={e.url}>
                      <a href={e.url} rel="noopener noreferrer" target="_blank">
                        {e.title}
                        <span className="visually-hidden"> (opens in a new tab)</span>
                      </a>
                      <span className="print-only"> — {e.url}</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>Contributing organisations</dt>
            <dd>
              {m.organisations.length
                ? m.organisations.map((o, i) => (
                    <span key={o.id}>
                      {i > 0 && ", "}
                      <Link to="/organisations/$orgId" params={{ orgId: o.id }}>
                        {o.name}
                      </Link>
                    </span>
                  ))
                : "Not recorded"}
            </dd>
          </div>
          {m.goals.length > 0 && (
            <div>
              <dt>Goals</dt>
              <dd>
                {m.goals.map((g, i) => (
                  <span key={g.id}>
                    {i > 0 && "; "}
                    <Link to="/goals/$goalId" params={{ goalId: g.id }}>
                      {g.title}
                    </Link>{" "}
                    <span className="muted small">({g.cycleName})</span>
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
        {canEdit && (
          <div className="action-row no-print">
            <button type="button" className="link-button" onClick={onEdit}>
              Edit<span className="visually-hidden"> “{m.title}”</span>
            </button>
            <button type="button" className="link-button danger-text" onClick={() => removal.ask(m)}>
              Remove<span className="visually-hidden"> “{m.title}”</span>
            </button>
          </div>
        )}
      </article>
      {removal.dialog}
    </li>
  );
}
