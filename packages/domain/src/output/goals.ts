/** What the API answers about the group's organisations, cycles, themes, goals, measures and progress. */
import { z } from "zod";
import { cycleStates } from "../cycle.ts";
import { goalStatuses } from "../goal-status.ts";
import { measureKinds } from "../measure.ts";
import { visibilities } from "../visibility.ts";
import { decisionTakenOutput, letterOutput } from "./decisions.ts";
import { answer, binnedRecord, day, id, nullable, time, version } from "./fields.ts";

const visibility = z.enum(visibilities);
const goalStatus = z.enum(goalStatuses);

export const organisationOutput = answer({
  id,
  name: z.string(),
  shortName: z.string(),
  website: nullable(z.string()),
  joinedOn: nullable(day),
  leftOn: nullable(day),
  isConvenor: z.boolean(),
  createdAt: time,
  version,
});

export const cycleOutput = answer({
  id,
  name: z.string(),
  workshopDate: day,
  agmDate: day,
  updateIntervalDays: z.number().int(),
  closedAt: nullable(time),
  createdAt: time,
  version,
  state: z.enum(cycleStates),
});

export const themeOutput = answer({ id, name: z.string(), description: z.string(), createdAt: time, version });

export const measureOutput = answer({
  id,
  goalId: id,
  name: z.string(),
  unit: z.string(),
  version,
  kind: z.enum(measureKinds),
  baseline: nullable(z.number()),
  target: nullable(z.number()),
  current: nullable(z.number()),
  weight: z.number(),
  progress: nullable(z.number()),
  updatedAt: time,
});

/** A measure as it is stored, as its own create and edit answer it (its current value is on the goal's measures). */
export const measureRecordOutput = answer({
  id,
  goalId: id,
  name: z.string(),
  kind: z.enum(measureKinds),
  unit: z.string(),
  baseline: nullable(z.number()),
  target: nullable(z.number()),
  weight: z.number(),
  createdAt: time,
  deletedAt: nullable(time),
  version,
});

/** A goal as lists and pages show it: its own fields, the names it refers to, its measures and derived progress. */
export const goalOutput = answer({
  id,
  cycleId: id,
  cycleName: z.string(),
  cycleClosed: z.boolean(),
  themeId: nullable(id),
  themeName: nullable(z.string()),
  title: z.string(),
  description: z.string(),
  leadOrganisationId: nullable(id),
  leadName: nullable(z.string()),
  leadShortName: nullable(z.string()),
  supportingOrganisationIds: z.array(id),
  status: goalStatus,
  dueDate: nullable(day),
  visibility,
  copiedFromGoalId: nullable(id),
  ...binnedRecord,
  measures: z.array(measureOutput),
  progress: nullable(z.number()),
  lastUpdateAt: nullable(time),
});

export const progressUpdateOutput = answer({
  id,
  goalId: id,
  authorName: z.string(),
  organisationId: nullable(id),
  organisationName: nullable(z.string()),
  note: z.string(),
  status: nullable(goalStatus),
  confidence: nullable(z.number()),
  visibility,
  createdAt: time,
  values: z.array(answer({ measureId: id, measureName: z.string(), kind: z.enum(measureKinds), unit: z.string(), value: z.number() })),
});

/** A point of a progress-over-time series: the date and the progress (0–100) on it. */
export const progressPoint = answer({ date: day, progress: nullable(z.number()) });

export const goalPageOutput = answer({
  goal: goalOutput,
  measureHistory: z.array(answer({ measureId: id, points: z.array(answer({ date: day, value: z.number() })) })),
  progressOverTime: z.array(progressPoint),
  updates: z.array(progressUpdateOutput),
  copiedFrom: nullable(answer({ id, title: z.string(), cycleName: z.string() })),
  copies: z.array(answer({ id, title: z.string(), cycleName: z.string() })),
});

/** A goal in the overview's lists of what needs attention. */
const attentionGoal = answer({
  id,
  title: z.string(),
  status: goalStatus,
  progress: nullable(z.number()),
  leadName: nullable(z.string()),
  lastUpdateAt: nullable(time),
});

/** A cycle's overview as it is computed now (services/overview.ts). */
export const overviewOutput = answer({
  cycle: cycleOutput,
  asOf: z.string(),
  headline: answer({
    goals: z.number().int(),
    onTrack: z.number().int(),
    needingAttention: z.number().int(),
    progress: nullable(z.number()),
    daysToAgm: z.number().int(),
    daysSinceWorkshop: z.number().int(),
  }),
  statusCounts: z.array(answer({ status: goalStatus, count: z.number().int() })),
  progressByTheme: z.array(
    answer({ themeId: nullable(id), themeName: z.string(), goals: z.number().int(), progress: nullable(z.number()) }),
  ),
  progressOverTime: z.array(progressPoint),
  attention: answer({ atRisk: z.array(attentionGoal), noRecentUpdate: z.array(attentionGoal) }),
});

/** A cycle compared with an earlier date, as it is computed now (services/compare.ts). */
export const compareOutput = answer({
  cycle: answer({ id, name: z.string() }),
  defaultSince: answer({ date: day, basis: z.string() }),
  since: z.string(),
  now: z.string(),
  goals: z.array(
    answer({
      id,
      title: z.string(),
      status: goalStatus,
      isNew: z.boolean(),
      carriedForward: z.boolean(),
      before: nullable(z.number()),
      after: nullable(z.number()),
      change: nullable(z.number()),
    }),
  ),
  newGoals: z.array(z.unknown()),
  newMilestones: z.array(z.unknown()),
  summary: answer({ before: nullable(z.number()), after: nullable(z.number()), improved: z.number().int(), fell: z.number().int() }),
});

export const organisationPageOutput = answer({
  organisation: organisationOutput,
  leads: z.array(goalOutput),
  supports: z.array(goalOutput),
});

export const standingGoalOutput = answer({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  theme: z.string(),
  visibility,
  goalId: nullable(id),
});

/** The public progress page: only what is marked public, with no one's name but the organisations'. */
export const publicPageOutput = answer({
  group: answer({ name: z.string(), shortName: z.string() }),
  cycle: nullable(answer({ name: z.string(), workshopDate: day, agmDate: day })),
  progress: nullable(z.number()),
  goals: z.array(
    answer({
      id,
      title: z.string(),
      description: z.string(),
      themeName: nullable(z.string()),
      leadName: nullable(z.string()),
      status: goalStatus,
      progress: nullable(z.number()),
      dueDate: nullable(day),
      measures: z.array(
        answer({
          id,
          name: z.string(),
          kind: z.enum(measureKinds),
          unit: z.string(),
          baseline: nullable(z.number()),
          target: nullable(z.number()),
          current: nullable(z.number()),
          progress: nullable(z.number()),
        }),
      ),
    }),
  ),
  milestones: z.array(answer({ id, title: z.string(), date: day, dateLabel: z.string(), description: z.string(), outcome: z.string() })),
  decisions: z.array(decisionTakenOutput),
  statements: z.array(letterOutput),
});

/** A spreadsheet import's problems: the row and column to look at, and what is wrong there. */
export const importProblem = answer({ row: z.number().int(), column: z.string(), message: z.string() });
