/**
 * The road map as a hand-drawn SVG timeline: lanes by workstream, one row per item, month
 * lines, a today line and dependency arrows. Every row is a button that opens the item (the
 * form for the convenor, the details for everyone else); the convenor can also drag a bar
 * to move its dates, snapping to whole days. Status and "Overdue" are words and shapes.
 */
import { addDaysIso, daysBetween, type RoadmapStatus, roadmapStatusLabels } from "@convene/domain";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { RoadmapItem } from "../api.ts";
import { formatDate, formatMonth } from "../format.ts";
import { overdueShape, roadmapStatusShapes } from "./roadmap-status.tsx";

export const barColours: Record<RoadmapStatus, string> = {
  planned: "#5c6169",
  in_progress: "#1d4f6e",
  done: "#1b7a3d",
  blocked: "#b3261e",
  dropped: "#4a4a4a",
};

/** Days since 1970-01-01: the timeline's x axis counts whole days. */
const toDays = (iso: string) => daysBetween("1970-01-01", iso);
const fromDays = (days: number) => addDaysIso("1970-01-01", days);
export const addDays = addDaysIso;

const AXIS = 52;
const LANE = 30;
const ROW = 46;
const BAR = 18;

interface Row {
  item: RoadmapItem;
  y: number;
}

export function RoadmapTimeline({
  items,
  period,
  zoom,
  today,
  canEdit,
  onOpen,
  onMove,
}: {
  items: RoadmapItem[];
  period: { start: string; end: string };
  zoom: "quarter" | "year";
  today: string;
  canEdit: boolean;
  onOpen: (item: RoadmapItem) => void;
  onMove: (item: RoadmapItem, days: number) => void;
}) {
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(960);
  const [drag, setDrag] = useState<{ id: number; x0: number; days: number; moved: boolean } | null>(null);
  // A drag ends in a click on the row; that click must not also open the item.
  const justDragged = useRef(false);
  const titleId = useId();
  const arrowId = useId();

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    // Below 640 pixels the bars would be too short to read or drag: the drawing scrolls sideways instead.
    const measure = () => setWidth(Math.max(640, el.clientWidth || 960));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A drag abandoned by losing focus (say, an alert) leaves nothing half-moved.
  useEffect(() => {
    const cancel = () => setDrag(null);
    window.addEventListener("blur", cancel);
    return () => window.removeEventListener("blur", cancel);
  }, []);

  const labelWidth = width >= 700 ? 250 : 150;
  const chartLeft = labelWidth + 8;
  const chartWidth = Math.max(120, width - chartLeft - 12);
  const totalDays = toDays(period.end) - toDays(period.start);
  const pxPerDay = chartWidth / totalDays;
  const x = (iso: string) => chartLeft + (toDays(iso) - toDays(period.start)) * pxPerDay;
  const clampX = (v: number) => Math.min(chartLeft + chartWidth, Math.max(chartLeft, v));

  // Lanes by workstream, in the order the API gives (workstream, then start date).
  const lanes = new Map<string, RoadmapItem[]>();
  for (const item of items) lanes.set(item.workstream, [...(lanes.get(item.workstream) ?? []), item]);
  const rows: Row[] = [];
  const laneHeads: { name: string; y: number; count: number }[] = [];
  let y = AXIS;
  for (const [name, laneItems] of lanes) {
    laneHeads.push({ name, y, count: laneItems.length });
    y += LANE;
    for (const item of laneItems) {
      rows.push({ item, y });
      y += ROW;
    }
  }
  const height = y + 8;
  const rowOf = new Map(rows.map((r) => [r.item.id, r]));

  const months: string[] = [];
  for (let m = period.start.slice(0, 7); `${m}-01` < period.end; ) {
    months.push(`${m}-01`);
    const [yy, mm] = m.split("-").map(Number) as [number, number];
    m = mm === 12 ? `${yy + 1}-01` : `${yy}-${String(mm + 1).padStart(2, "0")}`;
  }
  const weeks: string[] = [];
  if (zoom === "quarter") {
    const first = toDays(period.start);
    const monday = first + ((8 - new Date(fromDays(first)).getUTCDay()) % 7);
    for (let d = monday; d < toDays(period.end); d += 7) weeks.push(fromDays(d));
  }

  const shift = (item: RoadmapItem) => (drag?.id === item.id ? drag.days : 0);
  const barOf = (item: RoadmapItem) => {
    const s = shift(item);
    const x1 = x(addDays(item.startDate, s));
    const x2 = x(addDays(item.endDate, s + 1));
    return { x1: clampX(x1), x2: clampX(x2), cutStart: x1 < chartLeft, cutEnd: x2 > chartLeft + chartWidth };
  };
  const maxChars = Math.floor((labelWidth - 34) / 7.2);
  const cut = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);

  return (
    <div ref={wrap} className="timeline-wrap">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a <fieldset>; it groups the rows' buttons */}
      <svg className="timeline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby={titleId}>
        <title id={titleId}>
          Road map timeline from {formatDate(period.start)} to {formatDate(addDays(period.end, -1))}
        </title>
        <defs>
          <marker id={arrowId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill="#3e4c59" />
          </marker>
          <pattern id={`${arrowId}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b3261e" strokeWidth="2" />
          </pattern>
        </defs>

        {/* Axis: week lines (quarter view), month lines and labels */}
        {weeks.map((w) => (
          <line key={w} x1={x(w)} x2={x(w)} y1={AXIS - 6} y2={height} className="timeline-week" />
        ))}
        {months.map((m) => {
          const mx = clampX(x(m));
          const next = addDays(m, 31).slice(0, 7);
          const space = clampX(x(`${next}-01`)) - mx;
          // "Jan 2026" where there is room (and at each new year), else "Feb", else "F".
          const full = formatMonth(m);
          const wide = space > 70 || ((m.endsWith("-01-01") || m === months[0]) && space > 62);
          const label = wide ? full : space > 30 ? full.slice(0, 3) : full.slice(0, 1);
          return (
            <g key={m}>
              <line x1={mx} x2={mx} y1={AXIS - 14} y2={height} className="timeline-month" />
              {space > 12 && (
                <text x={mx + 4} y={AXIS - 18} className="timeline-axis-label">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={chartLeft} x2={chartLeft + chartWidth} y1={AXIS - 2} y2={AXIS - 2} className="timeline-axis" />

        {laneHeads.map((l, i) => (
          <g key={l.name}>
            <rect x={0} y={l.y} width={width} height={LANE} className={i % 2 ? "timeline-lane odd" : "timeline-lane"} />
            <text x={8} y={l.y + 20} className="timeline-lane-label">
              {cut(l.name)} <tspan className="timeline-lane-count">({l.count})</tspan>
            </text>
          </g>
        ))}

        {today >= period.start && today < period.end && (
          <g className="timeline-today">
            <line x1={x(today) + pxPerDay / 2} x2={x(today) + pxPerDay / 2} y1={18} y2={height} />
            <text x={Math.min(x(today) + pxPerDay / 2 + 4, chartLeft + chartWidth - 38)} y={14}>
              Today
            </text>
          </g>
        )}

        {rows.map(({ item, y: ry }) => {
          const bar = barOf(item);
          const colour = barColours[item.status];
          const barY = ry + ROW / 2 - 4 - BAR / 2;
          const w = Math.max(3, bar.x2 - bar.x1);
          const moving = drag?.id === item.id && drag.days !== 0;
          const dates = `${formatDate(addDays(item.startDate, shift(item)))} to ${formatDate(addDays(item.endDate, shift(item)))}`;
          const state = `${roadmapStatusLabels[item.status]}${item.overdue ? ", overdue" : ""}, ${item.shownPercent} % complete`;
          return (
            <g key={item.id}>
              {/* biome-ignore lint/a11y/useSemanticElements: an SVG row cannot be a <button>; it has the role and keyboard handling */}
              <g
                role="button"
                tabIndex={0}
                className={`timeline-row${moving ? " moving" : ""}`}
                aria-label={`${item.title}. ${item.workstream}, ${dates}. ${state}.${canEdit ? " Press Enter to edit." : " Press Enter for details."}`}
                onClick={() => {
                  if (justDragged.current) justDragged.current = false;
                  else onOpen(item);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onOpen(item);
                  }
                }}
              >
                <rect x={0} y={ry} width={width} height={ROW} className="timeline-row-bg" />
                <g
                  className={canEdit ? "timeline-bar draggable" : "timeline-bar"}
                  onPointerDown={
                    canEdit
                      ? (e) => {
                          if (e.button !== 0) return;
                          e.currentTarget.setPointerCapture(e.pointerId);
                          setDrag({ id: item.id, x0: e.clientX, days: 0, moved: false });
                        }
                      : undefined
                  }
                  onPointerMove={
                    canEdit
                      ? (e) => {
                          if (drag?.id !== item.id) return;
                          const dx = e.clientX - drag.x0;
                          setDrag({ ...drag, days: Math.round(dx / pxPerDay), moved: drag.moved || Math.abs(dx) > 4 });
                        }
                      : undefined
                  }
                  onPointerUp={
                    canEdit
                      ? (e) => {
                          if (drag?.id !== item.id) return;
                          e.currentTarget.releasePointerCapture(e.pointerId);
                          setDrag(null);
                          if (drag.moved) {
                            justDragged.current = true;
                            setTimeout(() => {
                              justDragged.current = false;
                            }, 0);
                            if (drag.days !== 0) onMove(item, drag.days);
                          }
                        }
                      : undefined
                  }
                  onPointerCancel={() => setDrag(null)}
                >
                  <rect
                    x={bar.x1}
                    y={barY}
                    width={w}
                    height={BAR}
                    rx={bar.cutStart || bar.cutEnd ? 0 : 4}
                    fill="#ffffff"
                    stroke={colour}
                    strokeWidth={2}
                    strokeDasharray={item.status === "dropped" ? "4 3" : undefined}
                  />
                  <rect x={bar.x1} y={barY} width={(w * item.shownPercent) / 100} height={BAR} rx={3} fill={colour} opacity={0.85} />
                  {item.overdue && <rect x={bar.x1} y={barY + BAR + 2} width={w} height={4} fill={`url(#${arrowId}-hatch)`} />}
                </g>
              </g>
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a plain <g> with no tabindex is not focusable; this repeats the row's name for sighted readers */}
              <g className="timeline-decor" aria-hidden="true">
                <g transform={`translate(8 ${ry + 6})`} color={colour}>
                  {roadmapStatusShapes[item.status]}
                </g>
                <text x={30} y={ry + 18} className="timeline-title">
                  {cut(item.title)}
                </text>
                <text x={30} y={ry + 36} className="timeline-meta">
                  {item.overdue ? "Overdue · " : ""}
                  {roadmapStatusLabels[item.status]} · {item.shownPercent} %
                </text>
                {item.overdue && (
                  <g className="timeline-overdue">
                    {bar.x2 + 80 < chartLeft + chartWidth ? (
                      <>
                        <g transform={`translate(${bar.x2 + 4} ${barY + 1})`} color="#b3261e">
                          {overdueShape}
                        </g>
                        <text x={bar.x2 + 22} y={barY + 14}>
                          Overdue
                        </text>
                      </>
                    ) : (
                      <g transform={`translate(${bar.x2 - 20} ${barY + 1})`} color="#b3261e">
                        {overdueShape}
                      </g>
                    )}
                  </g>
                )}
                {moving && (
                  <text x={Math.min(bar.x1, chartLeft + chartWidth - 190)} y={barY - 3} className="timeline-drag-label">
                    {dates}
                  </text>
                )}
              </g>
            </g>
          );
        })}
        {/* Dependency arrows, drawn over the rows: from the end of what is needed to the start of what needs it */}
        {rows.flatMap(({ item, y: ry }) =>
          item.dependsOn.flatMap((depId) => {
            const dep = rowOf.get(depId);
            if (!dep) return [];
            const from = barOf(dep.item);
            const to = barOf(item);
            const y1 = dep.y + ROW / 2 - 4;
            const y2 = ry + ROW / 2 - 4;
            const bend = from.x2 + 8;
            const d =
              to.x1 - 10 >= bend
                ? `M${from.x2} ${y1}H${bend}V${y2}H${to.x1 - 1}`
                : `M${from.x2} ${y1}h8V${y2 - (y2 > y1 ? 1 : -1) * (BAR / 2 + 5)}H${to.x1 - 10}V${y2}H${to.x1 - 1}`;
            return [<path key={`${depId}-${item.id}`} d={d} className="timeline-arrow" markerEnd={`url(#${arrowId})`} />];
          }),
        )}
      </svg>
    </div>
  );
}
