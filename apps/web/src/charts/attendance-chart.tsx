/**
 * Attendance by organisation over the years: one bar per organisation, one segment per year.
 * Loaded lazily and hidden from assistive technology; its ChartFigure has the table twin.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { countAxis } from "./axes.ts";
import { CategoryTick } from "./category-tick.tsx";
import { grid, ink } from "./palette.ts";

/**
 * Years from oldest (lighter) to newest (darker) in one hue, so the order survives greyscale
 * printing; even the lightest is over 3:1 against white. Shades are spread across the range.
 */
const yearShades = ["#4f86b0", "#2f6d9b", "#1d4f6e", "#12344a", "#0a1f2d"];

export function yearColour(index: number, count: number): string {
  if (count <= 1) return yearShades[2]!;
  return yearShades[Math.round((index * (yearShades.length - 1)) / (count - 1))]!;
}

export interface AttendanceRow {
  name: string;
  [year: string]: string | number;
}

export function AttendanceChart({ rows, years }: { rows: AttendanceRow[]; years: string[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 30 + 70)}>
      <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} stroke={grid} />
        <XAxis type="number" {...countAxis} stroke={ink} />
        <YAxis type="category" dataKey="name" width={150} stroke={ink} tick={<CategoryTick perLine={22} />} interval={0} />
        <Tooltip />
        <Legend />
        {years.map((y, i) => (
          <Bar key={y} dataKey={y} stackId="years" fill={yearColour(i, years.length)} stroke="#ffffff" isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
