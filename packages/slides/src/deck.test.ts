import { describe, expect, it } from "vitest";
import { goalsFixture, optionalSectionsFixture, reportFixture, sinceFixture } from "./fixtures.ts";
import { charsThatFit, deckSlides, fitLine, limits, type Slide } from "./model.ts";
import { buildAgmDeck } from "./pptx.ts";
import { openDeck, texts } from "./read-deck.ts";
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

  it("cuts long titles with an ellipsis to the measured width of their box", () => {
    const long = "Secure a cross-government strategy for atrocity prevention ".repeat(6);
    const slides = deckSlides(reportFixture({ goals: goalsFixture(12, () => long) }));
    const lines = slides.flatMap((s) => (s.kind === "goals" ? s.goals : []));
    expect(lines.length).toBe(12);
    for (const g of lines) {
      expect(g.title.endsWith("…")).toBe(true);
      expect(g.title.length).toBeLessThanOrEqual(charsThatFit(layout.goalTitle.w, layout.goalTitle.pt));
    }
    expect(fitLine("short", 5, 18)).toBe("short");
  });

  it("fits every text of a very large deck in its box", () => {
    const orgs = Array.from({ length: 50 }, (_, i) => ({
      name: `An organisation with a remarkably long registered name, number ${i + 1}`,
      shortName: `O${i}`,
    }));
    const goals = goalsFixture(2000, (i) => `Goal ${i + 1} `.repeat(40));
    const since = { ...sinceFixture(2000), goals: goals.map((g) => ({ title: g.title, before: 0.1, after: g.progress, isNew: false })) };
    const slides = deckSlides(reportFixture({ goals, organisations: orgs, proposed: goals, since, ...optionalSectionsFixture }));
    const within = (t: string, box: { w: number; pt: number }) => expect(t.length).toBeLessThanOrEqual(charsThatFit(box.w, box.pt));
    for (const s of slides) {
      if (s.kind !== "title") within(s.title, layout.title);
      if ("subtitle" in s && s.kind !== "title") within(s.subtitle, layout.subtitle);
      if (s.kind === "goals") {
        expect(s.goals.length).toBeLessThanOrEqual(limits.goalsPerSlide);
        for (const g of s.goals) within(g.title, layout.goalTitle);
        if (s.more) within(s.more, layout.more);
      }
      if (s.kind === "names") {
        expect(s.names.length).toBeLessThanOrEqual(limits.namesPerSlide);
        for (const n of s.names) within(n, layout.name);
      }
      if (s.kind === "list") {
        expect(s.items.length).toBeLessThanOrEqual(limits.listItemsPerSlide);
        for (const it of s.items) within(it.text, layout.listText);
        for (const it of s.items) within(it.detail, layout.listDetail);
        if (s.more) within(s.more, layout.more);
      }
    }
    // 2,000 goals are summarised, not listed on hundreds of slides; 50 organisations take three slides.
    const goalSlides = slides.filter((s) => s.kind === "goals");
    expect(goalSlides.length).toBeLessThanOrEqual(4 * limits.goalSlidesPerTheme);
    expect(goalSlides.filter((s) => (s as Extract<Slide, { kind: "goals" }>).more).length).toBe(4);
    expect(slides.filter((s) => s.kind === "names")).toHaveLength(3);
    expect(slides.length).toBeLessThan(40);
    const names = slides.flatMap((s) => (s.kind === "names" ? s.names : []));
    expect(names).toHaveLength(50);
  });

  it("gives every chart slide speaker notes that state its figures", () => {
    for (const s of deckSlides(reportFixture(optionalSectionsFixture))) {
      expect(s.notes.length).toBeGreaterThan(20);
      if (s.id === "chart-themes-1") expect(s.notes).toContain("National strategy: 20 %");
      if (s.id === "chart-status") expect(s.notes).toMatch(/achieved \d+/);
    }
  });
});

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
