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

/**
 * Organisations named as long as real members' names are, for the large coalition below. The
 * first two are the issue's own examples; the rest are made up in the same style.
 */
export const longOrganisationNames = [
  "Commission for International Justice and Accountability",
  "Uyghur Human Rights and Democracy Advocacy Network",
  "Protection Approaches",
  "Aegis Trust",
  "Minority Rights Group International",
  "Women's International League for Peace and Freedom (UK Section)",
  "International Bar Association's Human Rights Institute",
  "Global Centre for the Responsibility to Protect",
  "Asia Pacific Centre for the Responsibility to Protect",
  "Sudan and South Sudan Forum for Justice and Reconciliation",
  "Coalition for Genocide Response",
  "Holocaust Memorial Day Trust",
  "Remembering Srebrenica",
  "eyeWitness to Atrocities",
  "Christian Solidarity Worldwide",
  "Humanitarian Aid Relief Trust",
  "Burma Campaign UK",
  "Rohingya Human Rights Network for Justice and Accountability",
  "Syria Justice and Accountability Centre",
  "Yazidi Justice Committee for Survivors of Genocide",
  "Ceasefire Centre for Civilian Rights",
  "Centre for Information Resilience",
  "Institute for War and Peace Reporting",
  "Freedom from Torture",
  "Quaker Peace and Social Witness",
  "Peace Direct",
  "Saferworld",
  "Conciliation Resources",
  "Waging Peace",
  "Rights for Peace",
  "Jo Cox Foundation",
  "The Sentinel Project for Genocide Prevention",
  "Auschwitz Institute for the Prevention of Genocide and Mass Atrocities",
  "Early Warning Project at the United States Holocaust Memorial Museum",
  "Centre for the Study of Genocide and Mass Violence, University of Sheffield",
  "All-Party Parliamentary Group for the Prevention of Genocide and Crimes Against Humanity",
  "Guernica 37 International Justice Chambers",
  "Global Justice Centre for Survivors of Sexual Violence in Conflict",
  "Physicians for Human Rights UK",
  "Doctors of the World UK",
  "Survivors Speak Out Network",
  "Mukwege Foundation for Survivors of Conflict-Related Sexual Violence",
  "Open Society Justice Initiative",
  "Hong Kong Watch",
  "Tibet Society of the United Kingdom",
  "Kurdistan Regional Human Rights Observatory",
  "Darfur Women's Action Group for Peace and Justice",
  "West Papua Advocacy Team for Self-Determination and Human Rights",
  "Association of Genocide Survivors' Descendants in the United Kingdom",
  "Tigray Human Rights Documentation and Advocacy Centre",
] as const;

const coalitionThemes = [
  "National strategy",
  "Parliament and parties",
  "Early warning",
  "Self-care and mutual support",
  "Atrocity prevention in UK foreign, development and defence policy and programming",
  "Accountability, justice and reparations for survivors of atrocity crimes",
  "Public awareness",
  "Sanctions",
];

const goalWords = [
  "Secure a cross-government strategy for atrocity prevention with a named minister accountable to Parliament",
  "Brief the new ministers",
  "Publish the annual atrocity risk assessment for the countries of concern and brief officials on its findings",
  "Hold a parliamentary event on early warning",
  "Win commitments from every major party to an atrocity prevention lead in their manifesto before the next general election",
  "Train staff of member organisations in the self-care and mutual-support guide",
  "Press for Magnitsky-style sanctions against those responsible for atrocities against the Uyghur people",
  "Open letter",
];

/**
 * A coalition as large as the check: 50 organisations with real-length names, 200 goals in
 * eight themes (two of them with long names), a year of weekly progress, and every optional section.
 */
export function coalitionFixture(): AgmReport {
  const organisations = longOrganisationNames.map((name, i) => ({ name, shortName: `O${i + 1}` }));
  const goals: AgmGoal[] = Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    title: `${goalWords[i % goalWords.length]!} (${i + 1})`,
    themeName: coalitionThemes[i % coalitionThemes.length]!,
    status: goalStatuses[(i * 5) % goalStatuses.length]!,
    progress: i % 9 === 0 ? null : ((i * 37) % 101) / 100,
    leadName: i % 6 === 0 ? null : organisations[(i * 7) % organisations.length]!.name,
  }));
  const weeks = Array.from({ length: 48 }, (_, i) => {
    const d = new Date(Date.UTC(2026, 0, 10 + i * 7));
    return { date: d.toISOString().slice(0, 10), progress: i === 0 ? null : Math.min(1, 0.05 + i * 0.01) };
  });
  const base = reportFixture({ goals });
  return {
    ...base,
    groupName: "UK Civil Society Working Group on the Prevention of Genocide, Crimes Against Humanity and Other Mass Atrocities",
    figures: { progress: 0.47, progressUpdates: 1_480, organisationsInvolved: 50 },
    progressByTheme: coalitionThemes.map((t, i) => ({
      themeName: t,
      goals: goals.filter((g) => g.themeName === t).length,
      progress: 0.1 + i * 0.1,
    })),
    progressOverTime: weeks,
    carriedForward: goals.slice(0, 30).map((g) => ({ ...g, toCycleName: "2027–28" })),
    proposed: goals.slice(30).filter((g) => g.status !== "achieved" && g.status !== "dropped"),
    organisations,
    roadmap: Array.from({ length: 24 }, (_, i) => ({
      title: goalWords[(i + 3) % goalWords.length]!,
      workstream: coalitionThemes[i % coalitionThemes.length]!,
      start: `2026-${String((i % 12) + 1).padStart(2, "0")}-01`,
      end: "2026-12-31",
      status: i % 3 === 0 ? "Done" : "In progress",
    })),
    milestones: Array.from({ length: 14 }, (_, i) => ({
      date: `2026-${String((i % 12) + 1).padStart(2, "0")}-${String(1 + i).padStart(2, "0")}`,
      datePrecision: i % 4 === 1 ? ("month" as const) : ("day" as const),
      title: i % 2 ? "The Foreign, Commonwealth and Development Office publishes its atrocity prevention toolkit" : `Open letter ${i + 1}`,
      kind: "Statement",
    })),
    contributions: organisations.map((o, i) => ({ organisation: o.name, count: 60 - i, hours: i % 3 ? (60 - i) * 4 : null })),
    meetings: Array.from({ length: 16 }, (_, i) => ({
      date: `2026-${String((i % 12) + 1).padStart(2, "0")}-15`,
      title: i % 2 ? "Ad hoc: responding to an emerging threat of mass atrocities in the Sahel region" : `Monthly meeting ${i + 1}`,
      kind: i % 2 ? "Ad hoc" : "Regular",
      organisationsAttending: 20 + i,
    })),
    since: {
      ...sinceFixture(),
      goals: goals.map((g, i) => ({ title: g.title, before: i % 4 ? 0.1 : null, after: g.progress, isNew: i % 4 === 0 })),
      newMilestones: Array.from({ length: 9 }, (_, i) => ({
        date: `2026-0${i + 1}-03`,
        datePrecision: "day" as const,
        title: i % 2 ? "Government responds to the open letter on atrocity prevention" : `Statement ${i + 1}`,
      })),
    },
  };
}
