import { describe, expect, it } from "vitest";
import { coalitionFixture, goalsFixture, optionalSectionsFixture, reportFixture, sinceFixture } from "./fixtures.ts";
import { deckSlides, limits, type Slide } from "./model.ts";
import { buildAgmDeck } from "./pptx.ts";
import { openDeck, texts } from "./read-deck.ts";
import { linesFit, linesHeight } from "./text-fit.ts";
import { layout } from "./theme.ts";

describe("the deck's slide model", () => {
  it("has title, numbers, goals by theme, three charts, next cycle and thanks", () => {
    const kinds = deckSlides(reportFixture()).map((s) => s.id);
    expect(kinds[0]).toBe("title");
    expect(kinds[1]).toBe("numbers");
    expect(kinds).toEqual(
      expect.arrayContaining(["chart-themes-1", "chart-status", "chart-over-time", "carried-forward-1", "proposed-1", "thanks-1"]),
    );
    expect(kinds.filter((k) => k.startsWith("goals-"))).toHaveLength(4);
    // No optional section without its data.
    expect(kinds.some((k) => /roadmap|milestones|contributions|meetings/.test(k))).toBe(false);
  });

  it("adds the road map, milestones, contributions and meetings when the report has them", () => {
    const ids = deckSlides(reportFixture(optionalSectionsFixture)).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["roadmap-1", "milestones-1", "chart-contributions-1", "meetings-1"]));
  });

  it("dates milestones only as precisely as they are known, and says when attendance was not recorded", () => {
    const slides = deckSlides(reportFixture(optionalSectionsFixture));
    const timeline = slides.find((s) => s.id === "milestones-1") as Extract<Slide, { kind: "timeline" }>;
    expect(timeline.events.map((e) => e.date)).toEqual(["12 March 2026", "June 2026", "2 October 2026"]);
    const meetings = slides.find((s) => s.id === "meetings-1") as Extract<Slide, { kind: "list" }>;
    expect(meetings.items.map((i) => i.detail)).toContain("10 June 2026 · Ad hoc · attendance not recorded");
    expect(meetings.items.map((i) => i.detail)).toContain("10 January 2026 · Workshop · 15 organisations attended");
  });

  it("adds 'Since the last AGM': the goals that moved most, a line for the rest, and the new milestones", () => {
    const slides = deckSlides(reportFixture({ since: sinceFixture(10) }));
    const ids = slides.map((s) => s.id);
    expect(ids.indexOf("since-goals")).toBeGreaterThan(ids.indexOf("chart-over-time"));
    const list = slides.find((s) => s.id === "since-goals") as Extract<Slide, { kind: "list" }>;
    expect(list.title).toBe("Since the last AGM");
    expect(list.subtitle).toBe("Average progress rose from 22 % on 10 December 2025 to 58 % now");
    expect(list.items).toHaveLength(limits.sinceGoals);
    // Goal 10 moved from 63 % to 81 %: the largest change, listed first.
    expect(list.items[0]).toEqual({ text: "Goal 10: brief ministers on atrocity prevention", detail: "63 % then · 81 % now (+18 points)" });
    expect(list.more).toBe("…and 4 more goals. In all 7 goals moved forward and none fell back.");
    expect(list.notes).toContain("Goal 10: brief ministers on atrocity prevention: 63 % then, 81 % now");
    const timeline = slides.find((s) => s.id === "since-milestones") as Extract<Slide, { kind: "timeline" }>;
    expect(timeline.title).toBe("New milestones since the last AGM");
    expect(timeline.events).toEqual([
      { date: "March 2026", title: "Open letter to party leaders" },
      { date: "Autumn 2026", title: "Parliamentary event on early warning" },
    ]);
    // When the new milestones are exactly the year's milestones, one timeline is enough.
    const milestones = sinceFixture().newMilestones.map((m) => ({ ...m, kind: "Statement" }));
    expect(deckSlides(reportFixture({ since: sinceFixture(), milestones })).some((s) => s.id === "since-milestones")).toBe(false);
    // No comparison, no slide.
    expect(deckSlides(reportFixture()).some((s) => s.id.startsWith("since"))).toBe(false);
  });

  it("says plainly when no goals were set, with no empty charts", () => {
    const slides = deckSlides(reportFixture({ goals: [], carriedForward: [], proposed: [], progressByTheme: [], progressOverTime: [] }));
    expect(slides.map((s) => s.title)).toEqual([
      "UK Civil Society Atrocity Prevention Working Group",
      "No goals were set in this cycle",
      "Thank you",
    ]);
    expect(slides.some((s) => s.kind === "chart")).toBe(false);
  });

  it("keeps long goal titles whole, wrapped and stepped down, and moves what does not fit to the next slide", () => {
    const long = "Secure a cross-government strategy for atrocity prevention ".repeat(5).trim();
    const slides = deckSlides(reportFixture({ goals: goalsFixture(24, () => long) }));
    const goalSlides = slides.filter((s) => s.kind === "goals");
    const lines = goalSlides.flatMap((s) => s.goals);
    expect(lines).toHaveLength(24);
    for (const g of lines) expect(g.title).toBe(long);
    const boxes = goalSlides.flatMap((s) => s.frame.texts.filter((t) => t.role === "goal"));
    expect(boxes).toHaveLength(24);
    for (const b of boxes) {
      expect(b.text).toBe(long);
      expect(b.lines.length).toBeGreaterThan(1);
      expect(b.pt).toBeGreaterThanOrEqual(layout.goalTitle.minPt);
    }
    expect(goalSlides.length).toBeGreaterThan(4);
    expectFramesFit(slides);
  });

  it("fits every text of a very large deck in its box", () => {
    const orgs = Array.from({ length: 50 }, (_, i) => ({
      name: `An organisation with a remarkably long registered name, number ${i + 1}`,
      shortName: `O${i}`,
    }));
    const goals = goalsFixture(2000, (i) => `Goal ${i + 1} `.repeat(40));
    const since = { ...sinceFixture(2000), goals: goals.map((g) => ({ title: g.title, before: 0.1, after: g.progress, isNew: false })) };
    const slides = deckSlides(reportFixture({ goals, organisations: orgs, proposed: goals, since, ...optionalSectionsFixture }));
    expectFramesFit(slides);
    // 2,000 goals are summarised, not listed on hundreds of slides.
    const goalSlides = slides.filter((s) => s.kind === "goals");
    expect(goalSlides.length).toBeLessThanOrEqual(4 * limits.goalSlidesPerTheme);
    expect(goalSlides.filter((s) => s.more)).toHaveLength(4);
    expect(slides.length).toBeLessThan(40);
    expect(slides.flatMap((s) => (s.kind === "names" ? s.names : []))).toEqual(orgs.map((o) => o.name));
  });

  it("gives every chart slide speaker notes that state its figures", () => {
    const slides = deckSlides(reportFixture(optionalSectionsFixture));
    for (const s of slides) expect(s.notes.length).toBeGreaterThan(20);
    const notes = (id: string) => {
      const slide = slides.find((s) => s.id === id);
      expect(slide, id).toBeDefined();
      return slide!.notes;
    };
    expect(notes("chart-themes-1")).toContain("National strategy: 20 %");
    expect(notes("chart-status")).toMatch(/achieved \d+/);
  });
});

describe("the deck of a 50-organisation, 200-goal coalition with real-length names", () => {
  const report = coalitionFixture();
  const slides = deckSlides(report);
  const texts = slides.flatMap((s) => s.frame.texts);

  it("cuts no text: no slide text ends in an ellipsis, and every box holds its whole text", () => {
    expect(texts.length).toBeGreaterThan(300);
    for (const t of texts) {
      expect(t.text, t.text).not.toMatch(/(…|\.\.\.)$/);
      for (const line of t.lines) expect(line, t.text).not.toMatch(/(…|\.\.\.)$/);
    }
    expectFramesFit(slides);
  });

  it("names every organisation in full, once, on the thank-you slides, in balanced columns", () => {
    const thanks = slides.filter((s) => s.kind === "names");
    expect(thanks.length).toBeGreaterThan(1);
    expect(thanks.flatMap((s) => s.names)).toEqual(report.organisations.map((o) => o.name));
    const named = thanks.flatMap((s) => s.frame.texts.filter((t) => t.role === "name").map((t) => t.text));
    expect(named).toEqual(report.organisations.map((o) => o.name));
    expect(named).toContain("Commission for International Justice and Accountability");
    expect(named).toContain("Uyghur Human Rights and Democracy Advocacy Network");
    // Pages hold about as many names each, and the columns of a page end near the same height.
    const sizes = thanks.map((s) => s.names.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const s of thanks) {
      const names = s.frame.texts.filter((t) => t.role === "name");
      const columns = [...new Set(names.map((t) => t.x))];
      expect(columns.length).toBeGreaterThan(1);
      const bottoms = columns.map((x) => Math.max(...names.filter((t) => t.x === x).map((t) => t.y + t.h)));
      const tallest = Math.max(...names.map((t) => t.h)) + layout.names.gap;
      expect(Math.max(...bottoms) - Math.min(...bottoms)).toBeLessThanOrEqual(tallest + 1e-9);
    }
  });

  it("keeps a long theme name's '(1 of 3)' with it, on one line", () => {
    const theme = "Atrocity prevention in UK foreign, development and defence policy and programming";
    const pages = slides.filter((s) => s.kind === "goals" && s.title.startsWith(theme));
    expect(pages.map((s) => s.title)).toEqual([1, 2, 3].map((i) => `${theme} (${i}\u00a0of\u00a03)`));
    for (const [i, s] of pages.entries()) {
      const title = s.frame.texts.find((t) => t.role === "title")!;
      expect(title.text).toBe(s.title);
      expect(title.lines.length).toBe(2);
      expect(title.lines.at(-1)).toMatch(new RegExp(`\\(${i + 1}\u00a0of\u00a03\\)$`));
    }
  });

  it("paginates by measured space: a slide of one-line goals holds more than a slide of two-line ones", () => {
    const count = (theme: string) => slides.find((s) => s.id === `goals-${theme}-1`);
    const short = count("parliament-and-parties");
    const long = count("national-strategy");
    expect(short?.kind).toBe("goals");
    expect(long?.kind).toBe("goals");
    const rows = (s: Slide | undefined) => (s?.kind === "goals" ? s.goals.length : 0);
    expect(rows(short)).toBeGreaterThan(rows(long));
  });
});

/**
 * Every text box of every slide: on the slide and above the footer, its lines (measured with the
 * font's widths) within its width, its height that of its lines, its size at or above the floor,
 * its lines together exactly its text, and overlapping no other box or chart plot.
 */
function expectFramesFit(slides: readonly Slide[]) {
  for (const s of slides) {
    const boxes = s.frame.texts;
    for (const t of boxes) {
      const where = `${s.id}: ${t.text}`;
      expect(t.x, where).toBeGreaterThanOrEqual(0);
      expect(t.x + t.w, where).toBeLessThanOrEqual(layout.slide.w);
      expect(t.y, where).toBeGreaterThanOrEqual(0.12);
      expect(t.y + t.h, where).toBeLessThanOrEqual(layout.bottom + 1e-9);
      expect(t.pt, where).toBeGreaterThanOrEqual(11);
      expect(t.h, where).toBeCloseTo(linesHeight(t.lines.length, t.pt), 9);
      expect(linesFit(t, t.w, t.face), where).toBe(true);
      expect(t.lines.join("").replace(/\s/g, ""), where).toBe(t.text.replace(/\s/g, ""));
    }
    const rects = [...boxes, ...(s.frame.chart?.plot ? [{ ...s.frame.chart.plot, text: "the chart's plot" }] : [])];
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        const apart = a.x + a.w <= b.x + 1e-9 || b.x + b.w <= a.x + 1e-9 || a.y + a.h <= b.y + 1e-9 || b.y + b.h <= a.y + 1e-9;
        expect(apart, `${s.id}: "${a.text}" overlaps "${b.text}"`).toBe(true);
      }
    }
  }
}

describe("the PowerPoint file", () => {
  it("has one slide per model slide, titled as the model says, with notes", async () => {
    const report = reportFixture(optionalSectionsFixture);
    const model = deckSlides(report);
    const deck = await openDeck(await buildAgmDeck(report));
    expect(deck.slides).toHaveLength(model.length);
    for (const [i, s] of model.entries()) expect(texts(deck.slides[i]!)).toContain(s.title.replace(/'/g, "&apos;"));
    const notes = deck.names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n));
    expect(notes).toHaveLength(model.length);
  });

  it("draws charts as native chart parts with the model's values", async () => {
    const report = reportFixture();
    const deck = await openDeck(await buildAgmDeck(report));
    expect(deck.charts).toHaveLength(3);
    const values = deck.charts.map((xml) =>
      [...xml.matchAll(/<c:val>.*?<\/c:val>/gs)].flatMap((v) => [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]))),
    );
    expect(values).toContainEqual([20, 35, 50, 65]);
    expect(values).toContainEqual([10, 30, 46]);
    expect(deck.names.some((n) => n.startsWith("ppt/embeddings/"))).toBe(true);
  });

  it("is the same bytes for the same report", async () => {
    const report = reportFixture(optionalSectionsFixture);
    expect(Buffer.from(await buildAgmDeck(report)).equals(Buffer.from(await buildAgmDeck(report)))).toBe(true);
  });
});

describe("decisions and letters slides", () => {
  const decisions = Array.from({ length: 9 }, (_, i) => ({
    closedAt: `2026-0${(i % 9) + 1}-15`,
    question: `Proposal ${i + 1}: shall the group write to the Foreign Secretary about early warning in the region?`,
    outcome: i === 0 ? "Agreed, with a long reasoning. ".repeat(40) : "Agreed: we write this month",
    organisations: 10 + i,
    quorum: 10,
    quorumMet: true,
  }));
  const statements = Array.from({ length: 4 }, (_, i) => ({
    publishedOn: `2026-1${i % 2}-0${i + 1}`,
    title: `Open letter ${i + 1} to every party leader before the election`,
    kind: "Open letter",
    namedSignatories: 12 + i,
    recipients: [
      {
        name: "The Prime Minister",
        repliedOn: "2026-11-20",
        replySummary: "Committed to a cross-government approach to atrocity prevention.",
      },
      { name: "The Leader of the Opposition", repliedOn: null, replySummary: "" },
    ],
  }));
  const slides = deckSlides(reportFixture({ decisions, statements }));

  it("adds 'Decisions taken this year', counted in organisations, paginated by measured space", () => {
    const pages = slides.filter((s) => s.id.startsWith("decisions-")) as Extract<Slide, { kind: "list" }>[];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.title).toMatch(/^Decisions taken this year/);
    const items = pages.flatMap((p) => p.items);
    expect(items).toHaveLength(9);
    expect(items[1]!.detail).toBe(
      "15 February 2026 · 11 organisations gave a position (quorum 10, met) · Outcome: Agreed: we write this month",
    );
    // A very long outcome is shortened on the slide, saying so, and kept whole in the notes.
    expect(items[0]!.detail).toMatch(/\(in full in the dashboard\)$/);
    expect(pages[0]!.notes).toContain("Agreed, with a long reasoning. ".repeat(40).trim());
    expectFramesFit(pages);
  });

  it("adds 'Letters and statements, and the replies' with named signatories, recipients and reply summaries", () => {
    const pages = slides.filter((s) => s.id.startsWith("statements-")) as Extract<Slide, { kind: "list" }>[];
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[0]!.title).toMatch(/^Letters and statements, and the replies/);
    expect(pages[0]!.subtitle).toBe("4 letters and statements published, 4 replies received");
    const items = pages.flatMap((p) => p.items);
    expect(items[0]!.detail).toBe(
      "Open letter · published 1 October 2026 · 12 named signatories · to The Prime Minister, The Leader of the Opposition",
    );
    expect(items[1]).toEqual({
      text: "Reply from The Prime Minister",
      detail: "20 November 2026 · Committed to a cross-government approach to atrocity prevention.",
    });
    expectFramesFit(pages);
  });

  it("has neither slide without the data", () => {
    expect(deckSlides(reportFixture()).some((s) => /^(decisions|statements)-/.test(s.id))).toBe(false);
  });
});
