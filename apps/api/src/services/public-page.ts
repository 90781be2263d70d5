/**
 * The public progress page: off until the convenor turns it on (setting `publicPage`), and
 * built only from what the anonymous viewer may see, so nothing non-public can reach it.
 */
import { type Actor, currentCycle, type Db, listGoals, listMilestones, settingIsOn, switchSetting } from "@convene/db";
import { formatPreciseDate, meanProgress, progressBasis, progressNote } from "@convene/domain";
import { decisionsTaken, lettersAndReplies } from "./decisions-and-letters.ts";

export const PUBLIC_PAGE_SETTING = "publicPage";

export const publicPageEnabled = (db: Db) => settingIsOn(db, PUBLIC_PAGE_SETTING);

/** Turns the public page on or off, in the transaction it is handed. */
export const setPublicPage = (trx: Db, actor: Actor, enabled: boolean) =>
  switchSetting(trx, actor, PUBLIC_PAGE_SETTING, "publicPage", enabled);

export async function publicPage(db: Db) {
  const viewer = "anonymous" as const;
  const [settings, cycle] = await Promise.all([
    db.selectFrom("settings").selectAll().where("key", "in", ["groupName", "groupShortName"]).execute(),
    currentCycle(db),
  ]);
  const group = Object.fromEntries(settings.map((s) => [s.key, s.value]));
  const goals = cycle ? await listGoals(db, viewer, { cycleId: cycle.id }) : [];
  return {
    group: { name: group.groupName ?? "Convene", shortName: group.groupShortName ?? null },
    cycle: cycle ? { name: cycle.name, workshopDate: cycle.workshopDate, agmDate: cycle.agmDate } : null,
    progress: meanProgress(goals.filter((g) => g.status !== "dropped").map((g) => g.progress)),
    /** Progress here is computed from the public updates only (issue 9.7), and the page says so. */
    progressBasis: progressBasis(viewer),
    goals: goals.map((g) => ({
      id: g.id,
      title: g.title,
      description: g.description,
      themeName: g.themeName,
      leadName: g.leadName,
      status: g.status,
      progress: g.progress,
      /** Set when the goal is marked achieved but its public updates fall short of 100 %. */
      progressNote: progressNote(g.status, g.progress, viewer),
      dueDate: g.dueDate,
      measures: g.measures.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        unit: m.unit,
        baseline: m.baseline,
        target: m.target,
        current: m.current,
        progress: m.progress,
      })),
    })),
    milestones: await publicMilestones(db),
    /** Closed public proposals with their outcome, and published public statements with their named signatories only. */
    decisions: await decisionsTaken(db, viewer),
    statements: await lettersAndReplies(db, viewer),
  };
}

/** The public milestones, oldest first, dated only as precisely as they are known. */
export async function publicMilestones(db: Db) {
  const milestones = await listMilestones(db, "anonymous", { order: "asc" });
  return milestones.map((m) => ({
    id: m.id,
    title: m.title,
    date: m.date,
    dateLabel: formatPreciseDate(m.date, m.datePrecision),
    description: m.description,
    outcome: m.outcome,
  }));
}
