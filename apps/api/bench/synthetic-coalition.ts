/**
 * A large made-up coalition for load tests (the API benchmark now, a deck benchmark later):
 * organisations, yearly cycles, goals with supporters, measures, and progress updates with their
 * measure values spread over each cycle, in mixed visibility. Deterministic for a given seed and
 * date; written with multi-row inserts in one transaction, so 100k rows take a few seconds.
 * Meant for an empty, freshly migrated database.
 */
import { continueKeyNumbering, type Db, rebuildStoredProgress } from "@convene/db";
import { addDaysIso, daysBetween, type GoalStatus, narrowest, type Visibility } from "@convene/domain";

export interface SyntheticSize {
  organisations: number;
  cycles: number;
  goals: number;
  /** Spread evenly over the goals (the default gives three each). */
  measures: number;
  /** Spread evenly over the goals; each sets a new value for every measure of its goal. */
  updates: number;
}

export const benchmarkSize: SyntheticSize = { organisations: 50, cycles: 10, goals: 2_000, measures: 6_000, updates: 20_000 };

export interface SyntheticCoalition {
  /** The newest cycle: open, with today inside it. */
  latestCycleId: number;
  cycleIds: number[];
  organisationIds: number[];
  rows: Record<
    "organisations" | "themes" | "cycles" | "goals" | "goalSupporters" | "measures" | "progressUpdates" | "measureValues",
    number
  >;
}

const addDays = addDaysIso;

/** mulberry32: a small seeded generator, so two runs build the same coalition. */
function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

/** Slices that keep each multi-row insert well under SQLite's limit on bound parameters. */
function* slices<T>(rows: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const statuses: readonly GoalStatus[] = ["on_track", "on_track", "on_track", "at_risk", "off_track", "achieved", "not_started", "dropped"];
const goalVisibilities: readonly Visibility[] = ["public", "public", "members", "members", "convenor"];
const updateVisibilities: readonly Visibility[] = ["public", "public", "members"];

/**
 * Fills `db` with a synthetic coalition of `size`. The newest cycle's workshop was 300 days
 * before `today`; each earlier cycle a year before that, closed at its AGM.
 */
export async function generateSyntheticCoalition(
  db: Db,
  size: SyntheticSize = benchmarkSize,
  options: { seed?: number; today?: string } = {},
): Promise<SyntheticCoalition> {
  const random = randomSource(options.seed ?? 1);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const measuresPerGoal = Math.max(1, Math.round(size.measures / size.goals));
  const updatesPerGoal = Math.max(1, Math.round(size.updates / size.goals));

  return db.transaction().execute(async (trx) => {
    const nextId = async (table: "organisations" | "themes" | "cycles" | "goals" | "measures" | "progressUpdates") =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.max("id").as("max"))
            .executeTakeFirst()
        )?.max ?? 0,
      ) + 1;

    // Explicit ids, so rows can refer to each other without reading back what was inserted.
    const firstOrg = await nextId("organisations");
    const organisations = Array.from({ length: size.organisations }, (_, i) => ({
      id: firstOrg + i,
      name: `Synthetic organisation ${String(i + 1).padStart(2, "0")}`,
      shortName: `synthetic-${String(i + 1).padStart(2, "0")}`,
      isConvenor: i === 0 ? 1 : 0,
    }));
    const organisationIds = organisations.map((o) => o.id);

    const firstTheme = await nextId("themes");
    const themes = Array.from({ length: 6 }, (_, i) => ({ id: firstTheme + i, name: `Synthetic theme ${i + 1}`, description: "" }));

    const firstCycle = await nextId("cycles");
    const latestWorkshop = addDays(today, -300);
    const cycles = Array.from({ length: size.cycles }, (_, i) => {
      const yearsBack = size.cycles - 1 - i;
      const workshopDate = addDays(latestWorkshop, -364 * yearsBack);
      const agmDate = addDays(workshopDate, 364);
      return {
        id: firstCycle + i,
        name: `Synthetic cycle ${i + 1}`,
        workshopDate,
        agmDate,
        closedAt: yearsBack === 0 ? null : `${agmDate}T17:00:00.000Z`,
      };
    });

    const goals = [];
    const supporters = [];
    const measures = [];
    const updates = [];
    const values = [];
    let goalId = await nextId("goals");
    let measureId = await nextId("measures");
    let updateId = await nextId("progressUpdates");
    for (let g = 0; g < size.goals; g++, goalId++) {
      const cycle = cycles[g % cycles.length]!;
      const lead = random.pick(organisationIds);
      const visibility = random.pick(goalVisibilities);
      const start = `${cycle.workshopDate}T09:00:00.000Z`;
      goals.push({
        id: goalId,
        cycleId: cycle.id,
        themeId: themes[g % themes.length]!.id,
        title: `Synthetic goal ${g + 1}`,
        description: `Generated for load testing (goal ${g + 1} of ${size.goals}).`,
        leadOrganisationId: lead,
        status: random.pick(statuses),
        dueDate: cycle.agmDate,
        visibility,
        copiedFromGoalId: null,
        createdAt: start,
        updatedAt: start,
        deletedAt: null,
      });
      const supporting = new Set(Array.from({ length: random.int(4) }, () => random.pick(organisationIds)));
      supporting.delete(lead);
      for (const organisationId of supporting) supporters.push({ goalId, organisationId });

      const goalMeasures = Array.from({ length: measuresPerGoal }, (_, m) => {
        const milestone = m === measuresPerGoal - 1 && measuresPerGoal > 1;
        const baseline = milestone ? null : random.int(20);
        const target = milestone || baseline === null ? null : baseline + 5 + random.int(50);
        return {
          id: measureId++,
          goalId,
          name: milestone ? `Milestone ${m + 1}` : `Measure ${m + 1}`,
          kind: milestone ? ("milestone" as const) : ("numeric" as const),
          unit: milestone ? "" : "items",
          baseline,
          target,
          weight: 1 + random.int(3),
          createdAt: start,
          deletedAt: null,
        };
      });
      measures.push(...goalMeasures);
      for (const m of goalMeasures) values.push({ measureId: m.id, updateId: null, value: m.baseline ?? 0, recordedAt: start });

      // Updates spread over the part of the cycle that has happened, values rising towards target.
      const span = Math.max(1, Math.min(364, daysBetween(cycle.workshopDate, today)));
      const pace = 0.3 + random.next();
      for (let u = 1; u <= updatesPerGoal; u++, updateId++) {
        const share = u / updatesPerGoal;
        const createdAt = `${addDays(cycle.workshopDate, Math.round(share * span))}T${String(8 + random.int(10)).padStart(2, "0")}:00:00.000Z`;
        updates.push({
          id: updateId,
          goalId,
          authorId: null,
          authorName: "Synthetic author",
          organisationId: lead,
          note: `Synthetic update ${u} on goal ${g + 1}.`,
          status: random.pick(statuses),
          confidence: random.int(11),
          visibility: narrowest(visibility, random.pick(updateVisibilities)),
          createdAt,
          deletedAt: null,
        });
        const progress = Math.min(1, share * pace);
        for (const m of goalMeasures) {
          const value =
            m.kind === "milestone"
              ? progress > 0.5
                ? 1
                : 0
              : Math.round((m.baseline ?? 0) + progress * ((m.target ?? 0) - (m.baseline ?? 0)));
          values.push({ measureId: m.id, updateId, value, recordedAt: createdAt });
        }
      }
    }

    for (const rows of slices(organisations)) await trx.insertInto("organisations").values(rows).execute();
    for (const rows of slices(themes)) await trx.insertInto("themes").values(rows).execute();
    for (const rows of slices(cycles)) await trx.insertInto("cycles").values(rows).execute();
    for (const rows of slices(goals)) await trx.insertInto("goals").values(rows).execute();
    for (const rows of slices(supporters)) await trx.insertInto("goalSupporters").values(rows).execute();
    for (const rows of slices(measures)) await trx.insertInto("measures").values(rows).execute();
    for (const rows of slices(updates)) await trx.insertInto("progressUpdates").values(rows).execute();
    for (const rows of slices(values)) await trx.insertInto("measureValues").values(rows).execute();
    // PostgreSQL numbers new rows after these explicit ids only when told (SQLite does it itself).
    await continueKeyNumbering(trx);
    // Written row by row above, so the stored progress is built once from the whole history.
    await rebuildStoredProgress(trx);

    return {
      latestCycleId: cycles.at(-1)!.id,
      cycleIds: cycles.map((c) => c.id),
      organisationIds,
      rows: {
        organisations: organisations.length,
        themes: themes.length,
        cycles: cycles.length,
        goals: goals.length,
        goalSupporters: supporters.length,
        measures: measures.length,
        progressUpdates: updates.length,
        measureValues: values.length,
      },
    };
  });
}
