import { goalStatusLabels, percent } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { lazy } from "react";
import { useAccess } from "../access.ts";
import type { Overview } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { CollapsibleSection } from "../components/collapsible-section.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { useShowFirst } from "../components/show-first.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatDate, plural, todayIso } from "../format.ts";
import { overviewQuery } from "../queries.ts";
import { NeedsYouSection } from "./needs-you-section.tsx";
import { NextMeetingNotice } from "./next-meeting-notice.tsx";
import { OpenAlertsHeadline } from "./open-alerts-headline.tsx";
import { RoadmapProgressSection } from "./roadmap-progress-section.tsx";
import { SinceSection } from "./since-section.tsx";
import { WhatsNewSection } from "./whats-new-section.tsx";

const StatusBarChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.StatusBarChart })));
const ThemeProgressChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.ThemeProgressChart })));
const ProgressLineChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.ProgressLineChart })));

export function OverviewPage() {
  const { cycle, isLoading, error } = useCycleChoice();
  const { isConvenor } = useAccess();
  const overview = useQuery({ ...overviewQuery(cycle?.id ?? 0), enabled: cycle !== undefined });

  if (isLoading || (cycle && overview.isLoading)) return <SkeletonPage title="Overview" />;
  if (error) return <ErrorMessage error={error} />;
  if (!cycle) {
    return (
      <>
        <h1>Overview</h1>
        <EmptyState title="There is no cycle yet">
          <p>
            A cycle is one year of the group's work, from the goal-setting workshop to the AGM. Its goals and progress will appear here.
          </p>
          {isConvenor ? (
            <Link to="/admin/cycles" className="button">
              Create the first cycle
            </Link>
          ) : (
            <p>The convenor creates it.</p>
          )}
        </EmptyState>
        <RoadmapProgressSection />
      </>
    );
  }
  if (overview.error || !overview.data) return <ErrorMessage error={overview.error} retry={() => overview.refetch()} />;
  return <OverviewContent data={overview.data} isConvenor={isConvenor} />;
}

function OverviewContent({ data, isConvenor }: { data: Overview; isConvenor: boolean }) {
  const { cycle, headline } = data;
  const closed = cycle.state === "closed";
  return (
    <>
      <h1>
        Overview <span className="subtitle">Cycle: {cycle.name}</span>
      </h1>
      {closed && (
        <p className="notice">This cycle was closed at its AGM on {formatDate(cycle.agmDate)}. Its goals are read-only history.</p>
      )}
      <section aria-label="Headline figures" className="headlines">
        <Headline figure={`${headline.onTrack} of ${headline.goals}`} words={`goals on track or achieved`} />
        <Headline
          figure={
            closed ? formatDate(cycle.agmDate) : headline.daysToAgm >= 0 ? plural(headline.daysToAgm, "day") : formatDate(cycle.agmDate)
          }
          words={closed ? "AGM held" : headline.daysToAgm >= 0 ? `to the AGM (${formatDate(cycle.agmDate)})` : "AGM date has passed"}
        />
        <Headline
          figure={String(headline.needingAttention)}
          words={headline.needingAttention === 1 ? "goal at risk or off track" : "goals at risk or off track"}
        />
        <Headline figure={percent(headline.progress)} words="average progress across goals" />
        <OpenAlertsHeadline />
      </section>
      <WhatsNewSection />
      <NeedsYouSection cycleId={cycle.id} />

      {data.headline.goals === 0 ? (
        <>
          {/* With no goals there is no "Needs attention" section, but the next meeting still matters. */}
          <NextMeetingNotice cycleId={cycle.id} />
          <EmptyState title="No goals in this cycle yet">
            <p>Goals agreed at the workshop, with their measures, will show here with their progress.</p>
            {isConvenor && !closed && (
              <Link to="/goals/new" className="button">
                Add the first goal
              </Link>
            )}
          </EmptyState>
        </>
      ) : (
        <>
          <Attention data={data} />
          <CollapsibleSection name="progress" title="Progress">
            <div className="chart-grid">
              <ChartFigure title={trendTitle(data.progressOverTime, headline.progress)} table={trendTable(data)}>
                <ProgressLineChart data={data.progressOverTime} />
              </ChartFigure>
              <ChartFigure
                title={`${headline.onTrack} of ${plural(headline.goals, "goal")} on track or achieved`}
                table={{
                  caption: "Goals by status",
                  columns: ["Status", "Goals"],
                  rows: data.statusCounts.map((s) => [goalStatusLabels[s.status], s.count]),
                }}
              >
                <StatusBarChart data={data.statusCounts} />
              </ChartFigure>
              <ChartFigure
                title={themeTitle(data.progressByTheme)}
                table={{
                  caption: "Average progress by theme",
                  columns: ["Theme", "Goals", "Progress"],
                  rows: data.progressByTheme.map((t) => [
                    t.themeName,
                    t.goals,
                    t.progress === null ? "no measures" : `${(t.progress * 100).toFixed(1)} %`,
                  ]),
                }}
              >
                <ThemeProgressChart data={data.progressByTheme} />
              </ChartFigure>
            </div>
          </CollapsibleSection>
          <SinceSection cycleId={cycle.id} />
        </>
      )}
      <RoadmapProgressSection />
    </>
  );
}

function Headline({ figure, words }: { figure: string; words: string }) {
  return (
    <div className="card headline">
      <span className="headline-figure">{figure}</span>
      <span className="headline-words">{words}</span>
    </div>
  );
}

function Attention({ data }: { data: Overview }) {
  const { atRisk, noRecentUpdate } = data.attention;
  const weeks = Math.round(data.cycle.updateIntervalDays / 7);
  const risky = useShowFirst(atRisk);
  const quiet = useShowFirst(noRecentUpdate);
  return (
    <CollapsibleSection name="attention" title="Needs attention" className="attention">
      <NextMeetingNotice cycleId={data.cycle.id} />
      {atRisk.length === 0 && noRecentUpdate.length === 0 ? (
        <p>Nothing needs attention: no goal is at risk or off track, and every goal has had an update in the last {weeks} weeks.</p>
      ) : (
        <div className="two-columns">
          <div>
            <h3>At risk or off track{atRisk.length > 0 && ` (${atRisk.length})`}</h3>
            {atRisk.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain-list">
                {risky.shown.map((g) => (
                  <li key={g.id}>
                    <Link to="/goals/$goalId" params={{ goalId: g.id }}>
                      {g.title}
                    </Link>{" "}
                    <StatusBadge status={g.status} /> <span className="muted small">{g.leadName ?? "No lead"}</span>
                  </li>
                ))}
              </ul>
            )}
            {risky.toggle}
          </div>
          <div>
            <h3>
              No update for over {weeks} weeks{noRecentUpdate.length > 0 && ` (${noRecentUpdate.length})`}
            </h3>
            {noRecentUpdate.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain-list">
                {quiet.shown.map((g) => (
                  <li key={g.id}>
                    <Link to="/goals/$goalId" params={{ goalId: g.id }}>
                      {g.title}
                    </Link>{" "}
                    <span className="muted small">{g.lastUpdateAt ? `last update ${formatDate(g.lastUpdateAt)}` : "no update yet"}</span>
                    <ProgressBar value={g.progress} label={`Progress of ${g.title}`} />
                  </li>
                ))}
              </ul>
            )}
            {quiet.toggle}
          </div>
        </div>
      )}
    </CollapsibleSection>
  );
}

/**
 * The trend chart's finding. `now` is today's progress: the weekly points can end before a rise
 * made today, and the title must not say "held" over it.
 */
export function trendTitle(points: { date: string; progress: number | null }[], now?: number | null): string {
  const known = points.filter((p) => p.progress !== null) as { date: string; progress: number }[];
  if (now !== undefined && now !== null && known.at(-1)?.progress !== now) known.push({ date: todayIso(), progress: now });
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return "No progress has been recorded yet this cycle";
  const a = Math.round(first.progress * 100);
  const b = Math.round(last.progress * 100);
  // One point (a cycle in its first week, or a rise on the only day recorded) has not "held".
  if (first === last) return `Progress stands at ${b} % on ${formatDate(last.date)}`;
  if (a === b) return `Progress has held at ${b} % since ${formatDate(first.date)}`;
  return `Progress has ${b > a ? "risen" : "fallen"} from ${a} % to ${b} % since ${formatDate(first.date)}`;
}

function trendTable(data: Overview) {
  return {
    caption: "Average progress of the cycle's goals, week by week",
    columns: ["Week ending", "Average progress"],
    rows: data.progressOverTime.map((p) => [formatDate(p.date), p.progress === null ? "—" : `${(p.progress * 100).toFixed(1)} %`]),
  };
}

function themeTitle(themes: Overview["progressByTheme"]): string {
  const known = themes.filter((t) => t.progress !== null) as (Overview["progressByTheme"][number] & { progress: number })[];
  if (known.length === 0) return "No theme has measured progress yet";
  const sorted = [...known].sort((x, y) => y.progress - x.progress);
  const top = sorted[0]!;
  const bottom = sorted.at(-1)!;
  if (sorted.length === 1 || top === bottom) return `${top.themeName} stands at ${percent(top.progress)}`;
  return `${top.themeName} is furthest along at ${percent(top.progress)}; ${bottom.themeName} is at ${percent(bottom.progress)}`;
}
