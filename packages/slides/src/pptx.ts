/**
 * The PowerPoint renderer: draws the slide model (model.ts) with pptxgenjs. Charts are native,
 * editable PowerPoint charts with their data in an embedded workbook, not pictures.
 */
import type { AgmReport, GoalStatus } from "@convene/domain";
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import { deckSlides, type Slide } from "./model.ts";
import { colours, font, layout, statusColours } from "./theme.ts";

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
    draw(pptx, slide, model, report);
    slide.addNotes(model.notes);
  }

  const written = (await pptx.write({ outputType: "uint8array", compression: true })) as Uint8Array;
  return normalise(written, report.cycle.agmDate);
}

const text = (pt: number, extra: PptxGenJS.TextPropsOptions = {}): PptxGenJS.TextPropsOptions => ({
  fontFace: font,
  fontSize: pt,
  color: colours.ink,
  margin: 0,
  valign: "middle",
  ...extra,
});

function heading(slide: PptxSlide, title: string, subtitle?: string) {
  const { title: t, subtitle: s } = layout;
  slide.addText(title, { ...text(t.pt, { bold: true, color: colours.dark }), x: t.x, y: t.y, w: t.w, h: t.h, fit: "shrink" });
  if (subtitle) slide.addText(subtitle, { ...text(s.pt, { color: colours.muted }), x: s.x, y: s.y, w: s.w, h: s.h });
}

function draw(pptx: Pptx, slide: PptxSlide, model: Slide, report: AgmReport) {
  switch (model.kind) {
    case "title": {
      const { deckTitle: t, deckSubtitle: s, deckDate: d } = layout;
      slide.background = { color: colours.dark };
      slide.addText(model.title, {
        ...text(t.pt, { bold: true, color: colours.paper, valign: "bottom" }),
        x: t.x,
        y: t.y,
        w: t.w,
        h: t.h,
        fit: "shrink",
      });
      slide.addText(model.subtitle, { ...text(s.pt, { color: colours.paper }), x: s.x, y: s.y, w: s.w, h: s.h });
      slide.addText(model.date, { ...text(d.pt, { color: "d5e3ec" }), x: d.x, y: d.y, w: d.w, h: d.h });
      return;
    }
    case "figures": {
      heading(slide, model.title);
      const { figure: f } = layout;
      const perRow = 4;
      model.figures.forEach((fig, i) => {
        const x = 0.6 + (i % perRow) * (f.w + 0.23);
        const y = 1.6 + Math.floor(i / perRow) * (f.h + 0.35);
        slide.addShape(pptx.ShapeType.rect, { x, y, w: f.w, h: f.h, fill: { color: colours.tint }, line: { color: colours.tint } });
        slide.addText(fig.value, {
          ...text(f.valuePt, { bold: true, color: colours.accent, align: "center" }),
          x,
          y: y + 0.15,
          w: f.w,
          h: 1.0,
          fit: "shrink",
        });
        slide.addText(fig.words, { ...text(f.wordsPt, { align: "center" }), x: x + 0.1, y: y + 1.15, w: f.w - 0.2, h: 0.6 });
      });
      return;
    }
    case "goals": {
      heading(slide, model.title, model.subtitle);
      const { rowsTop, rowHeight, statusShape: sh, statusWord: sw, goalTitle: gt, goalDetail: gd, goalProgress: gp } = layout;
      model.goals.forEach((g, i) => {
        const y = rowsTop + i * rowHeight;
        statusMark(pptx, slide, g.status, sh.x, y + 0.06, sh.size);
        slide.addText(g.statusLabel, { ...text(sw.pt, { bold: true, color: statusColours[g.status] }), x: sw.x, y, w: sw.w, h: 0.4 });
        slide.addText(g.title, { ...text(gt.pt), x: gt.x, y, w: gt.w, h: 0.36 });
        slide.addText(g.detail, { ...text(gd.pt, { color: colours.muted }), x: gd.x, y: y + 0.34, w: gd.w, h: 0.27 });
        slide.addText(g.progress, { ...text(gp.pt, { bold: true, align: "right" }), x: gp.x, y, w: gp.w, h: 0.4 });
      });
      more(slide, model.more);
      return;
    }
    case "list": {
      heading(slide, model.title, model.subtitle);
      const { rowsTop, rowHeight, listText: lt, listDetail: ld } = layout;
      model.items.forEach((item, i) => {
        const y = rowsTop + i * rowHeight;
        slide.addShape(pptx.ShapeType.rect, {
          x: 0.6,
          y: y + 0.08,
          w: 0.12,
          h: 0.5,
          fill: { color: colours.accent },
          line: { color: colours.accent },
        });
        slide.addText(item.text, { ...text(lt.pt), x: lt.x, y, w: lt.w, h: 0.38 });
        slide.addText(item.detail, { ...text(ld.pt, { color: colours.muted }), x: ld.x, y: y + 0.36, w: ld.w, h: 0.27 });
      });
      more(slide, model.more);
      return;
    }
    case "chart": {
      heading(slide, model.title, model.subtitle);
      const { chart: c, chartCategory } = layout;
      const { chart } = model;
      const data = chart.series.map((s) => ({ name: s.name, labels: chart.categories, values: s.values }));
      const common: PptxGenJS.IChartOpts = {
        x: c.x,
        y: c.y,
        w: c.w,
        h: c.h,
        chartColors: [colours.accent],
        catAxisLabelFontFace: font,
        catAxisLabelFontSize: chartCategory.pt,
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
        slide.addChart(pptx.ChartType.bar, data, {
          ...common,
          barDir: "bar",
          // The first category at the top; pptxgenjs supports "maxMin" though its types list only "minMax".
          catAxisOrientation: "maxMin" as "minMax",
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
      return;
    }
    case "timeline": {
      heading(slide, model.title, model.subtitle);
      const { event: e } = layout;
      const lineY = 3.3;
      const n = model.events.length;
      slide.addShape(pptx.ShapeType.line, { x: 0.6, y: lineY, w: 12.1, h: 0, line: { color: colours.accent, width: 3 } });
      const gap = 12.1 / Math.max(n, 1);
      model.events.forEach((ev, i) => {
        const cx = 0.6 + gap * (i + 0.5);
        slide.addShape(pptx.ShapeType.ellipse, {
          x: cx - 0.14,
          y: lineY - 0.14,
          w: 0.28,
          h: 0.28,
          fill: { color: colours.accent },
          line: { color: colours.paper, width: 2 },
        });
        const w = Math.max(e.w, Math.min(3, gap - 0.2));
        slide.addText(ev.date, {
          ...text(e.pt, { bold: true, color: colours.accent, align: "center" }),
          x: cx - w / 2,
          y: 2.5,
          w,
          h: 0.6,
          valign: "bottom",
        });
        slide.addText(ev.title, {
          ...text(e.pt, { align: "center", valign: "top" }),
          x: cx - w / 2,
          y: 3.65,
          w,
          h: 0.3 * (e.lines + 1),
          fit: "shrink",
        });
      });
      return;
    }
    case "names": {
      heading(slide, model.title, model.subtitle);
      const { name, nameRows, rowsTop } = layout;
      model.names.forEach((n, i) => {
        const col = Math.floor(i / nameRows);
        const row = i % nameRows;
        slide.addText(n, { ...text(name.pt), x: 0.6 + col * 6.2, y: rowsTop + row * 0.42, w: name.w, h: 0.4 });
      });
      return;
    }
    case "message": {
      heading(slide, model.title);
      const { body } = layout;
      slide.addShape(pptx.ShapeType.rect, {
        x: body.x - 0.2,
        y: body.y,
        w: 0.12,
        h: body.h,
        fill: { color: colours.accent },
        line: { color: colours.accent },
      });
      slide.addText(model.text, { ...text(body.pt), x: body.x, y: body.y, w: body.w, h: body.h, fit: "shrink" });
      return;
    }
  }
  report satisfies AgmReport;
}

function more(slide: PptxSlide, line: string | null) {
  if (!line) return;
  const { more: m } = layout;
  slide.addText(line, { ...text(m.pt, { italic: true, color: colours.muted }), x: m.x, y: m.y, w: m.w, h: m.h });
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
 * those of each chart's embedded workbook). Rewriting them with the AGM date makes the same
 * report give the same bytes, so a deck can be compared and cached.
 */
async function normalise(bytes: Uint8Array, isoDate: string): Promise<Uint8Array> {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const stamp = `${isoDate}T12:00:00Z`;
  const zip = await JSZip.loadAsync(bytes);
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
  // pptxgenjs numbers charts with a counter shared by every deck the process builds: number
  // this deck's charts from 1 so the part names depend on the deck alone.
  const chartIds = [...new Set(paths.map((p) => p.match(/^ppt\/charts\/chart(\d+)\.xml$/)?.[1]).filter((id): id is string => !!id))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const renumber = new Map(chartIds.map((id, i) => [id, String(i + 1)]));
  const rename = (s: string) =>
    s
      .replace(/chart(\d+)\.xml/g, (m, id: string) => (renumber.has(id) ? `chart${renumber.get(id)}.xml` : m))
      .replace(/Microsoft_Excel_Worksheet(\d+)\.xlsx/g, (m, id: string) =>
        renumber.has(id) ? `Microsoft_Excel_Worksheet${renumber.get(id)}.xlsx` : m,
      );
  const out = new JSZip();
  for (const path of paths.sort((a, b) => rename(a).localeCompare(rename(b)))) {
    const entry = zip.files[path]!;
    if (path.endsWith(".xlsx")) {
      out.file(rename(path), await normalise(await entry.async("uint8array"), isoDate), { date, binary: true, createFolders: false });
    } else if (/\.(xml|rels)$/.test(path)) {
      let xml = rename(await entry.async("string"));
      if (path.endsWith("docProps/core.xml")) {
        xml = xml.replace(
          /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
          (_m, open: string, close: string) => `${open}${stamp}${close}`,
        );
      }
      out.file(rename(path), xml, { date, createFolders: false });
    } else {
      out.file(rename(path), await entry.async("uint8array"), { date, binary: true, createFolders: false });
    }
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
