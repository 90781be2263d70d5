/**
 * The PowerPoint renderer: draws the slide model (model.ts) with pptxgenjs. Charts are native,
 * editable PowerPoint charts with their data in an embedded workbook, not pictures.
 */
import type { AgmReport, GoalStatus } from "@convene/domain";
import PptxGenJS from "pptxgenjs";
import type { ChartBox, ShapeBox, TextBox, TextRole } from "./layout.ts";
import { type ChartModel, deckSlides, type Slide } from "./model.ts";
import { lineSpacing } from "./text-fit.ts";
import { colours, font, layout, statusColours } from "./theme.ts";
import { readZip, writeZip } from "./zip.ts";

type Pptx = InstanceType<typeof PptxGenJS>;
type PptxSlide = ReturnType<Pptx["addSlide"]>;

const MASTER = "CONVENE";

/** Builds the AGM deck for a report. The same report always gives the same bytes. */
export async function buildAgmDeck(report: AgmReport): Promise<Uint8Array> {
  return renderDeck(deckSlides(report), report);
}

export async function renderDeck(slides: readonly Slide[], report: AgmReport): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.author = report.groupName;
  pptx.company = report.groupName;
  pptx.title = `${report.groupName}: AGM ${report.cycle.name}`;
  pptx.subject = report.audience === "public" ? "Public edition" : "For members";
  pptx.theme = { headFontFace: font, bodyFontFace: font };
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: colours.paper },
    objects: [{ rect: { x: 0, y: 0, w: layout.slide.w, h: 0.12, fill: { color: colours.accent } } }],
    slideNumber: {
      x: 11.9,
      y: layout.footer.y,
      w: 0.9,
      h: layout.footer.h,
      fontFace: font,
      fontSize: layout.footer.pt,
      color: colours.muted,
      align: "right",
    },
  });

  for (const model of slides) {
    const slide = pptx.addSlide({ masterName: MASTER });
    draw(pptx, slide, model);
    slide.addNotes(model.notes);
  }

  // Uncompressed: normalise() compresses it once, natively.
  const written = (await pptx.write({ outputType: "uint8array", compression: false })) as Uint8Array;
  return normalise(written, report.cycle.agmDate);
}

/** Colour and weight for each kind of text; sizes, lines and places come from the model's frame. */
const roleStyle: Record<TextRole, { color: string }> = {
  "deck-title": { color: colours.paper },
  "deck-subtitle": { color: colours.paper },
  "deck-date": { color: "d5e3ec" },
  title: { color: colours.dark },
  subtitle: { color: colours.muted },
  status: { color: colours.ink },
  goal: { color: colours.ink },
  detail: { color: colours.muted },
  progress: { color: colours.ink },
  item: { color: colours.ink },
  more: { color: colours.muted },
  name: { color: colours.ink },
  "event-date": { color: colours.accent },
  event: { color: colours.ink },
  "figure-value": { color: colours.accent },
  "figure-words": { color: colours.ink },
  category: { color: colours.ink },
  body: { color: colours.ink },
};

function drawText(slide: PptxSlide, box: TextBox) {
  slide.addText(box.text, {
    fontFace: font,
    fontSize: box.pt,
    bold: box.face === "bold",
    italic: box.face === "italic",
    color: box.status ? statusColours[box.status] : roleStyle[box.role].color,
    // Lines exactly as far apart as the model measured them.
    lineSpacing: box.pt * lineSpacing,
    margin: 0,
    align: box.align,
    valign: "top",
    x: box.x,
    y: box.y,
    w: box.w,
    // A hair taller than its lines, so no renderer drops the last one for rounding.
    h: box.h + 0.02,
  });
}

function drawShape(pptx: Pptx, slide: PptxSlide, shape: ShapeBox) {
  const solid = (color: string) => ({ fill: { color }, line: { color } });
  switch (shape.shape) {
    case "status":
      return statusMark(pptx, slide, shape.status, shape.x, shape.y, shape.w);
    case "bar":
      return slide.addShape(pptx.ShapeType.rect, { ...shape, ...solid(colours.accent) });
    case "tile":
      return slide.addShape(pptx.ShapeType.rect, { ...shape, ...solid(colours.tint) });
    case "dot":
      return slide.addShape(pptx.ShapeType.ellipse, {
        ...shape,
        fill: { color: colours.accent },
        line: { color: colours.paper, width: 2 },
      });
    case "line":
      return slide.addShape(pptx.ShapeType.line, { ...shape, line: { color: colours.accent, width: 3 } });
  }
}

function draw(pptx: Pptx, slide: PptxSlide, model: Slide) {
  if (model.kind === "title") slide.background = { color: colours.dark };
  for (const shape of model.frame.shapes) drawShape(pptx, slide, shape);
  for (const box of model.frame.texts) drawText(slide, box);
  if (model.kind === "chart" && model.frame.chart) drawChart(pptx, slide, model.chart, model.frame.chart);
}

function drawChart(pptx: Pptx, slide: PptxSlide, chart: ChartModel, box: ChartBox) {
  const data = chart.series.map((s) => ({ name: s.name, labels: chart.categories, values: s.values }));
  const common: PptxGenJS.IChartOpts = {
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
    chartColors: [colours.accent],
    catAxisLabelFontFace: font,
    catAxisLabelFontSize: 14,
    catAxisLabelColor: colours.ink,
    valAxisLabelFontFace: font,
    valAxisLabelFontSize: 14,
    valAxisLabelColor: colours.ink,
    valGridLine: { color: colours.grid, size: 1 },
    showLegend: false,
    valAxisMinVal: 0,
    ...(chart.unit === "percent" ? { valAxisMaxVal: 100, valAxisLabelFormatCode: '0" %"' } : { valAxisLabelFormatCode: "0" }),
  };
  if (chart.type === "bar") {
    const plot = box.plot ?? box;
    slide.addChart(pptx.ChartType.bar, data, {
      ...common,
      barDir: "bar",
      // The first category at the top; pptxgenjs supports "maxMin" though its types list only "minMax".
      catAxisOrientation: "maxMin" as "minMax",
      // The category names are the model's text boxes beside the plot, wrapped whole; the value
      // axis is left out so the plot is exactly the box the model aligned them with (each bar's
      // value is written at its end).
      catAxisHidden: true,
      valAxisHidden: true,
      layout: { x: (plot.x - box.x) / box.w, y: (plot.y - box.y) / box.h, w: plot.w / box.w, h: plot.h / box.h },
      barGapWidthPct: 60,
      showValue: true,
      dataLabelPosition: "outEnd",
      dataLabelFontFace: font,
      dataLabelFontSize: 14,
      dataLabelColor: colours.ink,
      dataLabelFormatCode: chart.unit === "percent" ? '0" %"' : "0",
    });
  } else {
    const step = Math.max(1, Math.ceil(chart.categories.length / 12));
    slide.addChart(pptx.ChartType.line, data, {
      ...common,
      lineSize: 3,
      lineDataSymbol: chart.categories.length > 20 ? "none" : "circle",
      lineDataSymbolSize: 8,
      catAxisLabelFrequency: String(step),
      catAxisLabelRotate: 0,
    });
  }
}

/** Each status has its own shape as well as its colour and word, so it survives greyscale. */
function statusMark(pptx: Pptx, slide: PptxSlide, status: GoalStatus, x: number, y: number, size: number) {
  const colour = statusColours[status];
  const filled = { fill: { color: colour }, line: { color: colour, width: 1 } };
  const shapes: Record<GoalStatus, [PptxGenJS.SHAPE_NAME, PptxGenJS.ShapeProps]> = {
    not_started: [pptx.ShapeType.ellipse, { fill: { color: colours.paper }, line: { color: colour, width: 2 } }],
    on_track: [pptx.ShapeType.ellipse, filled],
    at_risk: [pptx.ShapeType.triangle, filled],
    off_track: [pptx.ShapeType.mathMultiply, filled],
    achieved: [pptx.ShapeType.star5, filled],
    dropped: [pptx.ShapeType.mathMinus, filled],
  };
  const [shape, props] = shapes[status];
  slide.addShape(shape, { ...props, x, y, w: size, h: size });
}

/**
 * pptxgenjs stamps the time of writing into the document properties and the zip entries (also
 * those of each chart's embedded workbook), and writes its zip uncompressed. Rewriting it with the
 * AGM date, compressed, makes the same report give the same bytes, so a deck can be compared and
 * cached.
 */
function normalise(bytes: Uint8Array, isoDate: string): Uint8Array {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const stamp = `${isoDate}T12:00:00Z`;
  const entries = readZip(bytes);
  // pptxgenjs numbers charts with a counter shared by every deck the process builds: number
  // this deck's charts from 1 so the part names depend on the deck alone.
  const chartIds = [
    ...new Set(entries.map((e) => e.name.match(/^ppt\/charts\/chart(\d+)\.xml$/)?.[1]).filter((id): id is string => !!id)),
  ].sort((a, b) => Number(a) - Number(b));
  const renumber = new Map(chartIds.map((id, i) => [id, String(i + 1)]));
  const rename = (s: string) =>
    s
      .replace(/chart(\d+)\.xml/g, (m, id: string) => (renumber.has(id) ? `chart${renumber.get(id)}.xml` : m))
      .replace(/Microsoft_Excel_Worksheet(\d+)\.xlsx/g, (m, id: string) =>
        renumber.has(id) ? `Microsoft_Excel_Worksheet${renumber.get(id)}.xlsx` : m,
      );
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const out = entries.map(({ name, data }) => {
    if (name.endsWith(".xlsx")) return { name: rename(name), data: normalise(data, isoDate) };
    if (!/\.(xml|rels)$/.test(name)) return { name: rename(name), data };
    let xml = rename(decoder.decode(data));
    if (name.endsWith("docProps/core.xml")) {
      xml = xml.replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
        (_m, open: string, close: string) => `${open}${stamp}${close}`,
      );
    }
    return { name: rename(name), data: encoder.encode(xml) };
  });
  // [Content_Types].xml first, as Office expects; the rest in a fixed order.
  out.sort((a, b) => (a.name === "[Content_Types].xml" ? -1 : b.name === "[Content_Types].xml" ? 1 : a.name < b.name ? -1 : 1));
  return writeZip(out, date);
}
