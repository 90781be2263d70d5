/**
 * The AGM report for one cycle and one audience: the plain data the slide deck is drawn from.
 * Every figure comes from queries run AS the audience (an anonymous viewer for the public deck,
 * a member for the members' deck), so visibility is filtered in SQL and a record the audience may
 * not see is in no list, total, chart series or note. A public report is never a members' report
 * with things taken out.
 */
import {
  type CycleRecord,
  type Db,
  listContributions,
  listCycles,
  listGoals,
  listMeetings,
  listMilestones,
  listOrganisations,
  listRoadmapItems,
} from "@convene/db";
import {
  type AgmAudience,
  type AgmGoal,
  type AgmReport,
  countsTowardsProgress,
  meanProgress,
  meetingKindLabels,
  milestoneKindLabels,
  roadmapStatusLabels,
  type Viewer,
  visibleLevels,
} from "@convene/domain";
import { comparisonForReport, defaultSince, loadComparison } from "./compare.ts";
import { decisionsTaken, lettersAndReplies } from "./decisions-and-letters.ts";
import { cycleOverview } from "./overview.ts";

/** Who the report is built as: the audience's least-privileged viewer. */
export function reportViewer(audience: AgmAudience): Viewer {
  return audience === "public" ? "anonymous" : "member";
}

/**
 * The sections drawn from the road map, milestones and meetings, each queried as the report's
 * viewer: road map items overlapping the cycle, milestones dated from its workshop to its AGM, and
 * the cycle's meetings with how many organisations attended, and contributions dated within the
 * cycle counted by organisation (hours summed where given).
 */
async function cycleSections(db: Db, viewer: Viewer, cycle: CycleRecord) {
  const span = { from: cycle.workshopDate, to: cycle.agmDate };
  const [roadmap, milestones, meetings, contributions, decisions, statements] = await Promise.all([
    listRoadmapItems(db, viewer, span),
    listMilestones(db, viewer, span),
    listMeetings(db, viewer, { cycleId: cycle.id }),
    listContributions(db, viewer, span),
    decisionsTaken(db, viewer, span),
    lettersAndReplies(db, viewer, span),
  ]);
  const byOrganisation = new Map<string, { organisation: string; count: number; hours: number | null }>();
  for (const c of contributions) {
    const entry = byOrganisation.get(c.organisationName) ?? { organisation: c.organisationName, count: 0, hours: null };
    entry.count += 1;
    if (c.hours !== null) entry.hours = (entry.hours ?? 0) + c.hours;
    byOrganisation.set(c.organisationName, entry);
  }
  return {
    roadmap: roadmap.map((r) => ({
      title: r.title,
      workstream: r.workstream,
      start: r.startDate,
      end: r.endDate,
      status: roadmapStatusLabels[r.status],
    })),
    milestones: milestones.map((m) => ({
      date: m.date,
      datePrecision: m.datePrecision,
      title: m.title,
      kind: milestoneKindLabels[m.kind],
    })),
    meetings: meetings.map((m) => ({
      date: m.startsAt.slice(0, 10),
      title: m.title,
      kind: meetingKindLabels[m.kind],
      organisationsAttending: m.attendedCount,
      attendanceRecorded: m.attendedCount > 0,
    })),
    decisions: decisions.map((d) => ({
      closedAt: d.closedAt.slice(0, 10),
      question: d.question,
      outcome: d.outcome,
      organisations: d.organisations,
      quorum: d.quorum,
      quorumMet: d.quorumMet,
    })),
    // Named signatories only, for every audience: an organisation that signed unnamed is in no deck.
    statements: statements.map((st) => ({
      publishedOn: st.publishedOn,
      title: st.title,
      kind: milestoneKindLabels[st.kind],
      namedSignatories: st.signatories.length,
      recipients: st.recipients.map((r) => ({ name: r.name, repliedOn: r.repliedOn, replySummary: r.replySummary })),
    })),
    contributions: [...byOrganisation.values()].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation)),
  };
}

export async function buildAgmReport(db: Db, cycle: CycleRecord, audience: AgmAudience): Promise<AgmReport> {
  const viewer = reportViewer(audience);
  const levels = visibleLevels(viewer);
  // As of the AGM (or today, if the AGM is still to come).
  const asOf = [new Date().toISOString().slice(0, 10), cycle.agmDate].sort()[0]!;
  const fallback = defaultSince(cycle, await listCycles(db));
  const [goals, overview, organisations, settings, sections, comparison] = await Promise.all([
    listGoals(db, viewer, { cycleId: cycle.id }),
    cycleOverview(db, viewer, cycle, asOf),
    listOrganisations(db),
    db.selectFrom("settings").select(["key", "value"]).where("key", "=", "groupName").executeTakeFirst(),
    cycleSections(db, viewer, cycle),
    // The same comparison the overview's "Since the last AGM" shows, as the report's viewer.
    fallback.date < asOf ? loadComparison(db, viewer, cycle, fallback.date, asOf) : Promise.resolve(null),
  ]);
  const ids = goals.map((g) => g.id);

  const [updates, copies] = await Promise.all([
    db
      .selectFrom("progressUpdates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("goalId", "in", ids.length ? ids : [-1])
      .where("deletedAt", "is", null)
      .where("visibility", "in", levels)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("goals as g")
      .innerJoin("cycles as c", "c.id", "g.cycleId")
      .select(["g.copiedFromGoalId", "c.name as cycleName"])
      .where("g.copiedFromGoalId", "in", ids.length ? ids : [-1])
      .where("g.cycleId", "!=", cycle.id)
      .where("g.deletedAt", "is", null)
      .where("g.visibility", "in", levels)
      .orderBy("c.workshopDate")
      .orderBy("g.id")
      .execute(),
  ]);

  const toGoal = (g: (typeof goals)[number]): AgmGoal => ({
    id: g.id,
    title: g.title,
    themeName: g.themeName ?? "No theme",
    status: g.status,
    progress: g.progress,
    leadName: g.leadName,
  });
  const sorted = [...goals].sort(
    (a, b) => (a.themeName ?? "No theme").localeCompare(b.themeName ?? "No theme") || a.title.localeCompare(b.title) || a.id - b.id,
  );
  const copiedTo = new Map<number, string>();
  for (const c of copies)
    if (c.copiedFromGoalId !== null && !copiedTo.has(c.copiedFromGoalId)) copiedTo.set(c.copiedFromGoalId, c.cycleName);

  const involved = new Set<number>();
  for (const g of goals) {
    if (g.leadOrganisationId !== null) involved.add(g.leadOrganisationId);
    for (const o of g.supportingOrganisationIds) involved.add(o);
  }

  return {
    audience,
    groupName: settings?.value ?? "Convene",
    cycle: { id: cycle.id, name: cycle.name, workshopDate: cycle.workshopDate, agmDate: cycle.agmDate },
    goals: sorted.map(toGoal),
    figures: {
      progress: meanProgress(goals.filter((g) => countsTowardsProgress(g.status)).map((g) => g.progress)),
      progressUpdates: Number(updates.n),
      organisationsInvolved: involved.size,
    },
    progressByTheme: overview.progressByTheme.map((t) => ({ themeName: t.themeName, goals: t.goals, progress: t.progress })),
    progressOverTime: overview.progressOverTime,
    carriedForward: sorted.filter((g) => copiedTo.has(g.id)).map((g) => ({ ...toGoal(g), toCycleName: copiedTo.get(g.id)! })),
    proposed: sorted.filter((g) => !copiedTo.has(g.id) && g.status !== "achieved" && g.status !== "dropped").map(toGoal),
    organisations: organisations
      .filter((o) => o.leftOn === null || o.leftOn > cycle.workshopDate)
      .map((o) => ({ name: o.name, shortName: o.shortName }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" })),
    ...sections,
    ...(comparison ? { since: comparisonForReport(comparison, fallback.basis) } : {}),
  };
}
