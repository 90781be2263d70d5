/**
 * Attendance by organisation over the years: one bar per organisation, one segment per year.
 * Loaded lazily and hidden from assistive technology; its ChartFigure has the table twin.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { grid, ink } from "./palette.ts";

/** Years from oldest (light) to newest (dark): a single hue, so the order survives greyscale printing. */
const yearShades = ["#9cc3dc", "#6fa3c7", "#4682ae", "#2a6390", "#1d4f6e", "#12344a"];

export function yearColour(index: number, count: number): string {
  const offset = Math.max(0, yearShades.length - count);
  return yearShades[Math.min(yearShades.length - 1, offset + index)]!;
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
        <XAxis type="number" allowDecimals={false} stroke={ink} />
        <YAxis type="category" dataKey="name" width={130} stroke={ink} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Legend />
        {years.map((y, i) => (
          <Bar key={y} dataKey={y} stackId="years" fill={yearColour(i, years.length)} stroke="#ffffff" isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
