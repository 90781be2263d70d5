/**
 * The road map: a timeline by workstream (or a table, the default on phones), zoomed to a
 * quarter or a year, with the zoom, period and view in the URL. The convenor drags bars to
 * move dates, or edits everything in a form; everyone else reads.
 */
import { roadmapStatusLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useAccess } from "../access.ts";
import { api, call, type RoadmapItem } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { Dialog } from "../components/dialog.tsx";
import { RoadmapStatusBadge } from "../components/roadmap-status.tsx";
import { addDays, RoadmapTimeline } from "../components/roadmap-timeline.tsx";
import { EmptyState, ErrorMessage, Skeleton, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate, formatDate, formatMonth, plural, todayIso } from "../format.ts";
import { roadmapBinQuery, roadmapQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { RoadmapItemForm, useRoadmapItemEdit } from "./roadmap-item-form.tsx";

type Zoom = "quarter" | "year";

/** The period (first day, and the day after the last) containing `date`. */
export function periodOf(zoom: Zoom, date: string): { start: string; end: string } {
  const y = Number(date.slice(0, 4));
  if (zoom === "year") return { start: `${y}-01-01`, end: `${y + 1}-01-01` };
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const start = `${y}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  const end = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, "0")}-01`;
  return { start, end };
}

function periodName(zoom: Zoom, start: string): string {
  if (zoom === "year") return start.slice(0, 4);
  return `${formatMonth(start).slice(0, 3)} to ${formatMonth(addDays(periodOf(zoom, start).end, -1))}`;
}

const earliest = (dates: string[]) => [...dates].sort()[0]!;
const latest = (dates: string[]) => [...dates].sort().at(-1)!;

/** Where to look first: today's period if anything is on in it, otherwise the nearest work. */
function defaultDate(items: RoadmapItem[], zoom: Zoom, today: string): string {
  const now = periodOf(zoom, today);
  if (items.length === 0 || items.some((i) => i.endDate >= now.start && i.startDate < now.end)) return today;
  const past = items.filter((i) => i.endDate < now.start);
  if (past.length === items.length) return latest(past.map((i) => i.endDate));
  return earliest(items.filter((i) => i.startDate >= now.end).map((i) => i.startDate));
}

function useNarrowScreen(): boolean {
  const query = "(max-width: 700px)";
  const [narrow, setNarrow] = useState(() => typeof window !== "undefined" && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  return narrow;
}

type Editing = { mode: "new" } | { mode: "edit"; item: RoadmapItem } | { mode: "view"; item: RoadmapItem } | null;

export function RoadmapPage() {
  const search = useSearch({ from: "/app/roadmap" });
  const navigate = useNavigate({ from: "/roadmap" });
  const { isConvenor } = useAccess();
  const narrow = useNarrowScreen();
  const today = todayIso();
  const zoom: Zoom = search.zoom ?? "year";
  const all = useQuery(roadmapQuery());
  const at = search.at ?? (all.data ? defaultDate(all.data.items, zoom, today) : today);
  const period = periodOf(zoom, at);
  const shown = useQuery({ ...roadmapQuery({ from: period.start, to: addDays(period.end, -1) }), enabled: all.isSuccess });
  const view = search.view ?? (narrow ? "table" : "timeline");
  const [editing, setEditing] = useState<Editing>(null);
  const queryClient = useQueryClient();
  const toast = useToast();

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["roadmap"] });
  // A move is an edit like any other: someone else's save first opens the conflict dialog.
  const moving = useRoadmapItemEdit(all.data?.items ?? [], (e) => toast(`Could not move the item: ${e.message}`));
  const removal = useSoftDelete({
    family: "roadmap",
    remove: (item: RoadmapItem) => call(api.roadmap[":id"].$delete({ param: { id: String(item.id) } })),
    restore: (item: RoadmapItem) => call(api.roadmap[":id"].restore.$post({ param: { id: String(item.id) } })),
    name: (item) => `the road map item “${item.title}”`,
    confirmLabel: "Delete item",
    lost: () => (
      <p>
        It will leave the timeline and the progress chart, and other items will no longer show it as a dependency. You can undo this
        straight away, or restore it later from the deleted items.
      </p>
    ),
    onDeleted: () => setEditing(null),
  });
  const restore = useMutation({
    mutationFn: (id: number) => call(api.roadmap[":id"].restore.$post({ param: { id: String(id) } })),
    onSettled: refresh,
  });

  const go = (s: Partial<typeof search>) => navigate({ search: (prev) => ({ ...prev, ...s }), replace: false });
  const step = (dir: 1 | -1) => go({ at: dir === 1 ? period.end : periodOf(zoom, addDays(period.start, -1)).start });

  const move = (item: RoadmapItem, days: number) => {
    const startDate = addDays(item.startDate, days);
    const endDate = addDays(item.endDate, days);
    moving.save(
      item,
      { startDate, endDate },
      {
        onDone: (saved) =>
          toast(`Moved “${item.title}” to ${formatDate(startDate)} – ${formatDate(endDate)}.`, () =>
            // Undo is an ordinary edit back, based on the version this move created.
            moving.save(saved, { startDate: item.startDate, endDate: item.endDate }),
          ),
      },
    );
  };

  if (all.isLoading) return <SkeletonPage title="Road map" />;
  if (all.error || !all.data) return <ErrorMessage error={all.error} retry={() => all.refetch()} />;
  const items = all.data.items;
  const visible = shown.data?.items ?? [];
  const workstreams = [...new Set(items.map((i) => i.workstream))].sort();
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <>
      <div className="page-head">
        <h1>Road map</h1>
        {isConvenor && (
          <button type="button" className="button" onClick={() => setEditing({ mode: "new" })}>
            Add a road map item
          </button>
        )}
      </div>

      {items.length === 0 ? (
        <EmptyState title="There is nothing on the road map yet">
          <p>
            Pieces of work appear here on a timeline, in lanes by workstream (such as Parliament or Government), with their dates, status
            and what each depends on.
          </p>
          {isConvenor ? (
            <button type="button" className="button" onClick={() => setEditing({ mode: "new" })}>
              Add the first item
            </button>
          ) : (
            <p>The convenor adds them.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {plural(items.length, "item")} in {plural(workstreams.length, "workstream")}
            {overdue > 0 ? `; ${overdue} overdue` : ""}.{" "}
            {isConvenor ? "Drag a bar to move its dates, or choose an item to edit it." : "Choose an item for its details."}
          </p>
          <div className="roadmap-toolbar no-print">
            <fieldset className="segmented">
              <legend className="visually-hidden">Zoom</legend>
              {(["quarter", "year"] as const).map((z) => (
                <button
                  key={z}
                  type="button"
                  className="button small secondary"
                  aria-pressed={zoom === z}
                  onClick={() => go({ zoom: z, at })}
                >
                  {z === "quarter" ? "Quarter" : "Year"}
                </button>
              ))}
            </fieldset>
            <div className="period-nav">
              <button type="button" className="button small secondary" onClick={() => step(-1)} aria-label={`Previous ${zoom}`}>
                ← Previous
              </button>
              <span className="period-name" aria-live="polite">
                {periodName(zoom, period.start)}
              </span>
              <button type="button" className="button small secondary" onClick={() => step(1)} aria-label={`Next ${zoom}`}>
                Next →
              </button>
              <button type="button" className="button small secondary" onClick={() => go({ at: today })}>
                Today
              </button>
            </div>
            <button
              type="button"
              className="button small secondary"
              aria-pressed={view === "table"}
              onClick={() => go({ view: view === "table" ? "timeline" : "table" })}
            >
              {view === "table" ? "Show as timeline" : "Show as table"}
            </button>
            <CsvDownload path="/data/roadmap.csv" query={{ from: period.start, to: addDays(period.end, -1) }} />
          </div>

          {shown.isLoading ? (
            <Skeleton lines={6} height="2rem" />
          ) : shown.error ? (
            <ErrorMessage error={shown.error} retry={() => shown.refetch()} />
          ) : visible.length === 0 ? (
            <EmptyState title={`Nothing on the road map in ${periodName(zoom, period.start)}`}>
              <p>
                Use Previous and Next to look at other periods; the road map runs from {formatDate(earliest(items.map((i) => i.startDate)))}{" "}
                to {formatDate(latest(items.map((i) => i.endDate)))}.
              </p>
            </EmptyState>
          ) : view === "table" ? (
            <RoadmapTable
              items={visible}
              period={periodName(zoom, period.start)}
              isConvenor={isConvenor}
              onOpen={(item) => setEditing({ mode: isConvenor ? "edit" : "view", item })}
              onDelete={removal.ask}
            />
          ) : (
            <RoadmapTimeline
              items={visible}
              period={period}
              zoom={zoom}
              today={today}
              canEdit={isConvenor}
              onOpen={(item) => setEditing({ mode: isConvenor ? "edit" : "view", item })}
              onMove={move}
            />
          )}
          {view === "timeline" && <Legend />}
          {isConvenor && <Bin show={search.bin === true} toggle={() => go({ bin: search.bin ? undefined : true })} restore={restore} />}
        </>
      )}

      <Dialog
        open={editing !== null}
        title={
          editing?.mode === "new" ? "New road map item" : editing?.mode === "edit" ? "Edit road map item" : (editing?.item.title ?? "")
        }
        onClose={() => setEditing(null)}
      >
        {editing?.mode === "view" ? (
          <ItemDetails item={editing.item} onClose={() => setEditing(null)} />
        ) : editing ? (
          <RoadmapItemForm
            item={editing.mode === "edit" ? editing.item : undefined}
            items={items}
            workstreams={workstreams}
            onDone={(message) => {
              setEditing(null);
              toast(message);
            }}
            onCancel={() => setEditing(null)}
            onDelete={editing.mode === "edit" ? () => removal.ask(editing.item) : undefined}
          />
        ) : null}
      </Dialog>
      {removal.dialog}
      {moving.dialog}
    </>
  );
}

function RoadmapTable({
  items,
  period,
  isConvenor,
  onOpen,
  onDelete,
}: {
  items: RoadmapItem[];
  period: string;
  isConvenor: boolean;
  onOpen: (item: RoadmapItem) => void;
  onDelete: (item: RoadmapItem) => void;
}) {
  const titleOf = new Map(items.map((i) => [i.id, i.title]));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: axe's scrollable-region-focusable asks for exactly this
    <section className="table-scroll" tabIndex={0} aria-label={`Road map items, ${period}`}>
      <table className="data-table roadmap-table">
        <caption className="visually-hidden">Road map items, {period}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Workstream</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Status</th>
            <th scope="col">% complete</th>
            <th scope="col">Depends on</th>
            {isConvenor && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(item)}>
                  {item.title}
                </button>
              </th>
              <td data-label="Workstream">{item.workstream}</td>
              <td data-label="Start" className="nowrap">
                {formatCompactDate(item.startDate)}
              </td>
              <td data-label="End" className="nowrap">
                {formatCompactDate(item.endDate)}
              </td>
              <td data-label="Status">
                <RoadmapStatusBadge status={item.status} overdue={item.overdue} />
              </td>
              <td data-label="% complete">
                {item.shownPercent} %{item.followGoalProgress && item.goal ? <span className="muted small"> (from goal)</span> : null}
              </td>
              <td data-label="Depends on">
                {item.dependsOn.length ? item.dependsOn.map((id, n) => titleOf.get(id) ?? item.dependsOnTitles[n]).join("; ") : "—"}
              </td>
              {isConvenor && (
                <td>
                  <button type="button" className="button small secondary" onClick={() => onDelete(item)}>
                    Delete<span className="visually-hidden"> {item.title}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ItemDetails({ item, onClose }: { item: RoadmapItem; onClose: () => void }) {
  return (
    <div className="dialog-body">
      <dl className="details">
        <dt>Workstream</dt>
        <dd>{item.workstream}</dd>
        <dt>Dates</dt>
        <dd>
          {formatDate(item.startDate)} to {formatDate(item.endDate)}
        </dd>
        <dt>Status</dt>
        <dd>
          <RoadmapStatusBadge status={item.status} overdue={item.overdue} />
        </dd>
        <dt>Complete</dt>
        <dd>
          {item.shownPercent} %{item.followGoalProgress && item.goal ? " (the linked goal's progress)" : ""}
        </dd>
        {item.goal && (
          <>
            <dt>Linked goal</dt>
            <dd>{item.goal.title}</dd>
          </>
        )}
        <dt>Depends on</dt>
        <dd>{item.dependsOnTitles.length ? item.dependsOnTitles.join("; ") : "Nothing"}</dd>
        <dt>Visible to</dt>
        <dd>
          <VisibilityBadge visibility={item.visibility} />
        </dd>
      </dl>
      {item.description && <p className="prewrap">{item.description}</p>}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function Legend() {
  return (
    <details className="roadmap-legend">
      <summary>How to read the timeline</summary>
      <ul className="plain-list">
        {(Object.keys(roadmapStatusLabels) as (keyof typeof roadmapStatusLabels)[]).map((s) => (
          <li key={s}>
            <RoadmapStatusBadge status={s} />
          </li>
        ))}
        <li>
          <RoadmapStatusBadge status="in_progress" overdue /> — the end date has passed and the work is neither done nor dropped.
        </li>
        <li>The filled part of a bar is the share complete. Arrows run from a piece of work to the work that depends on it.</li>
      </ul>
    </details>
  );
}

function Bin({
  show,
  toggle,
  restore,
}: {
  show: boolean;
  toggle: () => void;
  restore: { mutate: (id: number) => void; isPending: boolean };
}) {
  const bin = useQuery({ ...roadmapBinQuery, enabled: show });
  return (
    <section className="roadmap-bin no-print" aria-label="Deleted road map items">
      <button type="button" className="button small secondary" aria-expanded={show} onClick={toggle}>
        {show ? "Hide deleted items" : "Show deleted items"}
      </button>
      {show &&
        (bin.isLoading ? (
          <Skeleton lines={2} />
        ) : bin.error ? (
          <ErrorMessage error={bin.error} />
        ) : bin.data?.items.length ? (
          <ul className="plain-list">
            {bin.data.items.map((i) => (
              <li key={i.id}>
                {i.title} <span className="muted small">({i.workstream})</span>{" "}
                <button type="button" className="button small secondary" disabled={restore.isPending} onClick={() => restore.mutate(i.id)}>
                  Restore<span className="visually-hidden"> {i.title}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No deleted items.</p>
        ))}
    </section>
  );
}
