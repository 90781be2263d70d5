/**
 * The goals table: sort, filter by theme/status/organisation, search, choose columns, the page —
 * all kept in the URL, so a pasted link shows the same view. The server sorts, filters and pages
 * (50 a page), so the table only ever holds one page's rows. The convenor changes status in place.
 */
import { type GoalStatus, goalStatuses, goalStatusLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import {
  type ColumnDef,
  columnVisibilityFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { useAccess } from "../access.ts";
import { api, call, type GoalPatchBody, type GoalRow } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { FilterBar, FilterSelect, OrganisationFilter } from "../components/filter-select.tsx";
import { Pager } from "../components/pager.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { StandingGoals } from "../components/standing-goals.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatCompactDate } from "../format.ts";
import { goalPageFilters, goalPageQuery, themesQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";
import { goalFieldLabels, showGoalField } from "./goal-form-page.tsx";
import { GoalStatusSelect } from "./goal-status-select.tsx";

// No sorted row model: the server sorts, and the table shows the page in the order it came.
const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });

const columnLabels: Record<string, string> = {
  title: "Goal",
  theme: "Theme",
  lead: "Lead",
  status: "Status",
  progress: "Progress",
  dueDate: "Due",
  lastUpdate: "Last update",
  visibility: "Visible to",
};
const defaultHidden = ["visibility"];

function parseSort(s: string | undefined): SortingState {
  if (!s) return [];
  const [id, dir] = s.split(".");
  return id && columnLabels[id] ? [{ id, desc: dir === "desc" }] : [];
}

export function GoalsPage() {
  const search = useSearch({ from: "/app/goals" });
  const navigate = useNavigate({ from: "/goals" });
  const { cycle, isLoading: cyclesLoading } = useCycleChoice();
  const { isConvenor } = useAccess();
  const themes = useQuery(themesQuery);
  const goals = useQuery({
    ...goalPageQuery(goalPageFilters(search, cycle?.id)),
    enabled: cycle !== undefined,
  });
  // A new filter starts again from the first page; the page itself is a step in history.
  const setSearch = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });

  // Typing searches after a short pause rather than on every key.
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => {
    const t = setTimeout(() => {
      if ((search.q ?? "") !== q) setSearch({ q: q || undefined });
    }, 300);
    return () => clearTimeout(t);
  });

  const filtered = Boolean(search.theme || search.status || search.org || search.q);
  const closed = cycle?.state === "closed";

  return (
    <>
      <div className="page-head">
        <h1>
          {search.bin ? "Deleted goals" : "Goals"} {cycle && <span className="subtitle">Cycle: {cycle.name}</span>}
        </h1>
        {isConvenor && !closed && !search.bin && cycle && (
          <Link to="/goals/new" className="button">
            New goal
          </Link>
        )}
      </div>
      {search.bin && (
        <p className="notice">
          Deleted goals leave every list and chart but can be restored.{" "}
          <Link to="/goals" search={(p) => ({ ...p, bin: undefined })}>
            Back to goals
          </Link>
        </p>
      )}
      {!search.bin && <StandingGoals onlyOffers />}
      <FilterBar
        filtered={filtered}
        onClear={() => {
          setQ("");
          setSearch({ theme: undefined, status: undefined, org: undefined, q: undefined });
        }}
      >
        <div className="field">
          <label htmlFor="goal-search">Search</label>
          <input
            id="goal-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Words in title or description"
          />
        </div>
        <FilterSelect
          id="filter-theme"
          label="Theme"
          allLabel="All themes"
          value={search.theme}
          options={themes.data?.themes.map((t) => ({ value: t.id, label: t.name })) ?? []}
          onChange={(v) => setSearch({ theme: v ? Number(v) : undefined })}
        />
        <FilterSelect
          id="filter-status"
          label="Status"
          allLabel="All statuses"
          value={search.status}
          options={goalStatuses.map((s) => ({ value: s, label: goalStatusLabels[s] }))}
          onChange={(v) => setSearch({ status: v as GoalStatus | undefined })}
        />
        <OrganisationFilter value={search.org} onChange={(org) => setSearch({ org })} />
      </FilterBar>
      {cycle && !search.bin && (
        <CsvDownload
          path="/data/goals.csv"
          query={{
            cycleId: cycle.id,
            themeId: search.theme,
            status: search.status,
            organisationId: search.org,
            q: search.q,
            sort: search.sort,
          }}
        />
      )}
      {cyclesLoading || goals.isLoading ? (
        <Skeleton lines={8} />
      ) : !cycle ? (
        <EmptyState title="There is no cycle yet">
          <p>Goals belong to a cycle. {isConvenor ? <Link to="/admin/cycles">Create the first cycle</Link> : "The convenor creates it."}</p>
        </EmptyState>
      ) : goals.error ? (
        <ErrorMessage error={goals.error} retry={() => goals.refetch()} />
      ) : (
        <>
          {goals.data && goals.data.goals.length === 0 && goals.data.total > 0 ? (
            // An old link, or the last goal of the last page deleted: there are goals, just not here.
            <p className="notice">
              This page is past the end of the list.{" "}
              <Link to="/goals" search={(p) => ({ ...p, page: undefined })}>
                Go to the first page
              </Link>
            </p>
          ) : (
            <GoalsTable
              goals={goals.data?.goals ?? []}
              isConvenor={isConvenor && !closed}
              filtered={Boolean(filtered)}
              bin={Boolean(search.bin)}
            />
          )}
          {goals.data && goals.data.total > 0 && (
            <Pager
              info={goals.data}
              noun="goal"
              onPage={(page) => {
                void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) });
                document.getElementById("goals-table")?.focus();
              }}
            />
          )}
        </>
      )}
      {isConvenor && !search.bin && (
        <p className="no-print">
          <Link to="/goals" search={(p) => ({ ...p, bin: true })}>
            Deleted goals
          </Link>
        </p>
      )}
    </>
  );
}

/** The inline status edit of a table row: the goal PATCH of the goal form, on the slim row. */
function useGoalRowEdit() {
  return useVersionedEdit<GoalRow, GoalPatchBody>({
    family: { root: "goals", one: "goal", many: "goals" },
    send: (id, json) => call(api.goals[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.goal),
    labels: goalFieldLabels,
    show: showGoalField,
  });
}

function GoalsTable({ goals, isConvenor, filtered, bin }: { goals: GoalRow[]; isConvenor: boolean; filtered: boolean; bin: boolean }) {
  const search = useSearch({ from: "/app/goals" });
  const navigate = useNavigate({ from: "/goals" });
  const edit = useGoalRowEdit();
  const toast = useToast();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: (id: number) => call(api.goals[":id"].restore.$post({ param: { id: String(id) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Goal restored.");
    },
  });

  const sorting = parseSort(search.sort);
  const visibleCols = search.cols?.split(",").filter((c) => columnLabels[c]);
  const columnVisibility = Object.fromEntries(
    Object.keys(columnLabels).map((c) => [c, visibleCols ? visibleCols.includes(c) : !defaultHidden.includes(c)]),
  );

  const columns = useMemo<ColumnDef<typeof features, GoalRow>[]>(
    () => [
      {
        id: "title",
        accessorFn: (g) => g.title,
        header: "Goal",
        enableHiding: false,
        cell: ({ row }) => (
          <Link to="/goals/$goalId" params={{ goalId: row.original.id }} className="goal-link">
            {row.original.title}
          </Link>
        ),
      },
      { id: "theme", accessorFn: (g) => g.themeName ?? "", header: "Theme" },
      { id: "lead", accessorFn: (g) => g.leadName ?? "", header: "Lead" },
      {
        id: "status",
        accessorFn: (g) => goalStatuses.indexOf(g.status),
        header: "Status",
        cell: ({ row }) =>
          isConvenor && !bin ? <GoalStatusSelect goal={row.original} save={edit.save} /> : <StatusBadge status={row.original.status} />,
      },
      {
        id: "progress",
        accessorFn: (g) => g.progress ?? -1,
        header: "Progress",
        cell: ({ row }) => <ProgressBar value={row.original.progress} label={`Progress of ${row.original.title}`} />,
      },
      {
        id: "dueDate",
        accessorFn: (g) => g.dueDate ?? "",
        header: "Due",
        cell: ({ row }) => <span className="nowrap">{formatCompactDate(row.original.dueDate)}</span>,
      },
      {
        id: "lastUpdate",
        accessorFn: (g) => g.lastUpdateAt ?? "",
        header: "Last update",
        cell: ({ row }) =>
          row.original.lastUpdateAt ? (
            <span className="nowrap">{formatCompactDate(row.original.lastUpdateAt)}</span>
          ) : (
            <span className="muted">None yet</span>
          ),
      },
      {
        id: "visibility",
        accessorFn: (g) => g.visibility,
        header: "Visible to",
        cell: ({ row }) => <VisibilityBadge visibility={row.original.visibility} />,
      },
    ],
    [isConvenor, bin, edit.save],
  );

  const table = useTable({
    features,
    columns,
    data: goals,
    manualSorting: true,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      // A new order starts again from the first page.
      void navigate({
        search: (p) => ({ ...p, page: undefined, sort: s ? `${s.id}.${s.desc ? "desc" : "asc"}` : undefined }),
        replace: true,
      });
    },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === "function" ? updater(columnVisibility) : updater;
      const cols = Object.keys(columnLabels).filter((c) => next[c] !== false);
      void navigate({ search: (p) => ({ ...p, cols: cols.join(",") }), replace: true });
    },
  });

  if (goals.length === 0) {
    return bin ? (
      <EmptyState title="No deleted goals">
        <p>Goals you delete appear here, ready to be restored.</p>
      </EmptyState>
    ) : filtered ? (
      <EmptyState title="No goals match these filters">
        <p>Try another theme, status or organisation, or clear the filters.</p>
      </EmptyState>
    ) : (
      <EmptyState title="No goals in this cycle yet">
        <p>Goals agreed at the workshop appear here with their lead organisation, status and progress.</p>
        {isConvenor && (
          <Link to="/goals/new" className="button">
            Add the first goal
          </Link>
        )}
      </EmptyState>
    );
  }

  return (
    <>
      <div className="table-tools no-print">
        <details className="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend className="visually-hidden">Columns to show</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="checkbox">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {columnLabels[c.id]}
                </label>
              ))}
          </fieldset>
        </details>
      </div>
      <div className="table-scroll">
        {/* Focused after a page turn, so the keyboard starts again at the top of the new rows. */}
        <table className="data-table goals-table" id="goals-table" tabIndex={-1}>
          <caption className="visually-hidden">Goals, sortable by column</caption>
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
                {bin && <th scope="col">Restore</th>}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} data-label={columnLabels[cell.column.id]}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
                {bin && (
                  <td>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => restore.mutate(row.original.id)}
                      disabled={restore.isPending}
                    >
                      Restore
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {edit.error && <ErrorMessage error={edit.error} />}
      {edit.dialog}
    </>
  );
}
