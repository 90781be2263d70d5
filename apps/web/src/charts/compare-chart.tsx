/** Progress of each goal then and now, as paired bars (loaded lazily, inside a ChartFigure). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CategoryTick } from "./category-tick.tsx";
import { accent, grid, ink } from "./palette.ts";

const pct = (p: number | null) => (p === null ? null : Math.round(p * 1000) / 10);

export function CompareChart({ data }: { data: { title: string; before: number | null; after: number | null }[] }) {
  const rows = data.map((d) => ({
    name: d.title,
    before: pct(d.before),
    after: pct(d.after),
  }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 52 + 60)}>
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={(v) => `${v} %`} stroke={ink} />
        <YAxis type="category" dataKey="name" width={190} stroke={ink} tick={<CategoryTick perLine={28} />} interval={0} />
        <Legend />
        <Bar dataKey="before" name="Then" fill="#9aa5b1" stroke={ink} isAnimationActive={false} />
        <Bar dataKey="after" name="Now" fill={accent} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
