/**
 * What is on each slide of the AGM deck, worked out once from the report. Two renderers draw it:
 * the PowerPoint builder (pptx.ts) and the dashboard's presentation mode. Every text is kept
 * whole; the model lays each slide out (layout.ts) with measured font widths, wrapping and stepping
 * sizes down to a floor, and moves what does not fit to the next slide. Only lists too long for an
 * AGM (a theme's goals beyond three slides, the milestones before the latest few) are summarised,
 * in a line that counts them.
 */
import {
  type AgmGoal,
  type AgmReport,
  cycleWords,
  formatPreciseDate,
  type GoalStatus,
  goalStatuses,
  goalStatusLabels,
  percent,
  ukDate,
  ukShortDate,
} from "@convene/domain";
import {
  balanceColumns,
  type ChartBox,
  contentTop,
  type Frame,
  header,
  moreBox,
  paginate,
  type ShapeBox,
  type TextBox,
  textBox,
} from "./layout.ts";
import { fit, linesHeight, wrap } from "./text-fit.ts";
import { layout } from "./theme.ts";

export type { Frame, ShapeBox, TextBox } from "./layout.ts";

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
  /** Where everything goes on a 16:9 slide, for the PowerPoint renderer (presentation mode lays out with CSS). */
  frame: Frame;
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

// ---------- words ----------

const shortDate = ukShortDate;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const pct = (p: number | null) => (p === null ? 0 : Math.round(p * 1000) / 10);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** "Early warning (2 of 3)", the count held together by no-break spaces so it never wraps apart. */
export function pageTitle(title: string, i: number, n: number): string {
  return n > 1 ? `${title} (${i + 1}\u00a0of\u00a0${n})` : title;
}

/** The widest a page count can make a title, for measuring before the pages are known. */
const widestTitle = (title: string) => `${title} (8\u00a0of\u00a088)`;

/** Splits into `pages` runs of as equal length as can be. */
function balancedChunks<T>(items: readonly T[], perPage: number): T[][] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const per = Math.ceil(items.length / pages);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += per) out.push(items.slice(i, i + per));
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
  return { title: g.title, status: g.status, statusLabel: goalStatusLabels[g.status], progress: percent(g.progress), detail };
}

// ---------- rows: goals and list items ----------

interface Row {
  h: number;
  at: (y: number) => { texts: TextBox[]; shapes: ShapeBox[] };
}

function goalRow(g: GoalLine): Row {
  const { statusShape: sh, statusWord: sw, goalTitle: gt, goalDetail: gd, goalProgress: gp } = layout;
  const title = textBox("goal", g.title, { x: gt.x, y: 0 }, gt);
  const detail = textBox("detail", g.detail, { x: gd.x, y: 0 }, gd);
  const word = textBox("status", g.statusLabel, { x: sw.x, y: 0 }, { ...sw, lines: 1, face: "bold" });
  const progress = textBox("progress", g.progress, { x: gp.x, y: 0 }, { ...gp, minPt: 14, lines: 1, face: "bold" }, "right");
  const h = title.h + 0.03 + detail.h;
  return {
    h,
    at: (y) => ({
      texts: [
        { ...word, y, status: g.status },
        { ...title, y },
        { ...detail, y: y + title.h + 0.03 },
        { ...progress, y },
      ],
      shapes: [{ shape: "status", status: g.status, x: sh.x, y: y + 0.04, w: sh.size, h: sh.size }],
    }),
  };
}

function listRow(item: { text: string; detail: string }): Row {
  const { listText: lt, listDetail: ld } = layout;
  const text = textBox("item", item.text, { x: lt.x, y: 0 }, lt);
  const detail = textBox("detail", item.detail, { x: ld.x, y: 0 }, ld);
  const h = text.h + 0.03 + detail.h;
  return {
    h,
    at: (y) => ({
      texts: [
        { ...text, y },
        { ...detail, y: y + text.h + 0.03 },
      ],
      shapes: [{ shape: "bar", x: layout.x, y: y + 0.04, w: 0.12, h: h - 0.08 }],
    }),
  };
}

/**
 * Slides of rows under one heading: as many rows as fit each slide's measured space, at most
 * `maxPages` slides; the rows left over are returned for the "…and N more" line that `more` words,
 * whose room (measured with the largest count it could give) is kept free at the foot.
 */
function rowPages<T>(
  title: string,
  subtitle: string,
  items: readonly T[],
  row: (item: T) => Row,
  maxPages: number,
  more: (hidden: number) => string,
) {
  // Measured only as far as the pages reach: a theme of 500 goals shows three slides' worth.
  const rows: Row[] = [];
  const rowOf = (i: number) => {
    rows[i] ??= row(items[i]!);
    return rows[i];
  };
  const top = contentTop(header(widestTitle(title), subtitle).bottom);
  const room = layout.bottom - (moreBox(more(items.length)).h + 0.12) - top;
  const { pages, hidden } = paginate(
    items.map((item, i) => ({ i, item })),
    (i) => rowOf(i).h,
    room,
    layout.rowGap,
    maxPages,
  );
  return {
    hidden: hidden.map((h) => h.item),
    pages: pages.map((page, i) => {
      const heading = header(pageTitle(title, i, pages.length), subtitle);
      const frame: Frame = { texts: [...heading.texts], shapes: [] };
      let y = contentTop(heading.bottom);
      for (const { i: k } of page) {
        const r = rowOf(k);
        const drawn = r.at(y);
        frame.texts.push(...drawn.texts);
        frame.shapes.push(...drawn.shapes);
        y += r.h + layout.rowGap;
      }
      return { title: pageTitle(title, i, pages.length), items: page.map((p) => p.item), frame };
    }),
  };
}

function withMore(frame: Frame, more: string | null): Frame {
  return more ? { ...frame, texts: [...frame.texts, moreBox(more)] } : frame;
}

// ---------- bar charts ----------

const barPlot = (top: number) => {
  const { barLabels: bl } = layout;
  const x = layout.x + bl.w + bl.gap;
  // Room on the right for the value at the end of the longest bar.
  return { x, y: top, w: layout.x + layout.w - 0.8 - x, h: layout.bottom - top };
};

/** How many bars a chart under this heading can hold with every category name whole beside its bar. */
function barsThatFit(title: string, subtitle: string, names: readonly string[], most: number): number {
  const plot = barPlot(contentTop(header(widestTitle(title), subtitle).bottom) - 0.1);
  for (let n = Math.min(most, Math.max(1, names.length)); n > 1; n--) {
    const band = Math.min(plot.h / n, layout.barLabels.maxBand);
    if (names.every((name) => fit(name, { ...layout.barLabels, h: band - 0.06 }).fitsRule)) return n;
  }
  return 1;
}

function barFrame(title: string, subtitle: string, names: readonly string[]): Frame {
  const heading = header(title, subtitle);
  const room = barPlot(contentTop(heading.bottom) - 0.1);
  // A few bars are not drawn a slide tall.
  const plot = { ...room, h: Math.min(room.h, Math.max(1, names.length) * layout.barLabels.maxBand) };
  const band = plot.h / Math.max(1, names.length);
  // One size for every name on the chart: the largest at which all of them fit beside their bars.
  const pt = Math.min(...names.map((name) => fit(name, { ...layout.barLabels, h: band - 0.06 }).pt));
  const labels = names.map((name, i) => {
    const box = textBox("category", name, { x: layout.x, y: 0 }, { ...layout.barLabels, pt, minPt: pt, lines: 99 }, "right");
    return { ...box, y: plot.y + band * (i + 0.5) - box.h / 2 };
  });
  const chart: ChartBox = { x: layout.x, y: plot.y, w: layout.w, h: plot.h, plot };
  return { texts: [...heading.texts, ...labels], shapes: [], chart };
}

/** Bar-chart slides, each with as many bars as its category names leave room for, balanced. */
function barPages<T>(title: string, subtitle: string, rows: readonly T[], name: (row: T) => string) {
  const per = barsThatFit(title, subtitle, rows.map(name), limits.barsPerChart);
  const pages = balancedChunks(rows, per);
  return pages.map((page, i) => ({
    title: pageTitle(title, i, pages.length),
    rows: page,
    frame: barFrame(pageTitle(title, i, pages.length), subtitle, page.map(name)),
  }));
}

// ---------- timelines ----------

function timelineGeometry(top: number, count: number) {
  const lineY = top + 1.2;
  const gap = layout.w / Math.max(count, 1);
  const w = Math.min(layout.event.maxW, gap - layout.event.gap);
  const titlesTop = lineY + 0.35;
  return { lineY, gap, w, titlesTop, room: layout.bottom - titlesTop };
}

/** The most events a timeline under this heading can show with every title whole. */
function eventsThatFit(title: string, subtitle: string, titles: readonly string[], most: number): number {
  const top = contentTop(header(widestTitle(title), subtitle).bottom);
  for (let n = Math.min(most, Math.max(1, titles.length)); n > 1; n--) {
    const g = timelineGeometry(top, n);
    if (titles.every((t) => fit(t, { ...layout.event, w: g.w, lines: 99, h: g.room }).fitsRule)) return n;
  }
  return 1;
}

function timelineFrame(title: string, subtitle: string, events: readonly { date: string; title: string }[]): Frame {
  const heading = header(title, subtitle);
  const g = timelineGeometry(contentTop(heading.bottom), events.length);
  // One size for every title on the slide: the largest at which all of them fit.
  const pt = Math.min(...events.map((e) => fit(e.title, { ...layout.event, w: g.w, lines: 99, h: g.room }).pt));
  const datePt = Math.min(...events.map((e) => fit(e.date, { ...layout.event, w: g.w, lines: 1, face: "bold" }).pt));
  const frame: Frame = {
    texts: [...heading.texts],
    shapes: [{ shape: "line", x: layout.x, y: g.lineY, w: layout.w, h: 0 }],
  };
  events.forEach((e, i) => {
    const cx = layout.x + g.gap * (i + 0.5);
    frame.shapes.push({ shape: "dot", x: cx - 0.14, y: g.lineY - 0.14, w: 0.28, h: 0.28 });
    const date = textBox(
      "event-date",
      e.date,
      { x: cx - g.w / 2, y: 0 },
      { w: g.w, pt: datePt, minPt: datePt, lines: 2, face: "bold" },
      "center",
    );
    frame.texts.push({ ...date, y: g.lineY - 0.25 - date.h });
    frame.texts.push(textBox("event", e.title, { x: cx - g.w / 2, y: g.titlesTop }, { w: g.w, pt, minPt: pt, lines: 99 }, "center"));
  });
  return frame;
}

// ---------- the deck ----------

export const limits = {
  /** A theme with more goals than fit on this many slides is summarised after them. */
  goalSlidesPerTheme: 3,
  listSlides: 3,
  barsPerChart: 12,
  eventsPerTimeline: 6,
  /** Goals listed on the "Since the last AGM" slide; the rest are counted. */
  sinceGoals: 6,
} as const;

export function deckSlides(report: AgmReport): Slide[] {
  const slides: Slide[] = [];
  const { cycle, goals } = report;
  const audienceWords = report.audience === "public" ? "Public edition" : "For members";

  slides.push(titleSlide(report, audienceWords));

  if (goals.length === 0) {
    slides.push(
      messageSlide(
        "no-goals",
        "No goals were set in this cycle",
        report.audience === "public"
          ? `No public goals were recorded for the ${cycleWords(cycle.name)}.`
          : `No goals were recorded for the ${cycleWords(cycle.name)}. Goals set at the next workshop will appear here.`,
        `There were no ${report.audience === "public" ? "public " : ""}goals in the ${cycleWords(cycle.name)}, so there is nothing to chart.`,
      ),
    );
  } else {
    slides.push(...goalSlides(report));
  }

  slides.push(...sinceSlides(report));
  slides.push(...optionalSlides(report));
  slides.push(...nextCycleSlides(report));
  slides.push(...thanksSlides(report));
  return slides;
}

function titleSlide(report: AgmReport, audienceWords: string): Slide {
  const { cycle } = report;
  const { deckTitle: dt, deckSubtitle: ds, deckDate: dd } = layout;
  const x = layout.x + 0.2;
  const subtitle = `Annual general meeting · ${cycleWords(cycle.name)}`;
  const date = `${ukDate(cycle.agmDate)} · ${audienceWords}`;
  const title = textBox("deck-title", report.groupName, { x, y: 0 }, { ...dt, face: "bold" });
  // The name sits on the subtitle; a name too long for its two lines pushes the rest down.
  const titleBox = { ...title, y: Math.max(dt.y, dt.y + dt.h - title.h) };
  const sub = textBox("deck-subtitle", subtitle, { x, y: titleBox.y + titleBox.h + 0.25 }, ds);
  const when = textBox("deck-date", date, { x, y: sub.y + sub.h + 0.15 }, dd);
  return {
    kind: "title",
    id: "title",
    title: report.groupName,
    subtitle,
    date,
    notes: `Welcome to the annual general meeting of ${report.groupName}, closing the ${cycleWords(cycle.name)} that opened at the workshop on ${ukDate(cycle.workshopDate)}.`,
    frame: { texts: [titleBox, sub, when], shapes: [] },
  };
}

function messageSlide(id: string, title: string, text: string, notes: string): Slide {
  const heading = header(title);
  const { body } = layout;
  const box = textBox("body", text, { x: body.x, y: body.y }, { ...body, lines: 99 });
  return {
    kind: "message",
    id,
    title,
    text,
    notes,
    frame: {
      texts: [...heading.texts, box],
      shapes: [{ shape: "bar", x: body.x - 0.2, y: body.y, w: 0.12, h: Math.max(body.h, box.h) }],
    },
  };
}

function figuresFrame(title: string, figures: readonly { value: string; words: string }[]): Frame {
  const heading = header(title);
  const { figure: f } = layout;
  const top = heading.bottom + 0.35;
  const frame: Frame = { texts: [...heading.texts], shapes: [] };
  const perRow = 4;
  figures.forEach((fig, i) => {
    const x = layout.x + (i % perRow) * (f.w + f.gap);
    const y = top + Math.floor(i / perRow) * (f.h + f.rowGap);
    frame.shapes.push({ shape: "tile", x, y, w: f.w, h: f.h });
    frame.texts.push(
      textBox(
        "figure-value",
        fig.value,
        { x: x + 0.1, y: y + 0.2 },
        { w: f.w - 0.2, pt: f.valuePt, minPt: f.valueMinPt, lines: 1, face: "bold" },
        "center",
      ),
    );
    frame.texts.push(
      textBox(
        "figure-words",
        fig.words,
        { x: x + 0.1, y: y + 1.15 },
        { w: f.w - 0.2, pt: f.wordsPt, minPt: f.wordsMinPt, lines: 2 },
        "center",
      ),
    );
  });
  return frame;
}

function goalSlides(report: AgmReport): Slide[] {
  const slides: Slide[] = [];
  const { goals, figures, cycle } = report;
  const achieved = goals.filter((g) => g.status === "achieved").length;
  const onTrack = goals.filter((g) => g.status === "on_track").length;
  const attention = goals.filter((g) => g.status === "at_risk" || g.status === "off_track").length;

  const numbers = [
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
  ];
  slides.push({
    kind: "figures",
    id: "numbers",
    title: "The year in numbers",
    figures: numbers,
    notes:
      `In the ${cycleWords(cycle.name)} we set ${plural(goals.length, "goal")}: ${achieved} achieved, ${onTrack} on track and ${attention} at risk or off track. ` +
      `Average progress across the goals that count is ${percent(figures.progress)}. ` +
      `${plural(figures.progressUpdates, "progress update was", "progress updates were")} posted, and ${plural(figures.organisationsInvolved, "organisation")} led or supported goals.`,
    frame: figuresFrame("The year in numbers", numbers),
  });

  // Goals by theme, with status as word and shape.
  const byTheme = new Map<string, AgmGoal[]>();
  for (const g of goals) byTheme.set(g.themeName, [...(byTheme.get(g.themeName) ?? []), g]);
  for (const [theme, list] of [...byTheme.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sorted = [...list].sort(
      (a, b) => statusOrder(a.status) - statusOrder(b.status) || a.title.localeCompare(b.title, "en-GB", { numeric: true }) || a.id - b.id,
    );
    const summary = statusSummary(list);
    const subtitle = `${plural(list.length, "goal")}: ${summary}`;
    const lines = sorted.map((g) => goalLine(g, g.leadName ? `Led by ${g.leadName}` : "No lead organisation"));
    const moreLine = (n: number, hiddenGoals: readonly AgmGoal[]) =>
      `…and ${plural(n, "more goal")} in this theme: ${statusSummary(hiddenGoals)}.`;
    const { pages, hidden } = rowPages(theme, subtitle, lines, goalRow, limits.goalSlidesPerTheme, (n) => moreLine(n, sorted));
    const hiddenGoals = sorted.slice(sorted.length - hidden.length);
    pages.forEach((page, i) => {
      const last = i === pages.length - 1;
      const more = last && hidden.length ? moreLine(hidden.length, hiddenGoals) : null;
      slides.push({
        kind: "goals",
        id: `goals-${slug(theme)}-${i + 1}`,
        title: page.title,
        subtitle,
        goals: page.items,
        more,
        notes: `${theme}: ${plural(list.length, "goal")} — ${summary}.${hidden.length ? ` The slides list ${sorted.length - hidden.length}; the rest are in the dashboard.` : ""}`,
        frame: withMore(page.frame, more),
      });
    });
  }

  // Progress by theme.
  const themeSubtitle = (themes: AgmReport["progressByTheme"]) => {
    const best = [...themes].sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1))[0];
    return best ? `${best.themeName} has come furthest, at ${percent(best.progress)}` : "";
  };
  // One subtitle for every page would hide the leader of later pages; measure with the longest.
  const longestTheme = report.progressByTheme.map((t) => t.themeName).sort((a, b) => b.length - a.length)[0] ?? "";
  const themePages = barPages(
    "Progress by theme",
    themeSubtitle([{ themeName: longestTheme, goals: 0, progress: 1 }]),
    report.progressByTheme,
    (t) => t.themeName,
  );
  themePages.forEach((page, i) => {
    const themes = page.rows;
    const subtitle = themeSubtitle(themes);
    slides.push({
      kind: "chart",
      id: `chart-themes-${i + 1}`,
      title: page.title,
      subtitle,
      chart: {
        type: "bar",
        unit: "percent",
        categories: themes.map((t) => t.themeName),
        series: [{ name: "Progress (%)", values: themes.map((t) => pct(t.progress)) }],
      },
      table: {
        caption: "Average progress of each theme's goals",
        columns: ["Theme", "Goals", "Progress"],
        rows: themes.map((t) => [t.themeName, String(t.goals), percent(t.progress)]),
      },
      notes: `Progress by theme. ${themes.map((t) => `${t.themeName}: ${percent(t.progress)} across ${plural(t.goals, "goal")}`).join("; ")}.`,
      frame: barFrame(
        page.title,
        subtitle,
        themes.map((t) => t.themeName),
      ),
    });
  });

  // Goals by status.
  const counts = goalStatuses.map((s) => ({ s, n: goals.filter((g) => g.status === s).length }));
  const statusSubtitle = `${achieved + onTrack} of ${plural(goals.length, "goal")} achieved or on track`;
  slides.push({
    kind: "chart",
    id: "chart-status",
    title: "Goals by status",
    subtitle: statusSubtitle,
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
    frame: barFrame(
      "Goals by status",
      statusSubtitle,
      counts.map((c) => goalStatusLabels[c.s]),
    ),
  });

  // Progress over time: from the first date any progress was known.
  const line = monthly(report.progressOverTime.slice(report.progressOverTime.findIndex((p) => p.progress !== null)));
  if (report.progressOverTime.some((p) => p.progress !== null)) {
    const first = line[0]!;
    const last = line.at(-1)!;
    const subtitle = `From ${percent(first.progress)} on ${ukDate(first.date)} to ${percent(last.progress)} on ${ukDate(last.date)}`;
    const heading = header("Progress over the year", subtitle);
    const top = contentTop(heading.bottom) - 0.1;
    slides.push({
      kind: "chart",
      id: "chart-over-time",
      title: "Progress over the year",
      subtitle,
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
      frame: { texts: heading.texts, shapes: [], chart: { x: layout.x, y: top, w: layout.w, h: layout.bottom - top } },
    });
  } else {
    slides.push(
      messageSlide(
        "no-progress",
        "Progress over the year",
        "No measure values were recorded in this cycle, so there is no progress line to show.",
        "No measure values were recorded, so progress over time cannot be drawn.",
      ),
    );
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

function timelineSlides(
  id: string,
  title: string,
  subtitle: string,
  events: readonly { date: string; title: string }[],
  notes: (page: number) => string,
): Slide[] {
  const per = eventsThatFit(
    title,
    subtitle,
    events.map((e) => e.title),
    limits.eventsPerTimeline,
  );
  const pages = balancedChunks(events, per);
  return pages.map((page, i) => ({
    kind: "timeline" as const,
    id: `${id}-${i + 1}`,
    title: pageTitle(title, i, pages.length),
    subtitle,
    events: page,
    notes: notes(i),
    frame: timelineFrame(pageTitle(title, i, pages.length), subtitle, page),
  }));
}

function optionalSlides(report: AgmReport): Slide[] {
  const slides: Slide[] = [];
  if (report.roadmap?.length) {
    const items = [...report.roadmap].sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
    slides.push(
      ...listSlides(
        "roadmap",
        "The road map",
        `${plural(items.length, "piece")} of work`,
        items.map((r) => ({ text: `${r.workstream}: ${r.title}`, detail: `${ukDate(r.start)} to ${ukDate(r.end)} · ${r.status}` })),
        ["piece of work", "pieces of work"],
        `The road map has ${plural(items.length, "piece")} of work across ${plural(new Set(items.map((r) => r.workstream)).size, "workstream")}.`,
      ),
    );
  }
  if (report.milestones?.length) {
    const events = [...report.milestones].sort((a, b) => a.date.localeCompare(b.date));
    const dated = events.map((m) => ({ date: formatPreciseDate(m.date, m.datePrecision ?? "day"), title: m.title }));
    const pagesOf = timelineSlides(
      "milestones",
      "The year's milestones",
      `${plural(events.length, "milestone")} this cycle`,
      dated,
      () => "",
    );
    let shown = 0;
    for (const slide of pagesOf) {
      const page = events.slice(shown, shown + (slide as Extract<Slide, { kind: "timeline" }>).events.length);
      shown += page.length;
      slides.push({
        ...slide,
        notes: `Milestones: ${page.map((m) => `${formatPreciseDate(m.date, m.datePrecision ?? "day")}, ${m.title} (${m.kind})`).join("; ")}.`,
      });
    }
  }
  if (report.contributions?.length) {
    const rows = [...report.contributions].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation));
    const total = rows.reduce((n, r) => n + r.count, 0);
    const subtitle = `${plural(total, "contribution")} from ${plural(rows.length, "organisation")}`;
    for (const [i, page] of barPages("Contributions by organisation", subtitle, rows, (r) => r.organisation).entries()) {
      slides.push({
        kind: "chart",
        id: `chart-contributions-${i + 1}`,
        title: page.title,
        subtitle,
        chart: {
          type: "bar",
          unit: "count",
          categories: page.rows.map((r) => r.organisation),
          series: [{ name: "Contributions", values: page.rows.map((r) => r.count) }],
        },
        table: {
          caption: "Contributions recorded by each organisation",
          columns: ["Organisation", "Contributions", "Hours"],
          rows: page.rows.map((r) => [r.organisation, String(r.count), r.hours === null ? "—" : String(r.hours)]),
        },
        notes: `Contributions: ${page.rows.map((r) => `${r.organisation} ${r.count}`).join(", ")}.`,
        frame: page.frame,
      });
    }
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
        ["meeting", "meetings"],
        `We met ${plural(meetings.length, "time")}: ${meetings.map((m) => `${m.title} on ${ukDate(m.date)}, ${attended(m)}`).join("; ")}.`,
      ),
    );
  }
  slides.push(...decisionSlides(report), ...statementSlides(report));
  return slides;
}

/**
 * A long outcome or reply shortened at a word boundary, saying where the rest is, so one row
 * cannot outgrow a slide (a row taller than the slide would be drawn alone and overflow). The
 * speaker notes keep the whole text.
 */
function brief(text: string, most = 220): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= most) return flat;
  const cut = flat.slice(0, most);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), most / 2)).replace(/[\s,.;:]+$/, "")} (in full in the dashboard)`;
}

/** "Decisions taken this year": each closed proposal's outcome, and how many organisations gave a position. */
function decisionSlides(report: AgmReport): Slide[] {
  const decisions = [...(report.decisions ?? [])].sort((a, b) => a.closedAt.localeCompare(b.closedAt));
  if (!decisions.length) return [];
  const counted = (d: (typeof decisions)[number]) =>
    `${plural(d.organisations, "organisation")} gave a position (quorum ${d.quorum}${d.quorumMet ? ", met" : ", not met"})`;
  return listSlides(
    "decisions",
    "Decisions taken this year",
    `${plural(decisions.length, "proposal")} decided between meetings, counted in organisations`,
    decisions.map((d) => ({ text: d.question, detail: `${ukDate(d.closedAt)} · ${counted(d)} · Outcome: ${brief(d.outcome)}` })),
    ["decision", "decisions"],
    `Decisions by proposal: ${decisions.map((d) => `${d.question}, closed ${ukDate(d.closedAt)}; ${counted(d)}; outcome: ${d.outcome}`).join(". ")}.`,
  );
}

/** "Letters and statements, and the replies": each published statement, then each reply it received. */
function statementSlides(report: AgmReport): Slide[] {
  const statements = [...(report.statements ?? [])].sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
  if (!statements.length) return [];
  const replies = statements.reduce((n, st) => n + st.recipients.filter((r) => r.repliedOn).length, 0);
  const sentTo = (names: string[]) => (names.length ? ` · to ${brief(names.join(", "), 160)}` : "");
  const items = statements.flatMap((st) => [
    {
      text: st.title,
      detail: `${st.kind} · published ${ukDate(st.publishedOn)} · ${plural(st.namedSignatories, "named signatory", "named signatories")}${sentTo(st.recipients.map((r) => r.name))}`,
    },
    ...st.recipients
      .filter((r) => r.repliedOn)
      .map((r) => ({
        text: `Reply from ${r.name}`,
        detail: `${ukDate(r.repliedOn!)}${r.replySummary ? ` · ${brief(r.replySummary)}` : ""}`,
      })),
  ]);
  return listSlides(
    "statements",
    "Letters and statements, and the replies",
    `${plural(statements.length, "letter or statement", "letters and statements")} published, ${plural(replies, "reply", "replies")} received`,
    items,
    ["line", "lines"],
    `Published: ${statements
      .map(
        (st) =>
          `${st.title} (${ukDate(st.publishedOn)}, ${plural(st.namedSignatories, "named signatory", "named signatories")}` +
          `${st.recipients.length ? `, sent to ${st.recipients.map((r) => r.name).join(", ")}` : ""})`,
      )
      .join("; ")}.`,
  );
}

/**
 * "Since the last AGM": the goals that moved most, progress then and now (the rest counted in one
 * line), then the milestones dated since, on a timeline. Drawn from the same comparison as the
 * overview's section.
 */
function sinceSlides(report: AgmReport): Slide[] {
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
    const improved = since.goals.filter((g) => (change(g) ?? 0) > 0).length;
    const fell = since.goals.filter((g) => (change(g) ?? 0) < 0).length;
    const summary =
      since.before === null && since.after === null
        ? `No progress was recorded between ${when} and now`
        : since.before === null
          ? `Average progress is ${percent(since.after)}; none was recorded on ${when}`
          : `Average progress ${since.after !== null && since.after > since.before ? "rose" : since.after === since.before ? "held" : "fell"} from ${percent(since.before)} on ${when} to ${percent(since.after)} now`;
    const items = ranked.slice(0, limits.sinceGoals).map((g) => ({
      text: g.isNew ? `${g.title} (new)` : g.title,
      detail: `${g.before === null ? (g.isNew ? "Not yet set" : "Nothing recorded") : percent(g.before)} then · ${percent(g.after)} now${points(change(g))}`,
    }));
    const moreLine = (n: number) =>
      `…and ${plural(n, "more goal")}. In all ${plural(improved, "goal")} moved forward and ${fell ? plural(fell, "goal") : "none"} fell back.`;
    // One slide: as many of the top movers as its space holds.
    const { pages } = rowPages(heading, summary, items, listRow, 1, () => moreLine(ranked.length));
    const page = pages[0]!;
    const shown = ranked.slice(0, page.items.length);
    const hidden = ranked.length - shown.length;
    const more = hidden ? moreLine(hidden) : null;
    slides.push({
      kind: "list",
      id: "since-goals",
      title: heading,
      subtitle: summary,
      items: page.items,
      more,
      notes:
        `${summary}. ${plural(improved, "goal")} moved forward and ${fell ? plural(fell, "goal") : "none"} fell back since ${when}. ` +
        shown.map((g) => `${g.title}: ${percent(g.before)} then, ${percent(g.after)} now`).join("; ") +
        (hidden ? `; and ${plural(hidden, "more goal")}.` : "."),
      frame: withMore(page.frame, more),
    });
  }
  // Since the workshop, the new milestones are the year's milestones: one timeline is enough.
  const key = (m: { date: string; title: string }) => `${m.date} ${m.title}`;
  const yearly = new Set((report.milestones ?? []).map(key));
  const same = since.newMilestones.length === yearly.size && since.newMilestones.every((m) => yearly.has(key(m)));
  if (since.newMilestones.length && !same) {
    const title = `New milestones ${heading.replace(/^Since/, "since")}`;
    const all = since.newMilestones.map((m) => ({ date: formatPreciseDate(m.date, m.datePrecision), title: m.title }));
    // The latest that fit one slide; the subtitle says so when that is not all of them.
    const subtitleFor = (shown: number) =>
      `${plural(since.newMilestones.length, "milestone")} since ${when}${shown < all.length ? `; the latest ${shown} shown` : ""}`;
    const count = eventsThatFit(
      title,
      subtitleFor(0),
      all.slice(-limits.eventsPerTimeline).map((e) => e.title),
      limits.eventsPerTimeline,
    );
    const events = all.slice(-count);
    const subtitle = subtitleFor(events.length);
    slides.push({
      kind: "timeline",
      id: "since-milestones",
      title,
      subtitle,
      events,
      notes: `${plural(since.newMilestones.length, "milestone")} since ${when}: ${since.newMilestones
        .map((m) => `${formatPreciseDate(m.date, m.datePrecision)}, ${m.title}`)
        .join("; ")}.`,
      frame: timelineFrame(title, subtitle, events),
    });
  }
  return slides;
}

function listSlides(
  id: string,
  title: string,
  subtitle: string,
  items: { text: string; detail: string }[],
  noun: [one: string, many: string],
  notes: string,
): Slide[] {
  const moreLine = (n: number) => `…and ${plural(n, `more ${noun[0]}`, `more ${noun[1]}`)}, listed in the dashboard.`;
  const { pages, hidden } = rowPages(title, subtitle, items, listRow, limits.listSlides, moreLine);
  return pages.map((page, i) => {
    const more = i === pages.length - 1 && hidden.length ? moreLine(hidden.length) : null;
    return {
      kind: "list" as const,
      id: `${id}-${i + 1}`,
      title: page.title,
      subtitle,
      items: page.items,
      more,
      notes,
      frame: withMore(page.frame, more),
    };
  });
}

function nextCycleSlides(report: AgmReport): Slide[] {
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
        ["goal", "goals"],
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
        ["goal", "goals"],
        `${plural(list.length, "goal")} are still open and not achieved; we propose carrying them into the next cycle. ${statusSummary(list)}.`,
      ),
    );
  }
  if (!report.carriedForward.length && !report.proposed.length && report.goals.length) {
    slides.push(
      messageSlide(
        "next-cycle",
        "Into the next cycle",
        "Every goal of this cycle was achieved or closed: nothing is carried forward.",
        "No goal is carried forward or proposed for the next cycle.",
      ),
    );
  }
  return slides;
}

// ---------- thanks: every organisation, in full, in balanced columns ----------

interface NamesLayout {
  columns: number;
  pt: number;
  colW: number;
  heights: number[];
  pages: number[][];
}

/**
 * The thank-you slides' layout: the fewest slides, then the largest type, over two or three
 * columns, with every name whole (wrapping to at most two lines). Pages hold as many names as their
 * columns do, then are balanced.
 */
function namesLayout(names: readonly string[], room: number): NamesLayout {
  const { names: n } = layout;
  let best: NamesLayout | null = null;
  for (const columns of [1, 2, 3]) {
    const colW = (layout.w - (columns - 1) * n.columnGap) / columns;
    for (let pt = n.pt; pt >= n.minPt; pt--) {
      const wrapped = names.map((name) => wrap(name, colW, pt));
      if (wrapped.some((w) => w.splitWord || w.lines.length > n.lines)) continue;
      const heights = wrapped.map((w) => linesHeight(w.lines.length, pt));
      // Whether names [a, b) fill at most `columns` columns, filled in order (which is optimal).
      const fits = (a: number, b: number) => {
        let used = 1;
        let h = 0;
        for (let i = a; i < b; i++) {
          const next = h === 0 ? heights[i]! : h + n.gap + heights[i]!;
          if (next <= room + 1e-9) h = next;
          else {
            used++;
            h = heights[i]!;
          }
        }
        return used <= columns;
      };
      const cuts = [0];
      while (cuts.at(-1)! < names.length) {
        const from = cuts.at(-1)!;
        let to = from + 1;
        while (to < names.length && fits(from, to + 1)) to++;
        cuts.push(to);
      }
      const count = cuts.length - 1;
      const per = Math.ceil(names.length / count);
      const balanced = Array.from({ length: count }, (_, i) => [i * per, Math.min(names.length, (i + 1) * per)] as const);
      const bounds = balanced.every(([a, b]) => b > a && fits(a, b)) ? balanced : cuts.slice(1).map((to, i) => [cuts[i]!, to] as const);
      const pages = bounds.map(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
      const better =
        !best ||
        pages.length < best.pages.length ||
        (pages.length === best.pages.length && (pt > best.pt || (pt === best.pt && columns < best.columns)));
      if (better) best = { columns, pt, colW, heights, pages };
      break; // The largest size that fits with these columns; smaller sizes only cost legibility.
    }
  }
  if (best) return best;
  // No layout keeps every name to two lines: three columns at the floor, names taking the lines they need.
  const colW = (layout.w - 2 * n.columnGap) / 3;
  const heights = names.map((name) => linesHeight(wrap(name, colW, n.minPt).lines.length, n.minPt));
  const { pages } = paginate(
    names.map((_, i) => i),
    heights,
    room * 3,
    n.gap,
  );
  return { columns: 3, pt: n.minPt, colW, heights, pages };
}

function thanksSlides(report: AgmReport): Slide[] {
  const names = report.organisations.map((o) => o.name);
  if (names.length === 0) {
    return [messageSlide("thanks-1", "Thank you", "Thank you to everyone who took part this year.", "Thank you all.")];
  }
  const subtitle = `To our ${plural(names.length, "member organisation")}`;
  const top = contentTop(header(widestTitle("Thank you"), subtitle).bottom);
  const plan = namesLayout(names, layout.bottom - top);
  const { names: n } = layout;
  return plan.pages.map((indexes, i) => {
    const title = pageTitle("Thank you", i, plan.pages.length);
    const heading = header(title, subtitle);
    const y0 = contentTop(heading.bottom);
    const frame: Frame = { texts: [...heading.texts], shapes: [] };
    const starts = balanceColumns(
      indexes.map((k) => plan.heights[k]!),
      plan.columns,
      n.gap,
    );
    starts.forEach((start, col) => {
      const end = starts[col + 1] ?? indexes.length;
      let y = y0;
      for (const k of indexes.slice(start, end)) {
        frame.texts.push(
          textBox(
            "name",
            names[k]!,
            { x: layout.x + col * (plan.colW + n.columnGap), y },
            { w: plan.colW, pt: plan.pt, minPt: plan.pt, lines: 99 },
          ),
        );
        y += plan.heights[k]! + n.gap;
      }
    });
    return {
      kind: "names" as const,
      id: `thanks-${i + 1}`,
      title,
      subtitle,
      names: indexes.map((k) => names[k]!),
      notes: `Thank you to our ${plural(names.length, "member organisation")}: ${indexes.map((k) => names[k]!).join(", ")}.`,
      frame,
    };
  });
}

/** The slide titles, in order: the preview on the Exports page. */
export function slideTitles(slides: readonly Slide[]): string[] {
  return slides.map((s) => s.title);
}
