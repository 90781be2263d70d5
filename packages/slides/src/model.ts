/**
 * What is on each slide of the AGM deck, worked out once from the report. Two renderers draw it:
 * the PowerPoint builder (pptx.ts) and the dashboard's presentation mode. Text is fitted here, to
 * the boxes the layout gives it, so neither renderer can overflow: long lines are cut with an
 * ellipsis at a measured length, long lists continue on further slides, very long lists are
 * summarised.
 */
import {
  type AgmGoal,
  type AgmReport,
  formatPreciseDate,
  type GoalStatus,
  goalStatuses,
  goalStatusLabels,
  percent,
  ukDate,
  ukShortDate,
} from "@convene/domain";
import { layout } from "./theme.ts";

export interface GoalLine {
  title: string;
  status: GoalStatus;
  statusLabel: string;
  /** "40 %", or "—" when no measure can say. */
  progress: string;
  /** A second, smaller line: the lead organisation or where the goal went on. */
  detail: string;
}

export interface ChartModel {
  type: "bar" | "line";
  /** What the values count: whole-number percentages (0–100) or plain counts. */
  unit: "percent" | "count";
  categories: string[];
  series: { name: string; values: number[] }[];
}

export interface TableModel {
  caption: string;
  columns: string[];
  rows: string[][];
}

interface SlideBase {
  /** Stable within one deck, for React keys and tests: "goals-national-strategy-2". */
  id: string;
  title: string;
  /** Speaker notes: the slide's figures in words. */
  notes: string;
}

export type Slide =
  | (SlideBase & { kind: "title"; subtitle: string; date: string })
  | (SlideBase & { kind: "figures"; figures: { value: string; words: string }[] })
  | (SlideBase & { kind: "goals"; subtitle: string; goals: GoalLine[]; more: string | null })
  | (SlideBase & { kind: "chart"; subtitle: string; chart: ChartModel; table: TableModel })
  | (SlideBase & { kind: "list"; subtitle: string; items: { text: string; detail: string }[]; more: string | null })
  | (SlideBase & { kind: "timeline"; subtitle: string; events: { date: string; title: string }[] })
  | (SlideBase & { kind: "names"; subtitle: string; names: string[] })
  | (SlideBase & { kind: "message"; text: string });

export type SlideKind = Slide["kind"];

// ---------- measuring text ----------

/**
 * The most characters of a proportional sans-serif face (Liberation Sans / Arial) that fit a box
 * `widthIn` inches wide at `pt` points on one line. 0.5 em per character is a little wider than
 * the average of English text (about 0.47 em), so ordinary titles still fit.
 */
export function charsThatFit(widthIn: number, pt: number): number {
  return Math.floor((widthIn * 72) / (pt * 0.5));
}

/** One line of text cut to fit, with an ellipsis when anything was cut. */
export function fitLine(text: string, widthIn: number, pt: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const max = charsThatFit(widthIn, pt);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > max * 0.6 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

// ---------- words ----------

const shortDate = ukShortDate;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const pct = (p: number | null) => (p === null ? 0 : Math.round(p * 1000) / 10);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const statusOrder = (s: GoalStatus) => ["achieved", "on_track", "at_risk", "off_track", "not_started", "dropped"].indexOf(s);

function statusSummary(goals: readonly AgmGoal[]): string {
  return goalStatuses
    .map((s) => [s, goals.filter((g) => g.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => statusOrder(a[0]) - statusOrder(b[0]))
    .map(([s, n]) => `${n} ${goalStatusLabels[s].toLowerCase()}`)
    .join(", ");
}

function goalLine(g: AgmGoal, detail: string): GoalLine {
  const { goalTitle, goalDetail } = layout;
  return {
    title: fitLine(g.title, goalTitle.w, goalTitle.pt),
    status: g.status,
    statusLabel: goalStatusLabels[g.status],
    progress: percent(g.progress),
    detail: fitLine(detail, goalDetail.w, goalDetail.pt),
  };
}

/** Pages of at most `perPage`, at most `maxPages` of them; what does not fit is counted in `more`. */
function paginate<T>(items: readonly T[], perPage: number, maxPages: number) {
  const shown = items.slice(0, perPage * maxPages);
  // Balanced pages (8 goals make 4 + 4, not 7 + 1).
  const pages = chunk(shown, Math.ceil(shown.length / Math.max(1, Math.ceil(shown.length / perPage))));
  const hidden = items.slice(shown.length);
  return { pages, hidden };
}

// ---------- the deck ----------

export const limits = {
  goalsPerSlide: 7,
  /** A theme with more goals than fit on this many slides is summarised after them. */
  goalSlidesPerTheme: 3,
  listItemsPerSlide: 7,
  listSlides: 3,
  namesPerSlide: 22,
  barsPerChart: 12,
  eventsPerTimeline: 6,
  /** Goals listed on the "Since the last AGM" slide; the rest are counted. */
  sinceGoals: 6,
} as const;

export function deckSlides(report: AgmReport): Slide[] {
  const slides: Slide[] = [];
  const { cycle, goals } = report;
  const audienceWords = report.audience === "public" ? "Public edition" : "For members";
  const fitTitle = (t: string) => fitLine(t, layout.title.w, layout.title.pt);
  const fitSubtitle = (t: string) => fitLine(t, layout.subtitle.w, layout.subtitle.pt);

  slides.push({
    kind: "title",
    id: "title",
    title: fitLine(report.groupName, layout.deckTitle.w * layout.deckTitle.lines * 0.9, layout.deckTitle.pt),
    subtitle: fitLine(
      `Annual general meeting · ${/cycle/i.test(cycle.name) ? cycle.name : `${cycle.name} cycle`}`,
      layout.deckSubtitle.w,
      layout.deckSubtitle.pt,
    ),
    date: `${ukDate(cycle.agmDate)} · ${audienceWords}`,
    notes: `Welcome to the annual general meeting of ${report.groupName}, closing the ${cycle.name} cycle that opened at the workshop on ${ukDate(cycle.workshopDate)}.`,
  });

  if (goals.length === 0) {
    slides.push({
      kind: "message",
      id: "no-goals",
      title: "No goals were set in this cycle",
      text:
        report.audience === "public"
          ? `No public goals were recorded for the ${cycle.name} cycle.`
          : `No goals were recorded for the ${cycle.name} cycle. Goals set at the next workshop will appear here.`,
      notes: `There were no ${report.audience === "public" ? "public " : ""}goals in the ${cycle.name} cycle, so there is nothing to chart.`,
    });
  } else {
    slides.push(...goalSlides(report, fitTitle, fitSubtitle));
  }

  slides.push(...sinceSlides(report, fitTitle, fitSubtitle));
  slides.push(...optionalSlides(report, fitTitle, fitSubtitle));
  slides.push(...nextCycleSlides(report, fitTitle, fitSubtitle));
  slides.push(...thanksSlides(report, fitSubtitle));
  return slides;
}

type Fit = (t: string) => string;

function goalSlides(report: AgmReport, fitTitle: Fit, fitSubtitle: Fit): Slide[] {
  const slides: Slide[] = [];
  const { goals, figures, cycle } = report;
  const achieved = goals.filter((g) => g.status === "achieved").length;
  const onTrack = goals.filter((g) => g.status === "on_track").length;
  const attention = goals.filter((g) => g.status === "at_risk" || g.status === "off_track").length;

  slides.push({
    kind: "figures",
    id: "numbers",
    title: "The year in numbers",
    figures: [
      { value: goals.length.toLocaleString("en-GB"), words: goals.length === 1 ? "goal set" : "goals set" },
      { value: achieved.toLocaleString("en-GB"), words: "achieved" },
      { value: onTrack.toLocaleString("en-GB"), words: "on track" },
      { value: attention.toLocaleString("en-GB"), words: "at risk or off track" },
      { value: percent(figures.progress), words: "average progress" },
      {
        value: figures.progressUpdates.toLocaleString("en-GB"),
        words: figures.progressUpdates === 1 ? "progress update" : "progress updates",
      },
      { value: figures.organisationsInvolved.toLocaleString("en-GB"), words: "organisations involved" },
    ],
    notes:
      `In the ${cycle.name} cycle we set ${plural(goals.length, "goal")}: ${achieved} achieved, ${onTrack} on track and ${attention} at risk or off track. ` +
      `Average progress across the goals that count is ${percent(figures.progress)}. ` +
      `${plural(figures.progressUpdates, "progress update")} were posted, and ${plural(figures.organisationsInvolved, "organisation")} led or supported goals.`,
  });

  // Goals by theme, with status as word and shape.
  const byTheme = new Map<string, AgmGoal[]>();
  for (const g of goals) byTheme.set(g.themeName, [...(byTheme.get(g.themeName) ?? []), g]);
  for (const [theme, list] of [...byTheme.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sorted = [...list].sort(
      (a, b) => statusOrder(a.status) - statusOrder(b.status) || a.title.localeCompare(b.title, "en-GB", { numeric: true }) || a.id - b.id,
    );
    const { pages, hidden } = paginate(sorted, limits.goalsPerSlide, limits.goalSlidesPerTheme);
    const summary = statusSummary(list);
    pages.forEach((page, i) => {
      const last = i === pages.length - 1;
      const more = last && hidden.length ? `…and ${plural(hidden.length, "more goal")} in this theme: ${statusSummary(hidden)}.` : null;
      slides.push({
        kind: "goals",
        id: `goals-${slug(theme)}-${i + 1}`,
        title: fitTitle(pages.length > 1 ? `${theme} (${i + 1} of ${pages.length})` : theme),
        subtitle: fitSubtitle(`${plural(list.length, "goal")}: ${summary}`),
        goals: page.map((g) => goalLine(g, g.leadName ? `Led by ${g.leadName}` : "No lead organisation")),
        more: more && fitLine(more, layout.more.w, layout.more.pt),
        notes: `${theme}: ${plural(list.length, "goal")} — ${summary}.${hidden.length ? ` The slides list ${sorted.length - hidden.length}; the rest are in the dashboard.` : ""}`,
      });
    });
  }

  // Progress by theme.
  const themeChunks = chunk(report.progressByTheme, limits.barsPerChart);
  themeChunks.forEach((themes, i) => {
    const best = [...themes].sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1))[0];
    const values = themes.map((t) => pct(t.progress));
    slides.push({
      kind: "chart",
      id: `chart-themes-${i + 1}`,
      title: fitTitle(themeChunks.length > 1 ? `Progress by theme (${i + 1} of ${themeChunks.length})` : "Progress by theme"),
      subtitle: fitSubtitle(best ? `${best.themeName} has come furthest, at ${percent(best.progress)}` : ""),
      chart: {
        type: "bar",
        unit: "percent",
        categories: themes.map((t) => fitLine(t.themeName, layout.chartCategory.w, layout.chartCategory.pt)),
        series: [{ name: "Progress (%)", values }],
      },
      table: {
        caption: "Average progress of each theme's goals",
        columns: ["Theme", "Goals", "Progress"],
        rows: themes.map((t) => [t.themeName, String(t.goals), percent(t.progress)]),
      },
      notes: `Progress by theme. ${themes.map((t) => `${t.themeName}: ${percent(t.progress)} across ${plural(t.goals, "goal")}`).join("; ")}.`,
    });
  });

  // Goals by status.
  const counts = goalStatuses.map((s) => ({ s, n: goals.filter((g) => g.status === s).length }));
  slides.push({
    kind: "chart",
    id: "chart-status",
    title: "Goals by status",
    subtitle: fitSubtitle(`${achieved + onTrack} of ${plural(goals.length, "goal")} achieved or on track`),
    chart: {
      type: "bar",
      unit: "count",
      categories: counts.map((c) => goalStatusLabels[c.s]),
      series: [{ name: "Goals", values: counts.map((c) => c.n) }],
    },
    table: {
      caption: "Number of goals in each status",
      columns: ["Status", "Goals"],
      rows: counts.map((c) => [goalStatusLabels[c.s], String(c.n)]),
    },
    notes: `Goals by status: ${counts.map((c) => `${goalStatusLabels[c.s].toLowerCase()} ${c.n}`).join(", ")}; ${goals.length} in all.`,
  });

  // Progress over time: from the first date any progress was known.
  const line = monthly(report.progressOverTime.slice(report.progressOverTime.findIndex((p) => p.progress !== null)));
  if (report.progressOverTime.some((p) => p.progress !== null)) {
    const first = line[0]!;
    const last = line.at(-1)!;
    slides.push({
      kind: "chart",
      id: "chart-over-time",
      title: "Progress over the year",
      subtitle: fitSubtitle(
        `From ${percent(first.progress)} on ${ukDate(first.date)} to ${percent(last.progress)} on ${ukDate(last.date)}`,
      ),
      chart: {
        type: "line",
        unit: "percent",
        categories: line.map((p) => shortDate(p.date)),
        series: [{ name: "Average progress (%)", values: line.map((p) => pct(p.progress)) }],
      },
      table: {
        caption: "Average progress of the cycle's goals, week by week",
        columns: ["Date", "Progress"],
        rows: line.map((p) => [ukDate(p.date), percent(p.progress)]),
      },
      notes: `Average progress rose from ${percent(first.progress)} on ${ukDate(first.date)} to ${percent(last.progress)} on ${ukDate(last.date)}, drawn from ${plural(report.figures.progressUpdates, "progress update")}.`,
    });
  } else {
    slides.push({
      kind: "message",
      id: "no-progress",
      title: "Progress over the year",
      text: "No measure values were recorded in this cycle, so there is no progress line to show.",
      notes: "No measure values were recorded, so progress over time cannot be drawn.",
    });
  }
  return slides;
}

/**
 * A year of weekly points is too many labels for a slide: keep the first point of each month and
 * the last point, so the line has about a dozen labelled points.
 */
function monthly<T extends { date: string }>(points: readonly T[]): T[] {
  if (points.length <= 14) return [...points];
  const kept = points.filter((p, i) => i === 0 || p.date.slice(0, 7) !== points[i - 1]!.date.slice(0, 7));
  const last = points.at(-1)!;
  return kept.at(-1) === last ? kept : [...kept, last];
}

function optionalSlides(report: AgmReport, fitTitle: Fit, fitSubtitle: Fit): Slide[] {
  const slides: Slide[] = [];
  if (report.roadmap?.length) {
    const items = [...report.roadmap].sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
    slides.push(
      ...listSlides(
        "roadmap",
        "The road map",
        `${plural(items.length, "piece")} of work`,
        items.map((r) => ({ text: `${r.workstream}: ${r.title}`, detail: `${ukDate(r.start)} to ${ukDate(r.end)} · ${r.status}` })),
        "piece of work",
        fitTitle,
        fitSubtitle,
        `The road map has ${plural(items.length, "piece")} of work across ${plural(new Set(items.map((r) => r.workstream)).size, "workstream")}.`,
      ),
    );
  }
  if (report.milestones?.length) {
    const events = [...report.milestones].sort((a, b) => a.date.localeCompare(b.date));
    const pages = chunk(events, limits.eventsPerTimeline);
    pages.forEach((page, i) => {
      slides.push({
        kind: "timeline",
        id: `milestones-${i + 1}`,
        title: fitTitle(pages.length > 1 ? `The year's milestones (${i + 1} of ${pages.length})` : "The year's milestones"),
        subtitle: fitSubtitle(`${plural(events.length, "milestone")} this cycle`),
        events: page.map((m) => ({
          date: formatPreciseDate(m.date, m.datePrecision ?? "day"),
          title: fitLine(m.title, layout.event.w * layout.event.lines, layout.event.pt),
        })),
        notes: `Milestones: ${page.map((m) => `${formatPreciseDate(m.date, m.datePrecision ?? "day")}, ${m.title} (${m.kind})`).join("; ")}.`,
      });
    });
  }
  if (report.contributions?.length) {
    const rows = [...report.contributions].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation));
    const pages = chunk(rows, limits.barsPerChart);
    const total = rows.reduce((n, r) => n + r.count, 0);
    pages.forEach((page, i) => {
      slides.push({
        kind: "chart",
        id: `chart-contributions-${i + 1}`,
        title: fitTitle(pages.length > 1 ? `Contributions by organisation (${i + 1} of ${pages.length})` : "Contributions by organisation"),
        subtitle: fitSubtitle(`${plural(total, "contribution")} from ${plural(rows.length, "organisation")}`),
        chart: {
          type: "bar",
          unit: "count",
          categories: page.map((r) => fitLine(r.organisation, layout.chartCategory.w, layout.chartCategory.pt)),
          series: [{ name: "Contributions", values: page.map((r) => r.count) }],
        },
        table: {
          caption: "Contributions recorded by each organisation",
          columns: ["Organisation", "Contributions", "Hours"],
          rows: page.map((r) => [r.organisation, String(r.count), r.hours === null ? "—" : String(r.hours)]),
        },
        notes: `Contributions: ${page.map((r) => `${r.organisation} ${r.count}`).join(", ")}.`,
      });
    });
  }
  if (report.meetings?.length) {
    const meetings = [...report.meetings].sort((a, b) => a.date.localeCompare(b.date));
    const attended = (m: (typeof meetings)[number]) =>
      m.attendanceRecorded === false ? "attendance not recorded" : `${plural(m.organisationsAttending, "organisation")} attended`;
    slides.push(
      ...listSlides(
        "meetings",
        "Meetings and attendance",
        `${plural(meetings.length, "meeting")} this cycle`,
        meetings.map((m) => ({
          text: m.title,
          detail: `${ukDate(m.date)} · ${m.kind} · ${attended(m)}`,
        })),
        "meeting",
        fitTitle,
        fitSubtitle,
        `We met ${plural(meetings.length, "time")}: ${meetings.map((m) => `${m.title} on ${ukDate(m.date)}, ${attended(m)}`).join("; ")}.`,
      ),
    );
  }
  return slides;
}

/**
 * "Since the last AGM": the goals that moved most, progress then and now (the rest counted in one
 * line), then the milestones dated since, on a timeline. Drawn from the same comparison as the
 * overview's section.
 */
function sinceSlides(report: AgmReport, fitTitle: Fit, fitSubtitle: Fit): Slide[] {
  const since = report.since;
  if (!since || (since.goals.length === 0 && since.newMilestones.length === 0)) return [];
  const heading = since.basis === "previous_agm" ? "Since the last AGM" : since.basis === "workshop" ? "Since the workshop" : "Since";
  const when = ukDate(since.since);
  const slides: Slide[] = [];
  const change = (g: (typeof since.goals)[number]) => (g.before === null || g.after === null ? null : g.after - g.before);
  const size = (c: number | null) => (c === null ? -1 : Math.abs(c));
  const points = (c: number | null) => (c === null ? "" : ` (${c > 0 ? "+" : c < 0 ? "−" : "±"}${Math.abs(Math.round(c * 100))} points)`);
  if (since.goals.length) {
    // The goals that moved most first; goals with nothing to compare after them, by title.
    const ranked = [...since.goals].sort(
      (a, b) => size(change(b)) - size(change(a)) || a.title.localeCompare(b.title, "en-GB", { numeric: true }),
    );
    const shown = ranked.slice(0, limits.sinceGoals);
    const hidden = ranked.slice(shown.length);
    const improved = since.goals.filter((g) => (change(g) ?? 0) > 0).length;
    const fell = since.goals.filter((g) => (change(g) ?? 0) < 0).length;
    const summary =
      since.before === null && since.after === null
        ? `No progress was recorded between ${when} and now`
        : since.before === null
          ? `Average progress is ${percent(since.after)}; none was recorded on ${when}`
          : `Average progress ${since.after !== null && since.after > since.before ? "rose" : since.after === since.before ? "held" : "fell"} from ${percent(since.before)} on ${when} to ${percent(since.after)} now`;
    slides.push({
      kind: "list",
      id: "since-goals",
      title: fitTitle(heading),
      subtitle: fitSubtitle(summary),
      items: shown.map((g) => ({
        text: fitLine(g.isNew ? `${g.title} (new)` : g.title, layout.listText.w, layout.listText.pt),
        detail: fitLine(
          `${g.before === null ? (g.isNew ? "Not yet set" : "Nothing recorded") : percent(g.before)} then · ${percent(g.after)} now${points(change(g))}`,
          layout.listDetail.w,
          layout.listDetail.pt,
        ),
      })),
      more: hidden.length
        ? fitLine(
            `…and ${plural(hidden.length, "more goal")}. In all ${plural(improved, "goal")} moved forward and ${fell ? plural(fell, "goal") : "none"} fell back.`,
            layout.more.w,
            layout.more.pt,
          )
        : null,
      notes:
        `${summary}. ${plural(improved, "goal")} moved forward and ${fell ? plural(fell, "goal") : "none"} fell back since ${when}. ` +
        shown.map((g) => `${g.title}: ${percent(g.before)} then, ${percent(g.after)} now`).join("; ") +
        (hidden.length ? `; and ${plural(hidden.length, "more goal")}.` : "."),
    });
  }
  // Since the workshop, the new milestones are the year's milestones: one timeline is enough.
  const key = (m: { date: string; title: string }) => `${m.date} ${m.title}`;
  const yearly = new Set((report.milestones ?? []).map(key));
  const same = since.newMilestones.length === yearly.size && since.newMilestones.every((m) => yearly.has(key(m)));
  if (since.newMilestones.length && !same) {
    const events = since.newMilestones.slice(-limits.eventsPerTimeline);
    const earlier = since.newMilestones.length - events.length;
    slides.push({
      kind: "timeline",
      id: "since-milestones",
      title: fitTitle(`New milestones ${heading.replace(/^Since/, "since")}`),
      subtitle: fitSubtitle(
        `${plural(since.newMilestones.length, "milestone")} since ${when}${earlier ? `; the latest ${events.length} shown` : ""}`,
      ),
      events: events.map((m) => ({
        date: formatPreciseDate(m.date, m.datePrecision),
        title: fitLine(m.title, layout.event.w * layout.event.lines, layout.event.pt),
      })),
      notes: `${plural(since.newMilestones.length, "milestone")} since ${when}: ${since.newMilestones
        .map((m) => `${formatPreciseDate(m.date, m.datePrecision)}, ${m.title}`)
        .join("; ")}.`,
    });
  }
  return slides;
}

function listSlides(
  id: string,
  title: string,
  subtitle: string,
  items: { text: string; detail: string }[],
  noun: string,
  fitTitle: Fit,
  fitSubtitle: Fit,
  notes: string,
): Slide[] {
  const { pages, hidden } = paginate(items, limits.listItemsPerSlide, limits.listSlides);
  return pages.map((page, i) => ({
    kind: "list" as const,
    id: `${id}-${i + 1}`,
    title: fitTitle(pages.length > 1 ? `${title} (${i + 1} of ${pages.length})` : title),
    subtitle: fitSubtitle(subtitle),
    items: page.map((it) => ({
      text: fitLine(it.text, layout.listText.w, layout.listText.pt),
      detail: fitLine(it.detail, layout.listDetail.w, layout.listDetail.pt),
    })),
    more:
      i === pages.length - 1 && hidden.length
        ? `…and ${plural(hidden.length, `more ${noun}`, `more ${noun}s`)}, listed in the dashboard.`
        : null,
    notes,
  }));
}

function nextCycleSlides(report: AgmReport, fitTitle: Fit, fitSubtitle: Fit): Slide[] {
  const slides: Slide[] = [];
  const describe = (g: AgmGoal) => `${g.themeName} · ${goalStatusLabels[g.status]} · ${percent(g.progress)}`;
  if (report.carriedForward.length) {
    const list = report.carriedForward;
    slides.push(
      ...listSlides(
        "carried-forward",
        "Goals carried forward",
        `${plural(list.length, "goal")} continue into the next cycle`,
        list.map((g) => ({ text: g.title, detail: `${describe(g)} · now in ${g.toCycleName}` })),
        "goal",
        fitTitle,
        fitSubtitle,
        `${plural(list.length, "goal")} have been copied forward to continue: ${list
          .slice(0, 20)
          .map((g) => g.title)
          .join("; ")}${list.length > 20 ? `; and ${list.length - 20} more` : ""}.`,
      ),
    );
  }
  if (report.proposed.length) {
    const list = report.proposed;
    slides.push(
      ...listSlides(
        "proposed",
        "Proposed for the next cycle",
        `${plural(list.length, "open goal")} not yet achieved`,
        list.map((g) => ({ text: g.title, detail: describe(g) })),
        "goal",
        fitTitle,
        fitSubtitle,
        `${plural(list.length, "goal")} are still open and not achieved; we propose carrying them into the next cycle. ${statusSummary(list)}.`,
      ),
    );
  }
  if (!report.carriedForward.length && !report.proposed.length && report.goals.length) {
    slides.push({
      kind: "message",
      id: "next-cycle",
      title: "Into the next cycle",
      text: "Every goal of this cycle was achieved or closed: nothing is carried forward.",
      notes: "No goal is carried forward or proposed for the next cycle.",
    });
  }
  return slides;
}

function thanksSlides(report: AgmReport, fitSubtitle: Fit): Slide[] {
  const names = report.organisations.map((o) => fitLine(o.name, layout.name.w, layout.name.pt));
  if (names.length === 0) {
    return [
      {
        kind: "message",
        id: "thanks-1",
        title: "Thank you",
        text: "Thank you to everyone who took part this year.",
        notes: "Thank you all.",
      },
    ];
  }
  const perPage = Math.ceil(names.length / Math.ceil(names.length / limits.namesPerSlide));
  const pages = chunk(names, perPage);
  return pages.map((page, i) => ({
    kind: "names" as const,
    id: `thanks-${i + 1}`,
    title: pages.length > 1 ? `Thank you (${i + 1} of ${pages.length})` : "Thank you",
    subtitle: fitSubtitle(`To our ${plural(names.length, "member organisation")}`),
    names: page,
    notes: `Thank you to our ${plural(names.length, "member organisation")}: ${report.organisations
      .slice(i * perPage, (i + 1) * perPage)
      .map((o) => o.name)
      .join(", ")}.`,
  }));
}

/** The slide titles, in order: the preview on the Exports page. */
export function slideTitles(slides: readonly Slide[]): string[] {
  return slides.map((s) => s.title);
}
