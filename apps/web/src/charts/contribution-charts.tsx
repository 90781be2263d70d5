/**
 * The contributions charts: by organisation stacked by kind, over time by month, and per goal.
 * Loaded lazily and hidden from assistive technology; each ChartFigure has the table twin.
 */
import { type ContributionKind, contributionKindLabels, contributionKinds } from "@convene/domain";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth } from "../format.ts";
import { countAxis } from "./axes.ts";
import { CategoryTick } from "./category-tick.tsx";
import { kindColours } from "./kind-colours.ts";
import { accent, grid, ink } from "./palette.ts";

export interface OrganisationRow {
  name: string;
  counts: Record<ContributionKind, number>;
}

export function ContributionsByOrganisationChart({ rows }: { rows: OrganisationRow[] }) {
  const data = rows.map((r) => ({ ...r.counts, name: r.name }));
  // Only the kinds that appear get a segment and a legend entry, in their fixed order.
  const kinds = contributionKinds.filter((k) => rows.some((r) => r.counts[k] > 0));
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, data.length * 32 + 90)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" {...countAxis} stroke={ink} />
        <YAxis type="category" dataKey="name" width={150} stroke={ink} tick={<CategoryTick perLine={22} />} interval={0} />
        <Tooltip />
        {/* Legend in stacking order (left to right), in dark text: the swatch carries the colour. */}
        <Legend itemSorter={null} formatter={(value) => <span style={{ color: ink }}>{value}</span>} />
        {kinds.map((k) => (
          <Bar
            key={k}
            dataKey={k}
            name={contributionKindLabels[k]}
            stackId="kinds"
            fill={kindColours[k]}
            stroke="#ffffff"
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ContributionsOverTimeChart({ rows }: { rows: { month: string; count: number }[] }) {
  const data = rows.map((r) => ({ label: formatMonth(`${r.month}-01`), count: r.count }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 16, top: 16 }}>
        <CartesianGrid vertical={false} stroke={grid} />
        <XAxis dataKey="label" stroke={ink} minTickGap={12} tick={{ fontSize: 12 }} />
        <YAxis {...countAxis} stroke={ink} width={40} />
        <Tooltip formatter={(v) => [v, "Contributions"]} />
        <Bar dataKey="count" fill={accent} isAnimationActive={false}>
          <LabelList dataKey="count" position="top" fill={ink} fontSize={12} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ContributionsPerGoalChart({ rows }: { rows: { title: string; count: number }[] }) {
  const data = rows.map((r) => ({ name: r.title, count: r.count }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, data.length * 38 + 40)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 32 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" {...countAxis} stroke={ink} />
        <YAxis type="category" dataKey="name" width={160} stroke={ink} tick={<CategoryTick perLine={24} />} interval={0} />
        <Bar dataKey="count" fill={accent} isAnimationActive={false}>
          <LabelList dataKey="count" position="right" fill={ink} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
