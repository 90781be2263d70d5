/**
 * A clearly labelled demo cycle ("Demo cycle (sample data)") so the dashboard's charts can be
 * tried before the group has entered real goals: sample goals across the seeded themes, led and
 * supported by the seeded organisations, with measures and progress updates backdated over the
 * months since the demo workshop. Nothing here is a fact about the group; every title says
 * "Sample" and every description says it is sample data.
 *
 * `planDemoCycle` is pure (dates and values from `today`); `seedDemo` writes the plan once.
 */
import { addDaysIso, daysBetween, type GoalStatus, goalProgress, type MeasureKind, narrowest, type Visibility } from "@convene/domain";
import type { Kysely } from "kysely";
import { recordAudit } from "../queries/audit.ts";
import { refreshGoalProgress } from "../queries/stored-progress.ts";
import type { Database } from "../schema.ts";

export const DEMO_CYCLE_NAME = "Demo cycle (sample data)";
const SAMPLE_NOTE = "Sample data for trying out Convene's charts; this is not one of the group's real goals.";
const DEMO_AUTHOR = "Demo data (sample)";

interface DemoMeasure {
  name: string;
  kind: MeasureKind;
  unit: string;
  /** Numeric only; a milestone starts at 0 and is done at 1. */
  baseline?: number;
  target?: number;
  weight: number;
}

interface DemoGoal {
  title: string;
  description: string;
  theme: string;
  lead: string;
  supporters: string[];
  visibility: Visibility;
  /**
   * How fast the sample goal moves: 1 reaches its targets exactly at the AGM, below 1 falls
   * behind (at risk, off track), above 1 finishes early; 0 has not started.
   */
  pace: number;
  measures: DemoMeasure[];
}

/** The sample goals. Themes and organisations are named as the group's seed names them. */
export const demoGoals: readonly DemoGoal[] = [
  {
    title: "Sample: gather evidence for a cross-government atrocity prevention strategy",
    description: "Compile members' evidence into a joint briefing on what a whole-of-government strategy could contain.",
    theme: "National strategy",
    lead: "protection-approaches",
    supporters: ["una-uk", "ecr2p"],
    visibility: "public",
    pace: 1.05,
    measures: [
      { name: "Evidence submissions compiled", kind: "numeric", unit: "submissions", baseline: 0, target: 12, weight: 2 },
      { name: "Joint briefing paper published", kind: "milestone", unit: "", weight: 1 },
    ],
  },
  {
    title: "Sample: meet government departments about atrocity prevention",
    description: "Hold meetings with officials in internationally facing and domestic departments.",
    theme: "National strategy",
    lead: "una-uk",
    supporters: ["protection-approaches", "crisis-action"],
    visibility: "public",
    pace: 0.55,
    measures: [{ name: "Departmental meetings held", kind: "numeric", unit: "meetings", baseline: 0, target: 8, weight: 1 }],
  },
  {
    title: "Sample: map domestic work on identity-based violence",
    description: "Map which policy areas at home touch on preventing identity-based violence.",
    theme: "National strategy",
    lead: "remembering-srebrenica",
    supporters: ["hmdt"],
    visibility: "members",
    pace: 0,
    measures: [{ name: "Policy areas mapped", kind: "numeric", unit: "areas", baseline: 0, target: 10, weight: 1 }],
  },
  {
    title: "Sample: brief parliamentarians before relevant debates",
    description: "Offer short briefings to parliamentarians from every party before debates that touch on atrocity prevention.",
    theme: "Parliament and parties",
    lead: "crisis-action",
    supporters: ["burma-campaign", "syria-solidarity-uk", "waging-peace"],
    visibility: "public",
    pace: 1.2,
    measures: [
      { name: "Parliamentarians briefed", kind: "numeric", unit: "people", baseline: 0, target: 40, weight: 2 },
      { name: "Briefing pack agreed by members", kind: "milestone", unit: "", weight: 1 },
    ],
  },
  {
    title: "Sample: cross-party event in Parliament",
    description: "Host an event in Parliament with speakers from several parties.",
    theme: "Parliament and parties",
    lead: "jo-cox-foundation",
    supporters: ["una-uk"],
    visibility: "members",
    pace: 0.25,
    measures: [
      { name: "Parties confirmed as speakers", kind: "numeric", unit: "parties", baseline: 0, target: 5, weight: 1 },
      { name: "Event held", kind: "milestone", unit: "", weight: 1 },
    ],
  },
  {
    title: "Sample: agree a shared process for sounding the alarm",
    description: "Agree how members flag an emerging threat and ask for coordinated action.",
    theme: "Early warning and coordinated action",
    lead: "protection-approaches",
    supporters: ["aegis-trust", "rights-for-peace", "eyewitness"],
    visibility: "members",
    pace: 1.9,
    measures: [
      { name: "Process agreed at a meeting", kind: "milestone", unit: "", weight: 1 },
      { name: "Organisations signed up to alerts", kind: "numeric", unit: "organisations", baseline: 0, target: 19, weight: 2 },
    ],
  },
  {
    title: "Sample: answer coordinated-action alerts within a week",
    description: "Raise the share of alerts that members answer (join, can't, need information) within seven days.",
    theme: "Early warning and coordinated action",
    lead: "protection-approaches",
    supporters: [],
    visibility: "convenor",
    pace: 0.6,
    measures: [{ name: "Alerts answered within 7 days", kind: "numeric", unit: "%", baseline: 40, target: 90, weight: 1 }],
  },
  {
    title: "Sample: fewer information requests left unanswered",
    description: "Reduce the number of open requests for information between members (a falling target).",
    theme: "Early warning and coordinated action",
    lead: "ceasefire",
    supporters: ["sri-lanka-campaign", "stand-now"],
    visibility: "members",
    pace: 1,
    measures: [{ name: "Unanswered requests", kind: "numeric", unit: "requests", baseline: 30, target: 5, weight: 1 }],
  },
  {
    title: "Sample: knowledge-exchange sessions with expert speakers",
    description: "Hold sessions where an expert speaks to the group, open to all member organisations.",
    theme: "Knowledge exchange",
    lead: "peace-direct",
    supporters: ["sfcg-uk", "videre"],
    visibility: "public",
    pace: 1,
    measures: [
      { name: "Sessions held", kind: "numeric", unit: "sessions", baseline: 0, target: 6, weight: 1 },
      { name: "Average attendance", kind: "numeric", unit: "people", baseline: 8, target: 20, weight: 1 },
    ],
  },
  {
    title: "Sample: publish a shared reading list",
    description: "Publish a reading list on atrocity prevention that members have contributed to.",
    theme: "Knowledge exchange",
    lead: "rights-for-peace",
    supporters: ["ecr2p"],
    visibility: "public",
    pace: 2.2,
    measures: [{ name: "Reading list published", kind: "milestone", unit: "", weight: 1 }],
  },
  {
    title: "Sample: exchange best-practice notes between members",
    description: "Share short notes on what has worked, one organisation to another.",
    theme: "Knowledge exchange",
    lead: "sfcg-uk",
    supporters: ["peace-direct", "videre", "eyewitness"],
    visibility: "members",
    pace: 1.1,
    measures: [{ name: "Notes shared", kind: "numeric", unit: "notes", baseline: 0, target: 24, weight: 1 }],
  },
  {
    title: "Sample: peer-support check-ins",
    description: "Run regular peer-support check-ins for staff doing this work.",
    theme: "Self-care and mutual support",
    lead: "protection-approaches",
    supporters: ["waging-peace", "burma-campaign"],
    visibility: "public",
    pace: 0.95,
    measures: [
      { name: "Check-ins held", kind: "numeric", unit: "check-ins", baseline: 0, target: 10, weight: 2 },
      { name: "Self-care tips refreshed", kind: "milestone", unit: "", weight: 1 },
    ],
  },
  {
    title: "Sample: wellbeing survey across member organisations",
    description: "Ask each member organisation how its staff are coping, to shape mutual support.",
    theme: "Self-care and mutual support",
    lead: "stand-now",
    supporters: ["protection-approaches"],
    visibility: "convenor",
    pace: 0.3,
    measures: [{ name: "Organisations responding", kind: "numeric", unit: "organisations", baseline: 0, target: 19, weight: 1 }],
  },
];

export interface PlannedUpdate {
  createdAt: string;
  status: GoalStatus;
  confidence: number;
  visibility: Visibility;
  note: string;
  /** One value per measure of the goal, in the goal's measure order. */
  values: number[];
}

export interface PlannedGoal {
  goal: DemoGoal;
  dueDate: string;
  status: GoalStatus;
  startValues: number[];
  updates: PlannedUpdate[];
}

export interface DemoPlan {
  workshopDate: string;
  agmDate: string;
  goals: PlannedGoal[];
}

const addDays = addDaysIso;
const daysFrom = daysBetween;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A fixed pseudo-random sequence (mulberry32), so the same day gives the same demo. */
function sequence(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function statusFor(progress: number, expected: number): GoalStatus {
  if (progress >= 1) return "achieved";
  const ratio = expected <= 0 ? 1 : progress / expected;
  if (ratio >= 0.8) return "on_track";
  if (ratio >= 0.45) return "at_risk";
  return "off_track";
}

/**
 * The demo cycle as of `today` (YYYY-MM-DD): the workshop about seven months ago, the AGM a
 * year after it, and roughly monthly updates per goal up to today, each moving its measures
 * along the goal's pace (never backwards), so the overview's line rises and the slow goals
 * show as at risk or off track.
 */
export function planDemoCycle(today: string): DemoPlan {
  const workshopDate = addDays(today, -210);
  const agmDate = addDays(workshopDate, 364);
  const cycleDays = daysFrom(workshopDate, agmDate);
  const random = sequence(20_180_601);

  const goals = demoGoals.map((goal, index): PlannedGoal => {
    const startValues = goal.measures.map((m) => (m.kind === "milestone" ? 0 : (m.baseline ?? 0)));
    const dueDate = addDays(agmDate, -7 * (index % 5));
    const updates: PlannedUpdate[] = [];
    if (goal.pace > 0) {
      let progress = 0;
      // Milestones are done once the goal is this far along; spread so they do not all flip together.
      const doneAt = goal.measures.map(() => 0.15 + random() * 0.3);
      for (let day = 10 + (index % 4) * 5; day <= daysFrom(workshopDate, today); day += 26 + Math.floor(random() * 10)) {
        const expected = day / cycleDays;
        progress = Math.max(progress, clamp01(goal.pace * expected * (0.92 + random() * 0.16)));
        const values = goal.measures.map((m, i) => {
          if (m.kind === "milestone") return progress >= (doneAt[i] ?? 1) ? 1 : 0;
          const baseline = m.baseline ?? 0;
          return Math.round(baseline + progress * ((m.target ?? baseline) - baseline));
        });
        // Status and confidence follow what the measures show, as a real update's author would judge.
        const measured =
          goalProgress(
            goal.measures.map((m, i) => ({
              kind: m.kind,
              baseline: m.baseline ?? null,
              target: m.target ?? null,
              weight: m.weight,
              current: values[i] ?? null,
            })),
          ) ?? 0;
        const status = statusFor(measured, expected);
        const date = addDays(workshopDate, day);
        // Some updates on public goals are for members only, so observers see a thinner history.
        const own: Visibility = updates.length % 3 === 2 ? "members" : "public";
        updates.push({
          createdAt: `${date}T${String(9 + (index % 8)).padStart(2, "0")}:30:00.000Z`,
          status,
          confidence: Math.round(10 * clamp01(expected <= 0 ? 1 : measured / expected)),
          visibility: narrowest(goal.visibility, own),
          note: `Sample update (demo data): ${goal.measures
            .map((m, i) =>
              m.kind === "milestone" ? `${m.name}: ${values[i] === 1 ? "done" : "not yet"}` : `${m.name}: ${values[i]} ${m.unit}`,
            )
            .join("; ")}.`,
          values,
        });
        if (status === "achieved") break;
      }
    }
    return { goal, dueDate, status: updates.at(-1)?.status ?? "not_started", startValues, updates };
  });
  return { workshopDate, agmDate, goals };
}

export interface DemoSeedResult {
  cycleId: number;
  /** False when the demo cycle was already there (nothing was written). */
  created: boolean;
  goalsAdded: number;
  updatesAdded: number;
}

/**
 * Writes the demo cycle once; a second run finds it by name and changes nothing. Themes and
 * organisations come from the group's seed (load it first); a name that is missing leaves
 * the goal without that theme, lead or supporter rather than inventing one.
 */
export async function seedDemo(db: Kysely<Database>, options: { today?: string } = {}): Promise<DemoSeedResult> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("cycles").select("id").where("name", "=", DEMO_CYCLE_NAME).executeTakeFirst();
    if (existing) return { cycleId: existing.id, created: false, goalsAdded: 0, updatesAdded: 0 };

    const plan = planDemoCycle(today);
    const themes = new Map((await trx.selectFrom("themes").select(["id", "name"]).execute()).map((t) => [t.name, t.id]));
    const orgs = new Map((await trx.selectFrom("organisations").select(["id", "shortName"]).execute()).map((o) => [o.shortName, o.id]));
    const workshopAt = `${plan.workshopDate}T09:00:00.000Z`;

    const cycle = await trx
      .insertInto("cycles")
      .values({ name: DEMO_CYCLE_NAME, workshopDate: plan.workshopDate, agmDate: plan.agmDate, createdAt: workshopAt })
      .returning("id")
      .executeTakeFirstOrThrow();

    let updatesAdded = 0;
    const goalIds: number[] = [];
    for (const planned of plan.goals) {
      const { goal } = planned;
      const lastAt = planned.updates.at(-1)?.createdAt ?? workshopAt;
      const { id: goalId } = await trx
        .insertInto("goals")
        .values({
          cycleId: cycle.id,
          themeId: themes.get(goal.theme) ?? null,
          title: goal.title,
          description: `${goal.description} ${SAMPLE_NOTE}`,
          leadOrganisationId: orgs.get(goal.lead) ?? null,
          status: planned.status,
          dueDate: planned.dueDate,
          visibility: goal.visibility,
          copiedFromGoalId: null,
          createdAt: workshopAt,
          updatedAt: lastAt,
          deletedAt: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      goalIds.push(goalId);

      const supporters = goal.supporters.flatMap((s) => {
        const id = orgs.get(s);
        return id === undefined || s === goal.lead ? [] : [{ goalId, organisationId: id }];
      });
      if (supporters.length) await trx.insertInto("goalSupporters").values(supporters).execute();

      const measureIds: number[] = [];
      for (const m of goal.measures) {
        const { id } = await trx
          .insertInto("measures")
          .values({
            goalId,
            name: m.name,
            kind: m.kind,
            unit: m.unit,
            baseline: m.kind === "milestone" ? null : (m.baseline ?? null),
            target: m.kind === "milestone" ? null : (m.target ?? null),
            weight: m.weight,
            createdAt: workshopAt,
            deletedAt: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        measureIds.push(id);
      }
      await trx
        .insertInto("measureValues")
        .values(
          measureIds.map((measureId, i) => ({ measureId, updateId: null, value: planned.startValues[i] ?? 0, recordedAt: workshopAt })),
        )
        .execute();

      for (const u of planned.updates) {
        const { id: updateId } = await trx
          .insertInto("progressUpdates")
          .values({
            goalId,
            authorId: null,
            authorName: DEMO_AUTHOR,
            organisationId: orgs.get(goal.lead) ?? null,
            note: u.note,
            status: u.status,
            confidence: u.confidence,
            visibility: u.visibility,
            createdAt: u.createdAt,
            deletedAt: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("measureValues")
          .values(measureIds.map((measureId, i) => ({ measureId, updateId, value: u.values[i] ?? 0, recordedAt: u.createdAt })))
          .execute();
        updatesAdded++;
      }
    }

    await refreshGoalProgress(trx, goalIds);
    await recordAudit(trx, {
      actor: { id: null, name: "Convene admin command line (demo data)" },
      action: "create",
      entity: "cycle",
      entityId: cycle.id,
      after: { name: DEMO_CYCLE_NAME, sample: true, goals: plan.goals.length, updates: updatesAdded },
    });
    return { cycleId: cycle.id, created: true, goalsAdded: plan.goals.length, updatesAdded };
  });
}
