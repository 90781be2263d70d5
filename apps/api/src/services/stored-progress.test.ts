/**
 * The stored progress equals a full replay of the history: after a long, seeded, random run of
 * the app's own writes (goals, measures and updates created, edited, withdrawn and restored,
 * goals moved between cycles and copied forward, cycle dates changed), the overview, the
 * comparison and every goal's figures read from the stored tables are what replaying the
 * visible value history gives, for each role; and the figures kept up write by write are the
 * ones a rebuild from scratch makes.
 */
import { type Db, ensureStoredProgress, listGoals, measureValueHistory, rebuildStoredProgress } from "@convene/db";
import { makeOrganisation, type TempDatabase, tempDatabase } from "@convene/db/test-support";
import {
  addDaysIso,
  countsTowardsProgress,
  type GoalStatus,
  goalProgress,
  goalProgressOverTime,
  meanProgressOverTime,
  sampleDates,
  type Viewer,
  type Visibility,
} from "@convene/domain";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../context.ts";
import { ApiError } from "../errors.ts";
import { compareGoals, loadComparison } from "./compare.ts";
import { updateCycle } from "./cycles.ts";
import { copyGoalForward, createGoal, setGoalDeleted, updateGoal } from "./goals.ts";
import { createMeasure, setMeasureDeleted, updateMeasure } from "./measures.ts";
import { cycleOverview } from "./overview.ts";
import { postProgressUpdate, setUpdateDeleted } from "./progress-updates.ts";

/** mulberry32, so a failure can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T | undefined => (items.length ? items[int(items.length)] : undefined);
  return { next, int, pick };
}

const convenor: SessionUser = { id: "convenor-1", name: "Test Convenor", email: "c@example.org", role: "convenor", organisationId: null };
const actor = { id: convenor.id, name: convenor.name };
const viewers: Viewer[] = ["observer", "member", "convenor"];
const levels: Visibility[] = ["public", "members", "convenor"];
const statuses: GoalStatus[] = ["not_started", "on_track", "at_risk", "off_track", "achieved", "dropped"];

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(async () => {
  vi.useRealTimers();
  await t.dispose();
});

function close(a: number | null | undefined, b: number | null | undefined) {
  if (a === null || a === undefined || b === null || b === undefined) expect(a ?? null).toBe(b ?? null);
  else expect(a).toBeCloseTo(b, 9);
}

/** The overview's series and headline as the replay of each goal's visible history gives them (the code before stored progress). */
async function replayedOverview(db: Db, viewer: Viewer, cycleId: number, asOf: string) {
  const cycle = await db.selectFrom("cycles").selectAll().where("id", "=", cycleId).executeTakeFirstOrThrow();
  const goals = await listGoals(db, viewer, { cycleId });
  const counted = goals.filter((g) => countsTowardsProgress(g.status));
  const history = await measureValueHistory(
    db,
    viewer,
    counted.map((g) => g.id),
  );
  const series = counted.map((g) =>
    goalProgressOverTime(
      g.measures,
      history.filter((v) => v.goalId === g.id),
    ),
  );
  const end = [cycle.workshopDate, asOf, cycle.agmDate].sort()[1]!;
  return meanProgressOverTime(series, sampleDates(cycle.workshopDate, end));
}

/** Each goal's measures' current values and progress, replayed from the visible history, against what listGoals reads from the stored values. */
async function expectGoalsMatchReplay(db: Db, viewer: Viewer) {
  const goals = [...(await listGoals(db, viewer, {})), ...(viewer === "convenor" ? await listGoals(db, viewer, { deleted: true }) : [])];
  const history = await measureValueHistory(
    db,
    viewer,
    goals.map((g) => g.id),
  );
  for (const g of goals) {
    const latest = new Map<number, { value: number; recordedAt: string }>();
    for (const v of history) if (v.goalId === g.id) latest.set(v.measureId, v);
    for (const m of g.measures) {
      expect({ goal: g.id, measure: m.id, current: m.current, at: m.updatedAt }).toEqual({
        goal: g.id,
        measure: m.id,
        current: latest.get(m.id)?.value ?? null,
        at: latest.get(m.id)?.recordedAt ?? null,
      });
    }
    close(g.progress, goalProgress(g.measures.map((m) => ({ ...m, current: latest.get(m.id)?.value ?? null }))));
  }
}

/** Every stored table, rows in key order (the cycle sums rounded, as adding and taking away leaves the last bits). */
async function storedTables(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of [
    ["storedMeasureProgress", ["measureId", "level"]],
    ["storedGoalProgress", ["goalId", "level"]],
    ["storedGoalSeries", ["goalId", "level", "date"]],
    ["storedCycleProgress", ["cycleId", "level", "date"]],
  ] as const) {
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} order by ${sql.join(key.map((k) => sql.ref(k)))}`.execute(db);
    out[table] = rows.map((r) => ({ ...r, ...(typeof r.total === "number" ? { total: Math.round(r.total * 1e9) / 1e9 } : {}) }));
  }
  return out;
}

async function expectStoredEqualsReplay(db: Db, cycleIds: number[], today: string) {
  for (const viewer of viewers) {
    await expectGoalsMatchReplay(db, viewer);
    for (const cycleId of cycleIds) {
      const cycle = await db.selectFrom("cycles").selectAll().where("id", "=", cycleId).executeTakeFirstOrThrow();
      const record = { ...cycle, state: cycle.closedAt ? ("closed" as const) : ("open" as const) };
      for (const asOf of [today, cycle.workshopDate, addDaysIso(cycle.workshopDate, 45), addDaysIso(today, -10), cycle.agmDate]) {
        const stored = (await cycleOverview(db, viewer, record, asOf)).progressOverTime;
        const replayed = await replayedOverview(db, viewer, cycleId, asOf);
        expect(stored.map((p) => p.date)).toEqual(replayed.map((p) => p.date));
        for (const [i, p] of stored.entries()) close(p.progress, replayed[i]!.progress);
      }
      // The comparison read from stored series against the same comparison replayed from the history.
      const since = addDaysIso(cycle.workshopDate, 30);
      const fromStore = await loadComparison(db, viewer, record, since, today);
      const goals = await listGoals(db, viewer, { cycleId });
      const sources = await listGoals(db, viewer, { ids: goals.flatMap((g) => (g.copiedFromGoalId ? [g.copiedFromGoalId] : [])) });
      const history = await measureValueHistory(
        db,
        viewer,
        [...goals, ...sources].map((g) => g.id),
      );
      const replayed = compareGoals({ goals, history, sourceMeasures: new Map(sources.map((s) => [s.id, s.measures])), since, now: today });
      expect(fromStore.goals.map((g) => g.id)).toEqual(replayed.goals.map((g) => g.id));
      fromStore.goals.forEach((g, i) => {
        close(g.before, replayed.goals[i]!.before);
        close(g.after, replayed.goals[i]!.after);
      });
      close(fromStore.summary.before, replayed.summary.before);
      close(fromStore.summary.after, replayed.summary.after);
    }
  }
  // And the figures kept up write by write are the ones a rebuild from scratch makes.
  const kept = await storedTables(db);
  await db.transaction().execute((trx) => rebuildStoredProgress(trx));
  expect(await storedTables(db)).toEqual(kept);
}

describe("stored progress", () => {
  it("equals a full replay of the history after a long random run of writes, withdrawals and restores, for every role", async () => {
    const db = t.db;
    await ensureStoredProgress(db);
    const rnd = random(20261202);
    const orgs = [await makeOrganisation(db), await makeOrganisation(db)];
    const cycleA = await db
      .insertInto("cycles")
      .values({ name: "Cycle A", workshopDate: "2026-01-10", agmDate: "2026-09-30" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cycleB = await db
      .insertInto("cycles")
      .values({ name: "Cycle B", workshopDate: "2026-05-02", agmDate: "2027-04-30" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cycles = [cycleA.id, cycleB.id];

    let now = Date.parse("2026-01-12T09:00:00.000Z");
    const today = () => new Date(now).toISOString().slice(0, 10);
    const goalIds: number[] = [];
    const applied: Record<string, number> = {};

    const write = async (name: string, work: (trx: Db) => Promise<unknown>) => {
      try {
        await db.transaction().execute(work);
        applied[name] = (applied[name] ?? 0) + 1;
      } catch (error) {
        // A write the rules refuse (a conflict, a goal already copied) changes nothing: that is part of the test too.
        if (!(error instanceof ApiError)) throw error;
      }
    };
    // Inside a write, every read goes through its transaction (SQLite has one connection).
    const version = async (trx: Db, table: "goals" | "measures", id: number) =>
      (await trx.selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
    const measuresOf = (goalId: number) => db.selectFrom("measures").selectAll().where("goalId", "=", goalId).execute();
    const liveGoal = () => rnd.pick(goalIds);

    for (let step = 1; step <= 300; step++) {
      now += rnd.int(3) * 86_400_000 + rnd.int(8) * 3_600_000;
      vi.setSystemTime(now);
      const roll = rnd.next();
      const goalId = liveGoal();
      if (roll < 0.1 || goalId === undefined) {
        await write("create goal", async (trx) => {
          const g = await createGoal(trx, actor, {
            cycleId: rnd.pick(cycles)!,
            title: `Goal ${step}`,
            description: "",
            themeId: null,
            leadOrganisationId: orgs[0]!.id,
            supportingOrganisationIds: [],
            status: rnd.pick(statuses)!,
            dueDate: null,
            visibility: rnd.pick(levels)!,
          });
          goalIds.push(g.id);
        });
      } else if (roll < 0.2) {
        const milestone = rnd.next() < 0.3;
        await write("add measure", (trx) =>
          createMeasure(
            trx,
            actor,
            goalId,
            milestone
              ? { kind: "milestone", name: `Done ${step}`, weight: 1 + rnd.int(3), done: rnd.next() < 0.3 }
              : {
                  kind: "numeric",
                  name: `Count ${step}`,
                  unit: "",
                  baseline: rnd.int(5),
                  target: 10 + rnd.int(20),
                  weight: rnd.int(4),
                  ...(rnd.next() < 0.5 ? {} : { current: rnd.int(15) }),
                },
          ),
        );
      } else if (roll < 0.5) {
        const measures = (await measuresOf(goalId)).filter((m) => m.deletedAt === null);
        const values = measures
          .filter(() => rnd.next() < 0.7)
          .map((m) => ({ measureId: m.id, value: m.kind === "milestone" ? rnd.int(2) : rnd.int(30) }));
        await write("post update", (trx) =>
          postProgressUpdate(trx, convenor, {
            goalId,
            organisationId: null,
            note: `Update ${step}`,
            status: rnd.next() < 0.3 ? rnd.pick(statuses)! : null,
            confidence: null,
            values,
            visibility: rnd.pick(levels)!,
          }),
        );
      } else if (roll < 0.6) {
        const updates = await db.selectFrom("progressUpdates").select(["id", "deletedAt"]).execute();
        const u = rnd.pick(updates);
        if (u)
          await write(u.deletedAt ? "restore update" : "withdraw update", (trx) =>
            setUpdateDeleted(trx, convenor, u.id, u.deletedAt === null),
          );
      } else if (roll < 0.72) {
        const change = rnd.int(3);
        await write(["goal status", "goal visibility", "goal moves cycle"][change]!, async (trx) =>
          updateGoal(trx, actor, goalId, {
            version: await version(trx, "goals", goalId),
            ...(change === 0
              ? { status: rnd.pick(statuses)! }
              : change === 1
                ? { visibility: rnd.pick(levels)! }
                : { cycleId: rnd.pick(cycles)! }),
          }),
        );
      } else if (roll < 0.8) {
        const row = await db.selectFrom("goals").select("deletedAt").where("id", "=", goalId).executeTakeFirstOrThrow();
        await write(row.deletedAt ? "restore goal" : "delete goal", (trx) => setGoalDeleted(trx, actor, goalId, row.deletedAt === null));
      } else if (roll < 0.88) {
        const m = rnd.pick((await measuresOf(goalId)).filter((x) => x.kind === "numeric" && x.deletedAt === null));
        if (m)
          await write("edit measure", async (trx) =>
            updateMeasure(trx, actor, m.id, {
              version: await version(trx, "measures", m.id),
              ...(rnd.next() < 0.5 ? { weight: rnd.int(4) } : { target: 31 + rnd.int(20), baseline: rnd.int(5) }),
            }),
          );
      } else if (roll < 0.95) {
        const m = rnd.pick(await measuresOf(goalId));
        if (m)
          await write(m.deletedAt ? "restore measure" : "delete measure", (trx) =>
            setMeasureDeleted(trx, actor, m.id, m.deletedAt === null),
          );
      } else if (roll < 0.98) {
        await write("copy forward", async (trx) => {
          const g = await trx.selectFrom("goals").select("cycleId").where("id", "=", goalId).executeTakeFirstOrThrow();
          const copy = await copyGoalForward(trx, actor, goalId, cycles.find((c) => c !== g.cycleId)!);
          goalIds.push(copy.id);
        });
      } else {
        const cycleId = rnd.pick(cycles)!;
        await write("cycle dates", async (trx) => {
          const c = await trx.selectFrom("cycles").selectAll().where("id", "=", cycleId).executeTakeFirstOrThrow();
          return updateCycle(trx, actor, cycleId, { version: c.version, workshopDate: addDaysIso(c.workshopDate, rnd.int(15) - 7) });
        });
      }
      if (step % 100 === 0) await expectStoredEqualsReplay(db, cycles, today());
    }

    // The run did exercise every kind of write.
    for (const kind of ["create goal", "add measure", "post update", "withdraw update", "restore update", "goal status", "goal visibility"])
      expect(applied[kind], kind).toBeGreaterThan(0);
    for (const kind of [
      "goal moves cycle",
      "delete goal",
      "restore goal",
      "edit measure",
      "delete measure",
      "restore measure",
      "copy forward",
    ])
      expect(applied[kind], kind).toBeGreaterThan(0);
  }, 300_000);
});
