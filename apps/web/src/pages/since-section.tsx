/**
 * "Since the last AGM" on the overview: each goal's progress on an earlier date (the previous
 * AGM unless another date is chosen, kept in the URL as ?since=) and now, from the update history.
 */
import { formatPreciseDate, goalStatusLabels, milestoneKindLabels, percent } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy } from "react";
import { api, type Comparison, call } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { CollapsibleSection } from "../components/collapsible-section.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDate, plural, todayIso } from "../format.ts";

const CompareChart = lazy(() => import("../charts/compare-chart.tsx").then((m) => ({ default: m.CompareChart })));

const change = (c: number | null) => (c === null ? "—" : `${c > 0 ? "+" : c < 0 ? "−" : "±"}${Math.abs(Math.round(c * 100))} points`);

export function SinceSection({ cycleId }: { cycleId: number }) {
  const search = useSearch({ strict: false }) as { since?: string };
  const navigate = useNavigate();
  const compare = useQuery({
    queryKey: ["goals", "compare", cycleId, search.since ?? "default"],
    queryFn: () => call(api.cycles[":id"].compare.$get({ param: { id: String(cycleId) }, query: { since: search.since } })),
  });
  const setSince = (since: string | undefined) => void navigate({ to: ".", search: (prev) => ({ ...prev, since }), replace: true });

  const data = compare.data;
  const heading =
    data && !search.since
      ? data.defaultSince.basis === "previous_agm"
        ? "Since the last AGM"
        : "Since the workshop"
      : "Since an earlier date";
  return (
    <CollapsibleSection name="since" title={heading} className="since-section">
      <div className="since-controls no-print">
        <div className="field">
          <label htmlFor="since-date">Compare with</label>
          <input
            id="since-date"
            type="date"
            max={todayIso()}
            value={search.since ?? data?.defaultSince.date ?? ""}
            onChange={(e) => setSince(e.target.value || undefined)}
          />
        </div>
        {search.since && data && (
          <button type="button" className="button secondary small" onClick={() => setSince(undefined)}>
            Back to {data.defaultSince.basis === "previous_agm" ? "the last AGM" : "the workshop"} ({formatDate(data.defaultSince.date)})
          </button>
        )}
      </div>
      {compare.isLoading ? (
        <Skeleton lines={5} />
      ) : compare.error || !data ? (
        <ErrorMessage error={compare.error} retry={() => compare.refetch()} />
      ) : (
        <>
          {data.goals.length === 0 ? <p>There are no goals in this cycle to compare yet.</p> : <SinceContent data={data} />}
          <NewMilestones data={data} />
        </>
      )}
    </CollapsibleSection>
  );
}

/** Up to this many goals get one chart; beyond it, the movers and the laggards get one each. */
const CHART_ALL_UP_TO = 20;
const EACH = 10;

/** The goals that moved furthest, and the ones furthest behind now (lowest progress, then least change). */
export function moversAndLaggards<G extends { id: number; change: number | null; after: number | null }>(goals: readonly G[], each = EACH) {
  const movers = [...goals]
    .filter((g) => g.change !== null && g.change > 0)
    .sort((a, b) => (b.change ?? 0) - (a.change ?? 0))
    .slice(0, each);
  const taken = new Set(movers.map((g) => g.id));
  const laggards = [...goals]
    .filter((g) => !taken.has(g.id))
    .sort((a, b) => (a.after ?? -1) - (b.after ?? -1) || (a.change ?? 0) - (b.change ?? 0))
    .slice(0, each);
  return { movers, laggards };
}

function SinceContent({ data }: { data: Comparison }) {
  const { summary } = data;
  const when = formatDate(data.since);
  const title =
    summary.before === null && summary.after === null
      ? `No progress recorded between ${when} and today`
      : summary.before === null
        ? `Average progress is ${percent(summary.after)} today; none was recorded on ${when}`
        : `Average progress ${summary.after !== null && summary.after > summary.before ? "rose" : summary.after === summary.before ? "held" : "fell"} from ${percent(summary.before)} on ${when} to ${percent(summary.after)} today`;
  return (
    <>
      <p>
        {plural(summary.improved, "goal")} moved forward and {plural(summary.fell, "goal")} fell back since {when}.{" "}
        {data.newGoals.length > 0 && `${plural(data.newGoals.length, "goal is", "goals are")} new since then.`}
      </p>
      {data.goals.length <= CHART_ALL_UP_TO ? (
        <CompareFigure title={title} caption={`Progress of each goal on ${when} and today`} goals={data.goals} />
      ) : (
        <MoversFigures data={data} title={title} when={when} />
      )}
      {data.goals.length <= CHART_ALL_UP_TO ? (
        <SinceTable data={data} when={when} />
      ) : (
        <details className="since-all">
          <summary>
            All {plural(data.goals.length, "goal")} on {when} and today (table)
          </summary>
          <SinceTable data={data} when={when} />
        </details>
      )}
    </>
  );
}

function CompareFigure({ title, caption, goals }: { title: string; caption: string; goals: Comparison["goals"] }) {
  return (
    <ChartFigure
      title={title}
      table={{
        caption,
        columns: ["Goal", "Then", "Now", "Change"],
        rows: goals.map((g) => [g.title, exact(g.before), exact(g.after), change(g.change)]),
      }}
    >
      <CompareChart data={goals} />
    </ChartFigure>
  );
}

/** At 200 goals one bar per goal is unreadable: the ten that moved furthest and the ten furthest behind. */
function MoversFigures({ data, title, when }: { data: Comparison; title: string; when: string }) {
  const { movers, laggards } = moversAndLaggards(data.goals);
  return (
    <>
      <p className="chart-note">{title}.</p>
      <div className="chart-grid">
        {movers.length > 0 && (
          <CompareFigure
            title={`The ${plural(movers.length, "goal")} that moved furthest since ${when}`}
            caption={`The ${plural(movers.length, "goal")} that moved furthest, on ${when} and today`}
            goals={movers}
          />
        )}
        <CompareFigure
          title={`The ${plural(laggards.length, "goal")} furthest behind today`}
          caption={`The ${plural(laggards.length, "goal")} with the least progress today, on ${when} and today`}
          goals={laggards}
        />
      </div>
    </>
  );
}

function SinceTable({ data, when }: { data: Comparison; when: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table since-table">
        <caption>
          Each goal on {when} and today{data.newGoals.length ? "; new goals are marked" : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Goal</th>
            <th scope="col">Status</th>
            <th scope="col">Then</th>
            <th scope="col">Now</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {data.goals.map((g) => (
            <tr key={g.id}>
              <th scope="row" data-label="Goal">
                <Link to="/goals/$goalId" params={{ goalId: g.id }}>
                  {g.title}
                </Link>
                {g.isNew && <span className="tag">{g.carriedForward ? "Carried forward" : "New"}</span>}
              </th>
              <td data-label="Status">{goalStatusLabels[g.status]}</td>
              <td data-label="Then">{percent(g.before)}</td>
              <td data-label="Now">{percent(g.after)}</td>
              <td data-label="Change">{change(g.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The milestones dated since the chosen date, as the viewer may see them (filtered on the server). */
function NewMilestones({ data }: { data: Comparison }) {
  const when = formatDate(data.since);
  return (
    <div className="since-milestones">
      <h3>New milestones since {when}</h3>
      {data.newMilestones.length === 0 ? (
        <p className="muted">
          No milestones dated since {when}. Record one on the <Link to="/milestones">Milestones</Link> page.
        </p>
      ) : (
        <ul className="since-milestone-list">
          {data.newMilestones.map((m) => (
            <li key={m.id}>
              <span className="ms-date">{formatPreciseDate(m.date, m.datePrecision)}</span> {m.title}{" "}
              <span className="muted small">({milestoneKindLabels[m.kind]})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const exact = (p: number | null) => (p === null ? "—" : `${(p * 100).toFixed(1)} %`);
