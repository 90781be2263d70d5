/**
 * The Recharts drawings. Loaded lazily (see chart-figure.tsx). Each is hidden from assistive
 * technology and has a table twin with the same figures, so Recharts' own keyboard layer is off
 * (a focusable chart inside aria-hidden would trap keyboard users in a silent element).
 */
import { type GoalStatus, goalStatusLabels } from "@convene/domain";
import type { ChartModel } from "@convene/slides/model";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate, formatMonth, formatShortDate } from "../format.ts";
import { countAxis, lastPerDay, measureAxis } from "./axes.ts";
import { CategoryTick } from "./category-tick.tsx";
import { accent, grid, ink, statusColours } from "./palette.ts";

const pctTick = (v: number) => `${v} %`;

export function StatusBarChart({ data }: { data: { status: GoalStatus; count: number }[] }) {
  const rows = data.map((d) => ({ ...d, label: goalStatusLabels[d.status] }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(180, rows.length * 38)}>
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 32 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" {...countAxis} stroke={ink} />
        <YAxis type="category" dataKey="label" width={104} stroke={ink} />
        <Bar dataKey="count" isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.status} fill={statusColours[r.status]} />
          ))}
          <LabelList dataKey="count" position="right" fill={ink} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ThemeProgressChart({ data }: { data: { themeName: string; progress: number | null }[] }) {
  const rows = data.map((d) => ({ name: d.themeName, pct: d.progress === null ? 0 : Math.round(d.progress * 100) }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(180, rows.length * 44)}>
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 40 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={pctTick} stroke={ink} />
        <YAxis type="category" dataKey="name" width={150} stroke={ink} tick={<CategoryTick perLine={22} fontSize={13} />} interval={0} />
        <Bar dataKey="pct" fill={accent} isAnimationActive={false}>
          <LabelList dataKey="pct" position="right" formatter={(v) => `${v} %`} fill={ink} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ProgressLineChart({ data }: { data: { date: string; progress: number | null }[] }) {
  const rows = data.map((d) => ({ date: d.date, pct: d.progress === null ? null : Math.round(d.progress * 1000) / 10 }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart accessibilityLayer={false} data={rows} margin={{ left: 0, right: 16, top: 8 }}>
        <CartesianGrid stroke={grid} />
        <XAxis dataKey="date" tickFormatter={formatShortDate} stroke={ink} minTickGap={24} />
        <YAxis domain={[0, 100]} tickFormatter={pctTick} stroke={ink} width={60} />
        <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(v) => [`${v} %`, "Progress"]} />
        <Line type="linear" dataKey="pct" stroke={accent} strokeWidth={2.5} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function MeasureLineChart({
  data: points,
  target,
  unit,
}: {
  data: { date: string; value: number }[];
  target: number | null;
  unit: string;
}) {
  const data = lastPerDay(points);
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 16, top: 12 }}>
        <CartesianGrid stroke={grid} />
        <XAxis dataKey="date" tickFormatter={formatShortDate} stroke={ink} minTickGap={24} />
        <YAxis stroke={ink} width={56} {...measureAxis([...data.map((d) => d.value), ...(target === null ? [] : [target])])} />
        <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(v) => [`${v}${unit ? ` ${unit}` : ""}`, "Value"]} />
        {target !== null && (
          <ReferenceLine y={target} stroke={ink} strokeDasharray="6 4" label={{ value: "Target", position: "insideTopRight", fill: ink }} />
        )}
        <Line type="stepAfter" dataKey="value" stroke={accent} strokeWidth={2.5} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** A slide's chart in presentation mode: fixed drawing size (scaled by CSS), so it prints even when off screen. */
export function SlideChart({ chart }: { chart: ChartModel }) {
  const rows = chart.categories.map((name, i) => ({ name, value: chart.series[0]?.values[i] ?? 0 }));
  const unitTick = (v: number) => (chart.unit === "percent" ? `${Math.round(v)} %` : String(v));
  if (chart.type === "line") {
    return (
      <LineChart accessibilityLayer={false} width={1100} height={440} data={rows} margin={{ left: 8, right: 24, top: 16, bottom: 8 }}>
        <CartesianGrid stroke={grid} />
        <XAxis dataKey="name" stroke={ink} minTickGap={32} tick={{ fontSize: 18 }} />
        <YAxis domain={[0, 100]} tickFormatter={unitTick} stroke={ink} width={80} tick={{ fontSize: 18 }} />
        <Line
          type="linear"
          dataKey="value"
          stroke={accent}
          strokeWidth={4}
          dot={rows.length > 20 ? false : { r: 5 }}
          isAnimationActive={false}
        />
      </LineChart>
    );
  }
  return (
    <BarChart
      accessibilityLayer={false}
      width={1100}
      height={Math.min(440, Math.max(200, rows.length * 52))}
      data={rows}
      layout="vertical"
      margin={{ left: 8, right: 64 }}
    >
      <CartesianGrid horizontal={false} stroke={grid} />
      <XAxis
        type="number"
        domain={chart.unit === "percent" ? [0, 100] : [0, "auto"]}
        tickFormatter={unitTick}
        allowDecimals={false}
        stroke={ink}
        tick={{ fontSize: 18 }}
      />
      <YAxis type="category" dataKey="name" width={300} stroke={ink} tick={{ fontSize: 18 }} />
      <Bar dataKey="value" fill={accent} isAnimationActive={false}>
        <LabelList dataKey="value" position="right" formatter={(v) => unitTick(Number(v))} fill={ink} fontSize={18} />
      </Bar>
    </BarChart>
  );
}

/** Answers to an alert: one bar per kind of answer, labelled with its count. */
export function AnswerTallyChart({ data }: { data: { label: string; count: number; colour: string }[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(150, data.length * 44)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 32 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" {...countAxis} stroke={ink} />
        <YAxis type="category" dataKey="label" width={90} stroke={ink} />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((r) => (
            <Cell key={r.label} fill={r.colour} />
          ))}
          <LabelList dataKey="count" position="right" fill={ink} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Road map progress over time: the planned share done (end dates passed) against the share actually done. */
export function RoadmapProgressChart({ data }: { data: { date: string; planned: number; actual: number }[] }) {
  const rows = data.map((d) => ({ date: d.date, planned: Math.round(d.planned * 1000) / 10, actual: Math.round(d.actual * 1000) / 10 }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart accessibilityLayer={false} data={rows} margin={{ left: 0, right: 16, top: 8 }}>
        <CartesianGrid stroke={grid} />
        <XAxis dataKey="date" tickFormatter={formatMonth} stroke={ink} minTickGap={32} />
        <YAxis domain={[0, 100]} tickFormatter={pctTick} stroke={ink} width={60} />
        <Tooltip
          labelFormatter={(d) => formatDate(String(d))}
          formatter={(v, name) => [`${v} %`, name === "planned" ? "Planned" : "Actually done"]}
        />
        <Legend formatter={(name) => (name === "planned" ? "Planned (end date passed)" : "Actually done")} />
        <Line type="stepAfter" dataKey="planned" stroke={ink} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="actual" stroke={accent} strokeWidth={3} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
