/** What the API answers about the group's record: milestones, meetings, alerts, the road map, contributions, the library, the feed. */
import { z } from "zod";
import { alertKinds, alertResponses, alertStates, alertUrgencies } from "../alert.ts";
import { contributionKinds } from "../contribution.ts";
import { goalStatuses } from "../goal-status.ts";
import { attendanceStatuses, meetingKinds } from "../meeting.ts";
import { datePrecisions, milestoneKinds } from "../milestone.ts";
import { proposalKinds, proposalStates } from "../proposal.ts";
import { roadmapStatuses } from "../roadmap.ts";
import { statementKinds } from "../statement.ts";
import { visibilities } from "../visibility.ts";
import { answer, binnedRecord, day, decisionLogRow, id, nullable, organisationRef, time, version } from "./fields.ts";

const visibility = z.enum(visibilities);
const count = z.number().int();

export const milestoneOutput = answer({
  id,
  title: z.string(),
  kind: z.enum(milestoneKinds),
  date: day,
  datePrecision: z.enum(datePrecisions),
  description: z.string(),
  outcome: z.string(),
  evidence: z.array(answer({ title: z.string(), url: z.string() })),
  notes: z.string(),
  visibility,
  organisationIds: z.array(id),
  organisations: z.array(organisationRef),
  goalIds: z.array(id),
  goals: z.array(answer({ id, title: z.string(), cycleName: z.string() })),
  fromSeed: z.boolean(),
  ...binnedRecord,
});

export const meetingOutput = answer({
  id,
  kind: z.enum(meetingKinds),
  title: z.string(),
  startsAt: time,
  endsAt: nullable(time),
  place: nullable(z.string()),
  onlineUrl: nullable(z.string()),
  agenda: z.string(),
  minutes: z.string(),
  visibility,
  cycleId: nullable(id),
  cycleName: nullable(z.string()),
  attendedCount: count,
  decisionCount: count,
  ...binnedRecord,
});

export const meetingPageOutput = answer({
  meeting: meetingOutput,
  attendance: z.array(
    answer({ organisationId: id, status: z.enum(attendanceStatuses), organisationName: z.string(), shortName: z.string() }),
  ),
  decisions: z.array(
    answer({
      ...decisionLogRow,
      /** Set when the decision is a proposal's outcome the viewer may see: "Decided by proposal". */
      proposalId: nullable(id),
      proposalQuestion: nullable(z.string()),
    }),
  ),
  /** The proposals put for this meeting that the viewer may see. */
  proposals: z.array(
    answer({
      id,
      question: z.string(),
      kind: z.enum(proposalKinds),
      state: z.enum(proposalStates),
      closesAt: time,
      closedAt: nullable(time),
      visibility,
    }),
  ),
});

export const decisionOutput = answer({
  id,
  /** Null for a decision taken by a proposal not linked to a meeting. */
  meetingId: nullable(id),
  proposalId: nullable(id),
  text: z.string(),
  goalId: nullable(id),
  goalAction: nullable(z.string()),
  createdAt: time,
});

const alertAnswerOwn = answer({ response: z.enum(alertResponses), note: z.string(), updatedAt: time });

export const alertOutput = answer({
  id,
  title: z.string(),
  situation: z.string(),
  kind: z.enum(alertKinds),
  urgency: z.enum(alertUrgencies),
  ask: z.string(),
  deadline: time,
  visibility,
  state: z.enum(alertStates),
  outcome: nullable(z.string()),
  successful: nullable(z.boolean()),
  closedAt: nullable(time),
  closedByName: nullable(z.string()),
  raisedById: nullable(z.string()),
  raisedByName: z.string(),
  raisedByOrganisationId: nullable(id),
  raisedByOrganisationName: nullable(z.string()),
  milestoneId: nullable(id),
  proposalId: nullable(id),
  statementId: nullable(id),
  /** What it carries, named only to those who may see it. */
  carries: nullable(answer({ kind: z.enum(["proposal", "statement"]), id, title: z.string(), deadline: time, state: z.string() })),
  createdAt: time,
  updatedAt: time,
  version,
  tally: answer({ join: count, cannot: count, need_info: count, total: count }),
  myAnswer: nullable(alertAnswerOwn),
});

export const alertAnswerOutput = answer({
  id,
  alertId: id,
  organisationId: id,
  response: z.enum(alertResponses),
  note: z.string(),
  answeredByName: z.string(),
  createdAt: time,
  updatedAt: time,
});

/** A milestone the convenor may record from a closed alert, filled in from it. */
export const milestoneDraftOutput = answer({
  date: day,
  title: z.string(),
  kind: z.enum(milestoneKinds),
  description: z.string(),
  outcome: z.string(),
  contributingOrganisationIds: z.array(id),
  contributingOrganisationNames: z.array(z.string()),
  visibility,
  fromAlertId: id,
});

export const resourceOutput = answer({
  id,
  title: z.string(),
  description: z.string(),
  url: nullable(z.string()),
  tags: z.array(z.string()),
  visibility,
  createdById: nullable(z.string()),
  createdByName: z.string(),
  ...binnedRecord,
});

export const roadmapItemOutput = answer({
  id,
  title: z.string(),
  description: z.string(),
  workstream: z.string(),
  startDate: day,
  endDate: day,
  status: z.enum(roadmapStatuses),
  percentComplete: z.number(),
  followGoalProgress: z.boolean(),
  shownPercent: z.number(),
  overdue: z.boolean(),
  goalId: nullable(id),
  goal: nullable(answer({ id, title: z.string(), progress: nullable(z.number()) })),
  dependsOn: z.array(id),
  dependsOnTitles: z.array(z.string()),
  visibility,
  ...binnedRecord,
});

export const roadmapProgressOutput = answer({
  from: day,
  to: day,
  items: count,
  points: z.array(answer({ date: day, planned: z.number(), actual: z.number() })),
});

export const contributionOutput = answer({
  id,
  organisationId: id,
  organisationName: z.string(),
  organisationShortName: z.string(),
  kind: z.enum(contributionKinds),
  date: day,
  description: z.string(),
  hours: nullable(z.number()),
  goalId: nullable(id),
  goalTitle: nullable(z.string()),
  milestoneId: nullable(id),
  milestoneTitle: nullable(z.string()),
  meetingId: nullable(id),
  meetingTitle: nullable(z.string()),
  visibility,
  createdById: nullable(z.string()),
  createdByName: z.string(),
  ...binnedRecord,
});

/** The contributions list with its charts' figures (each chart has its table twin on the page). */
export const contributionsOutput = answer({
  contributions: z.array(contributionOutput),
  charts: answer({
    byOrganisation: z.array(
      answer({ organisationId: id, name: z.string(), shortName: z.string(), total: count, counts: z.record(z.string(), count) }),
    ),
    byMonth: z.array(answer({ month: z.string(), count })),
    byGoal: z.array(answer({ goalId: id, title: z.string(), count })),
    total: count,
    organisations: count,
    hours: z.number(),
  }),
});

const participation = answer({
  organisationId: id,
  name: z.string(),
  shortName: z.string(),
  isConvenor: z.boolean(),
  contributions: count,
  meetingsAttended: count,
  alertsAnswered: count,
});

export const participationOutput = answer({
  cycle: answer({ id, name: z.string(), workshopDate: day, agmDate: day }),
  organisations: z.array(participation),
  quiet: z.array(participation),
});

export const feedOutput = answer({
  lastSeenAt: nullable(time),
  since: time,
  asOf: time,
  firstVisit: z.boolean(),
  items: z.array(answer({ kind: z.string(), id, title: z.string(), at: time, detail: z.string() })),
});

export const needsYouOutput = answer({
  organisations: z.array(
    answer({
      id,
      name: z.string(),
      shortName: z.string(),
      staleGoals: z.array(answer({ id, title: z.string(), status: z.enum(goalStatuses), lastUpdateAt: nullable(time) })),
      unansweredAlerts: z.array(answer({ id, title: z.string(), urgency: z.enum(alertUrgencies), deadline: time })),
      proposalsAwaiting: z.array(answer({ id, question: z.string(), kind: z.enum(proposalKinds), closesAt: time })),
      statementsAwaiting: z.array(answer({ id, title: z.string(), kind: z.enum(statementKinds), deadline: time, toConfirm: z.boolean() })),
    }),
  ),
});
