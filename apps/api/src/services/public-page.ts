/**
 * The public progress page: off until the convenor turns it on (setting `publicPage`), and
 * built only from what the anonymous viewer may see, so nothing non-public can reach it.
 */
import { currentCycle, type Db, listGoals } from "@convene/db";
import { meanProgress } from "@convene/domain";
import { sql } from "kysely";

export const PUBLIC_PAGE_SETTING = "publicPage";

export async function publicPageEnabled(db: Db): Promise<boolean> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", PUBLIC_PAGE_SETTING).executeTakeFirst();
  return row?.value === "on";
}

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
    goals: goals.map((g) => ({
      id: g.id,
      title: g.title,
      description: g.description,
      themeName: g.themeName,
      leadName: g.leadName,
      status: g.status,
      progress: g.progress,
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
  };
}

/**
 * HOOK for issue 3 (milestones): until its `milestones` table exists this returns nothing.
 * Once it does, this reads the public, live milestones generically (title or name, a date
 * column, an optional description); the lead may swap this for issue 3's own query function
 * called with the "anonymous" viewer.
 */
export async function publicMilestones(db: Db): Promise<{ id: number; title: string; date: string | null; description: string }[]> {
  const table = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'milestones'`.execute(db);
  if (table.rows.length === 0) return [];
  const columns = new Set(
    (await sql<{ name: string }>`select name from pragma_table_info('milestones')`.execute(db)).rows.map((r) => r.name),
  );
  if (!columns.has("visibility")) return []; // without a visibility column nothing can be shown as public
  const titleCol = ["title", "name"].find((c) => columns.has(c));
  const dateCol = ["date", "happenedOn", "occurredOn", "dueDate", "on"].find((c) => columns.has(c));
  if (!titleCol) return [];
  const rows = await sql<{ id: number; title: string; date: string | null; description: string | null }>`
    select id, ${sql.ref(titleCol)} as title, ${dateCol ? sql.ref(dateCol) : sql`null`} as date,
      ${columns.has("description") ? sql.ref("description") : sql`''`} as description
    from milestones
    where visibility = 'public' ${columns.has("deletedAt") ? sql`and "deletedAt" is null` : sql``}
    order by ${dateCol ? sql.ref(dateCol) : sql.ref("id")}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, title: r.title, date: r.date, description: r.description ?? "" }));
}
