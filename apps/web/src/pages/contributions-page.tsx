/**
 * What member organisations have brought to the group's work: a filterable, sortable table (state
 * in the URL), its CSV, three charts with table twins, logging and editing with undo, and — for
 * the convenor only — who has gone quiet this cycle.
 */
import { type ContributionKind, contributionKindLabels, contributionKinds } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import {
  type ColumnDef,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { lazy, useMemo, useState } from "react";
import { useAccess } from "../access.ts";
import { api, type ContributionList, type ContributionRecord, call } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { ContributionForm } from "../components/contribution-form.tsx";
import { CsvDownload } from "../components/csv-download.tsx";
import { Dialog } from "../components/dialog.tsx";
import { FilterBar, FilterSelect, OrganisationFilter } from "../components/filter-select.tsx";
import { ParticipationSection } from "../components/participation-section.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatCompactDate, formatMonth, plural } from "../format.ts";
import { useOrganisationLabel } from "../organisation-choices.ts";
import { contributionFilters, contributionsQuery, goalsQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";

const ByOrganisationChart = lazy(() =>
  import("../charts/contribution-charts.tsx").then((m) => ({ default: m.ContributionsByOrganisationChart })),
);
const OverTimeChart = lazy(() => import("../charts/contribution-charts.tsx").then((m) => ({ default: m.ContributionsOverTimeChart })));
const PerGoalChart = lazy(() => import("../charts/contribution-charts.tsx").then((m) => ({ default: m.ContributionsPerGoalChart })));

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

const columnLabels: Record<string, string> = {
  date: "Date",
  organisation: "Organisation",
  kind: "Kind",
  description: "What was done",
  hours: "Hours",
  goal: "Linked to",
};

function parseSort(s: string | undefined): SortingState {
  if (!s) return [{ id: "date", desc: true }];
  const [id, dir] = s.split(".");
  return id && columnLabels[id] ? [{ id, desc: dir === "desc" }] : [{ id: "date", desc: true }];
}

export function ContributionsPage() {
  const search = useSearch({ from: "/app/contributions" });
  const navigate = useNavigate({ from: "/contributions" });
  const { cycle, cycles, choose, isLoading: cyclesLoading } = useCycleChoice();
  const { isConvenor, mayLogContributions: mayLog } = useAccess();
  const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });
  const filters = contributionFilters(search, cycle?.id);
  const list = useQuery({ ...contributionsQuery(filters), enabled: !cyclesLoading });
  const setSearch = (patch: Partial<typeof search>) => void navigate({ search: (p) => ({ ...p, ...patch }), replace: true });
  const [editing, setEditing] = useState<ContributionRecord | "new" | null>(null);
  const filtered = Boolean(search.org || search.kind || search.goal);
  const scope = search.allCycles || !cycle ? "across all cycles" : `in ${cycle.name}`;

  return (
    <>
      <div className="page-head">
        <h1>
          Contributions <span className="subtitle">{search.allCycles || !cycle ? "All cycles" : `Cycle: ${cycle.name}`}</span>
        </h1>
        {mayLog && (
          <button type="button" className="button no-print" onClick={() => setEditing("new")}>
            Log a contribution
          </button>
        )}
      </div>
      <p className="lede">
        What each member organisation has brought to the group's work: leading, signing, drafting, hosting, funding and more.
      </p>
      <FilterBar filtered={filtered} onClear={() => setSearch({ org: undefined, kind: undefined, goal: undefined })}>
        <FilterSelect
          id="filter-cycle"
          label="Cycle"
          allLabel="All cycles"
          value={search.allCycles ? undefined : cycle?.id}
          options={cycles.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v) => {
            if (v) {
              setSearch({ allCycles: undefined });
              choose(Number(v));
            } else setSearch({ allCycles: true });
          }}
        />
        <OrganisationFilter value={search.org} onChange={(org) => setSearch({ org })} />
        <FilterSelect
          id="filter-kind"
          label="Kind"
          allLabel="All kinds"
          value={search.kind}
          options={contributionKinds.map((k) => ({ value: k, label: contributionKindLabels[k] }))}
          onChange={(v) => setSearch({ kind: v as ContributionKind | undefined })}
        />
        <FilterSelect
          id="filter-goal"
          label="Goal"
          allLabel="All goals"
          value={search.goal}
          options={goals.data?.goals.map((g) => ({ value: g.id, label: g.title })) ?? []}
          onChange={(v) => setSearch({ goal: v ? Number(v) : undefined })}
        />
      </FilterBar>
      {list.isLoading || cyclesLoading ? (
        <Skeleton lines={8} />
      ) : list.error || !list.data ? (
        <ErrorMessage error={list.error} retry={() => list.refetch()} />
      ) : list.data.contributions.length === 0 ? (
        filtered ? (
          <EmptyState title="No contributions match these filters">
            <p>Try another organisation, kind or goal, or clear the filters.</p>
          </EmptyState>
        ) : (
          <EmptyState title={`No contributions logged ${scope} yet`}>
            <p>
              Each time an organisation leads, signs, drafts, researches, convenes, speaks, hosts, attends or funds something for the group,
              it appears here and in the charts.
            </p>
            {mayLog && (
              <button type="button" className="button" onClick={() => setEditing("new")}>
                Log the first contribution
              </button>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <p className="contribution-summary">
            {plural(list.data.charts.total, "contribution")} from {plural(list.data.charts.organisations, "organisation")} {scope}
            {list.data.charts.hours > 0 ? `, ${plural(Math.round(list.data.charts.hours * 10) / 10, "hour")} in all` : ""}.
          </p>
          <ContributionCharts charts={list.data.charts} />
          <div className="table-tools no-print">
            <p className="muted" aria-live="polite">
              {plural(list.data.contributions.length, "contribution")}
            </p>
            <CsvDownload path="/contributions/export.csv" query={{ ...filters, sort: search.sort }} />
          </div>
          <ContributionsTable contributions={list.data.contributions} onEdit={setEditing} />
        </>
      )}
      {isConvenor && cycle && <ParticipationSection cycle={cycle} />}
      <Dialog
        open={editing !== null}
        title={editing === "new" ? "Log a contribution" : "Edit contribution"}
        onClose={() => setEditing(null)}
      >
        {editing !== null && <ContributionForm contribution={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
      {!isConvenor && (
        <p className="muted small">
          <Link to="/organisations">See each organisation's contributions on its page.</Link>
        </p>
      )}
    </>
  );
}

function ContributionCharts({ charts }: { charts: ContributionList["charts"] }) {
  const top = charts.byOrganisation[0];
  const busiest = charts.byMonth.reduce<(typeof charts.byMonth)[number] | undefined>(
    (a, m) => (!a || m.count > a.count ? m : a),
    undefined,
  );
  const topGoal = charts.byGoal[0];
  const kindsShown = contributionKinds.filter((k) => charts.byOrganisation.some((o) => o.counts[k] > 0));
  return (
    <div className="chart-grid contribution-charts">
      <ChartFigure
        title={
          !top
            ? "Contributions by organisation"
            : charts.byOrganisation.length === 1
              ? `${top.name} made ${top.total === 1 ? "the only contribution" : `all ${top.total} contributions`}`
              : (charts.byOrganisation[1]?.total ?? 0) === top.total
                ? `${plural(charts.byOrganisation.filter((o) => o.total === top.total).length, "organisation")} share the lead, with ${plural(top.total, "contribution")} each`
                : `${top.name} contributed most: ${plural(top.total, "contribution")}`
        }
        table={{
          caption: "Contributions by organisation and kind",
          columns: ["Organisation", ...kindsShown.map((k) => contributionKindLabels[k]), "Total"],
          rows: charts.byOrganisation.map((o) => [o.name, ...kindsShown.map((k) => o.counts[k]), o.total]),
        }}
      >
        <ByOrganisationChart rows={charts.byOrganisation} />
      </ChartFigure>
      <ChartFigure
        title={
          busiest && charts.byMonth.length > 1
            ? `The busiest month was ${formatMonth(`${busiest.month}-01`)}, with ${plural(busiest.count, "contribution")}`
            : "Contributions over time"
        }
        table={{
          caption: "Contributions by month",
          columns: ["Month", "Contributions"],
          rows: charts.byMonth.map((m) => [formatMonth(`${m.month}-01`), m.count]),
        }}
      >
        <OverTimeChart rows={charts.byMonth} />
      </ChartFigure>
      <ChartFigure
        title={
          !topGoal
            ? "No contribution shown here is linked to a goal yet"
            : (charts.byGoal[1]?.count ?? 0) === topGoal.count
              ? `${plural(charts.byGoal.filter((g) => g.count === topGoal.count).length, "goal")} share the most contributions: ${topGoal.count} each`
              : `“${topGoal.title}” has drawn the most contributions: ${topGoal.count}`
        }
        table={{
          caption: "Contributions per goal",
          columns: ["Goal", "Contributions"],
          rows: charts.byGoal.map((g) => [g.title, g.count]),
        }}
      >
        {charts.byGoal.length > 0 ? (
          <PerGoalChart rows={charts.byGoal} />
        ) : (
          <p className="muted">Link a contribution to a goal to see it here.</p>
        )}
      </ChartFigure>
    </div>
  );
}

function linkOf(c: ContributionRecord): string {
  return c.goalTitle ?? c.milestoneTitle ?? c.meetingTitle ?? "";
}

function ContributionsTable({ contributions, onEdit }: { contributions: ContributionRecord[]; onEdit: (c: ContributionRecord) => void }) {
  const search = useSearch({ from: "/app/contributions" });
  const navigate = useNavigate({ from: "/contributions" });
  const { mayEdit: mayChange } = useAccess();
  const removal = useSoftDelete({
    family: "contributions",
    remove: (c: ContributionRecord) => call(api.contributions[":id"].$delete({ param: { id: String(c.id) } })),
    restore: (c: ContributionRecord) => call(api.contributions[":id"].restore.$post({ param: { id: String(c.id) } })),
    name: (c) => `${c.organisationName}'s contribution of ${formatCompactDate(c.date)}`,
    confirmLabel: "Delete contribution",
    lost: (c) => <p>“{c.description}” will leave the table, the charts and the organisation's page. You can undo straight after.</p>,
  });
  const sorting = parseSort(search.sort);
  const organisationName = useOrganisationLabel();

  const columns = useMemo<ColumnDef<typeof features, ContributionRecord>[]>(
    () => [
      {
        id: "date",
        accessorFn: (c) => c.date,
        header: "Date",
        sortFn: "alphanumeric",
        cell: ({ row }) => <span className="nowrap">{formatCompactDate(row.original.date)}</span>,
      },
      {
        id: "organisation",
        accessorFn: (c) => c.organisationName,
        header: "Organisation",
        sortFn: "alphanumeric",
        cell: ({ row }) => (
          <Link to="/organisations/$orgId" params={{ orgId: row.original.organisationId }}>
            {organisationName(row.original.organisationId, row.original.organisationName)}
          </Link>
        ),
      },
      {
        id: "kind",
        accessorFn: (c) => contributionKindLabels[c.kind],
        header: "Kind",
        sortFn: "alphanumeric",
        cell: ({ row }) => <span className={`kind-tag kind-${row.original.kind}`}>{contributionKindLabels[row.original.kind]}</span>,
      },
      {
        id: "description",
        accessorFn: (c) => c.description,
        header: "What was done",
        sortFn: "alphanumeric",
        // Who may see it sits under the words, keeping the table narrow enough for its actions.
        cell: ({ row }) => (
          <>
            {row.original.description}
            <span className="contribution-visibility">
              <VisibilityBadge visibility={row.original.visibility} />
            </span>
          </>
        ),
      },
      {
        id: "hours",
        accessorFn: (c) => c.hours ?? -1,
        header: "Hours",
        sortFn: "basic",
        cell: ({ row }) => (row.original.hours === null ? <span className="muted">—</span> : row.original.hours),
      },
      {
        id: "goal",
        accessorFn: linkOf,
        header: "Linked to",
        sortFn: "alphanumeric",
        cell: ({ row }) => {
          const c = row.original;
          if (c.goalId !== null)
            return (
              <Link to="/goals/$goalId" params={{ goalId: c.goalId }}>
                {c.goalTitle}
              </Link>
            );
          if (c.meetingId !== null)
            return (
              <Link to="/meetings/$meetingId" params={{ meetingId: c.meetingId }}>
                {c.meetingTitle}
              </Link>
            );
          if (c.milestoneTitle) return c.milestoneTitle;
          return <span className="muted">—</span>;
        },
      },
    ],
    [organisationName],
  );

  const table = useTable({
    features,
    columns,
    data: contributions,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      void navigate({ search: (p) => ({ ...p, sort: s ? `${s.id}.${s.desc ? "desc" : "asc"}` : undefined }), replace: true });
    },
  });
  const anyChangeable = contributions.some(mayChange);

  return (
    <>
      <div className="table-scroll">
        <table className="data-table contributions-table">
          <caption className="visually-hidden">Contributions, sortable by column</caption>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th key={h.id} scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
                      <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        <span aria-hidden="true" className="sort-mark">
                          {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
                {anyChangeable && (
                  <th scope="col" className="no-print">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} data-label={columnLabels[cell.column.id]}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
                {anyChangeable && (
                  <td className="no-print">
                    {mayChange(row.original) && (
                      <div className="row-actions">
                        <button type="button" className="button small secondary" onClick={() => onEdit(row.original)}>
                          Edit<span className="visually-hidden"> {row.original.description}</span>
                        </button>
                        <button type="button" className="button small danger" onClick={() => removal.ask(row.original)}>
                          Delete<span className="visually-hidden"> {row.original.description}</span>
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removal.dialog}
    </>
  );
}
