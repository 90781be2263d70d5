/**
 * The AGM report for one cycle and one audience: the plain data the slide deck is drawn from.
 * Every figure comes from queries run AS the audience (an anonymous viewer for the public deck,
 * a member for the members' deck), so visibility is filtered in SQL and a record the audience may
 * not see is in no list, total, chart series or note. A public report is never a members' report
 * with things taken out.
 */
import { type CycleRecord, type Db, listGoals, listOrganisations } from "@convene/db";
import {
  type AgmAudience,
  type AgmGoal,
  type AgmReport,
  countsTowardsProgress,
  meanProgress,
  type Viewer,
  visibleLevels,
} from "@convene/domain";
import { cycleOverview } from "./overview.ts";

/** Who the report is built as: the audience's least-privileged viewer. */
export function reportViewer(audience: AgmAudience): Viewer {
  return audience === "public" ? "anonymous" : "member";
}

export async function buildAgmReport(db: Db, cycle: CycleRecord, audience: AgmAudience): Promise<AgmReport> {
  const viewer = reportViewer(audience);
  const levels = visibleLevels(viewer);
  // As of the AGM (or today, if the AGM is still to come).
  const asOf = [new Date().toISOString().slice(0, 10), cycle.agmDate].sort()[0]!;
  const [goals, overview, organisations, settings] = await Promise.all([
    listGoals(db, viewer, { cycleId: cycle.id }),
    cycleOverview(db, viewer, cycle, asOf),
    listOrganisations(db),
    db.selectFrom("settings").select(["key", "value"]).where("key", "=", "groupName").executeTakeFirst(),
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
  };
}
