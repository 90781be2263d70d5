/**
 * A category axis label that is never cut mid-word: it wraps onto two lines at word breaks,
 * ends in "…" only after a whole word when even that is too long, and keeps the full name as
 * the label's tooltip (the chart's table twin has it too).
 */
import { ink } from "./palette.ts";

/** The label as at most `lines` lines of about `perLine` characters, broken between words. */
export function wrapLabel(text: string, perLine: number, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = "";
  for (const [i, word] of words.entries()) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(`${line}…`);
      return out;
    }
    out.push(line);
    line = word;
    if (i === words.length - 1) break;
  }
  if (line) out.push(out.length === lines ? `${out.pop()}…` : line);
  // A single word longer than a line is shortened, but only that last word.
  return out.map((l) => (l.length > perLine + 1 ? `${l.slice(0, perLine - 1)}…` : l));
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  /** About how many characters fit on one line of the axis. */
  perLine: number;
  fontSize?: number;
}

/** Recharts' YAxis `tick` for long names: `<YAxis tick={<CategoryTick perLine={24} />} … />` (Recharts adds x, y and payload). */
export function CategoryTick({ x = 0, y = 0, payload, perLine, fontSize = 12 }: TickProps) {
  const full = String(payload?.value ?? "");
  const lines = wrapLabel(full, perLine);
  const top = -((lines.length - 1) * fontSize * 1.1) / 2;
  return (
    <g transform={`translate(${x},${y})`}>
      <title>{full}</title>
      <text x={-6} y={top} textAnchor="end" dominantBaseline="middle" fontSize={fontSize} fill={ink}>
        {lines.map((l, i) => (
          <tspan key={l} x={-6} dy={i === 0 ? 0 : fontSize * 1.1}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}
