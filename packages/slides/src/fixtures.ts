/** Report fixtures for the deck's tests and for looking at the deck: small, empty, and very large. */
import { type AgmGoal, type AgmReport, goalStatuses } from "@convene/domain";

const themes = ["National strategy", "Parliament and parties", "Early warning", "Self-care and mutual support"];

export function goalsFixture(n: number, titleOf = (i: number) => `Goal ${i + 1}: brief ministers on atrocity prevention`): AgmGoal[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    title: titleOf(i),
    themeName: themes[i % themes.length]!,
    status: goalStatuses[i % goalStatuses.length]!,
    progress: i % 7 === 0 ? null : ((i * 37) % 101) / 100,
    leadName: i % 5 === 0 ? null : `Organisation ${(i % 19) + 1}`,
  }));
}

export function reportFixture(over: Partial<AgmReport> = {}): AgmReport {
  const goals = over.goals ?? goalsFixture(10);
  return {
    audience: "members",
    groupName: "UK Civil Society Atrocity Prevention Working Group",
    cycle: { id: 1, name: "2026–27", workshopDate: "2026-01-10", agmDate: "2026-12-10" },
    goals,
    figures: { progress: 0.46, progressUpdates: 37, organisationsInvolved: 12 },
    progressByTheme: themes.map((t, i) => ({
      themeName: t,
      goals: goals.filter((g) => g.themeName === t).length,
      progress: 0.2 + i * 0.15,
    })),
    progressOverTime: [
      { date: "2026-01-10", progress: null },
      { date: "2026-02-10", progress: 0.1 },
      { date: "2026-06-10", progress: 0.3 },
      { date: "2026-12-10", progress: 0.46 },
    ],
    carriedForward: goals.slice(0, 2).map((g) => ({ ...g, toCycleName: "2027–28" })),
    proposed: goals.filter((g) => g.status === "at_risk" || g.status === "off_track"),
    organisations: Array.from({ length: 19 }, (_, i) => ({ name: `Member organisation ${i + 1}`, shortName: `M${i + 1}` })),
    ...over,
  };
}

/** "Since the last AGM": `n` goals then and now, and milestones dated since. */
export function sinceFixture(n = 10): NonNullable<AgmReport["since"]> {
  return {
    since: "2025-12-10",
    basis: "previous_agm",
    before: 0.22,
    after: 0.58,
    goals: Array.from({ length: n }, (_, i) => ({
      title: `Goal ${i + 1}: brief ministers on atrocity prevention`,
      before: i % 4 === 0 ? null : (i * 7) / 100,
      after: (i * 9) / 100,
      isNew: i % 4 === 0,
    })),
    newMilestones: [
      { date: "2026-03-01", datePrecision: "month", title: "Open letter to party leaders" },
      { date: "2026-09-01", datePrecision: "season", title: "Parliamentary event on early warning" },
    ],
  };
}

/** The optional sections other work fills: road map, milestones, contributions, meetings. */
export const optionalSectionsFixture: Pick<AgmReport, "roadmap" | "milestones" | "contributions" | "meetings"> = {
  roadmap: [
    { title: "Publish the first annual report", workstream: "Research", start: "2026-02-01", end: "2026-06-30", status: "Done" },
    { title: "Brief the new ministers", workstream: "Government", start: "2026-03-01", end: "2026-09-30", status: "In progress" },
  ],
  milestones: [
    { date: "2026-03-12", datePrecision: "day", title: "Open letter to party leaders", kind: "Open letter" },
    {
      date: "2026-06-01",
      datePrecision: "month",
      title: "Government publishes its multi-departmental approach",
      kind: "Government publication",
    },
    { date: "2026-10-02", title: "Parliamentary event on early warning", kind: "Parliamentary event" },
  ],
  contributions: [
    { organisation: "Protection Approaches", count: 14, hours: 120 },
    { organisation: "Aegis Trust", count: 9, hours: null },
  ],
  meetings: [
    { date: "2026-01-10", title: "Goal-setting workshop", kind: "Workshop", organisationsAttending: 15 },
    { date: "2026-12-10", title: "Annual general meeting", kind: "AGM", organisationsAttending: 17 },
    {
      date: "2026-06-10",
      title: "Ad hoc: responding to an emerging threat",
      kind: "Ad hoc",
      organisationsAttending: 0,
      attendanceRecorded: false,
    },
  ],
};
