/**
 * The overview's "Road map progress over time": the share of road map items planned to be
 * done (their end date has passed) against the share actually done, drawn from the history
 * of status changes. Renders nothing when there is no road map.
 */
import { useQuery } from "@tanstack/react-query";
import { lazy } from "react";
import type { RoadmapProgress } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { formatDate, plural } from "../format.ts";
import { roadmapProgressQuery } from "../queries.ts";

const RoadmapProgressChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.RoadmapProgressChart })));

export function RoadmapProgressSection() {
  const progress = useQuery(roadmapProgressQuery);
  // The road map is a side panel of the overview: while it loads, or if it fails, the rest stands alone.
  if (!progress.data || progress.data.items === 0 || progress.data.points.length === 0) return null;
  const data = progress.data;
  return (
    <section aria-labelledby="roadmap-progress-heading">
      <h2 id="roadmap-progress-heading">Road map</h2>
      <div className="chart-grid">
        <ChartFigure
          title={roadmapProgressTitle(data)}
          table={{
            caption: `Road map progress over time: share of ${plural(data.items, "item")} planned to be done and actually done`,
            columns: ["Date", "Planned", "Actually done"],
            rows: data.points.map((p) => [formatDate(p.date), `${(p.planned * 100).toFixed(1)} %`, `${(p.actual * 100).toFixed(1)} %`]),
          }}
        >
          <RoadmapProgressChart data={data.points} />
        </ChartFigure>
      </div>
    </section>
  );
}

export function roadmapProgressTitle(data: RoadmapProgress): string {
  const last = data.points.at(-1);
  if (!last) return "No road map progress has been recorded yet";
  const planned = Math.round(last.planned * 100);
  const actual = Math.round(last.actual * 100);
  const when = formatDate(last.date);
  if (actual === planned) return `Road map on plan: ${actual} % of items done by ${when}, as planned`;
  if (actual > planned) return `Road map ahead of plan: ${actual} % of items done by ${when}, against ${planned} % planned`;
  return `Road map behind plan: ${actual} % of items done by ${when}, against ${planned} % planned`;
}
