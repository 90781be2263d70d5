/** What the API answers about proposals and sign-on statements. */
import { z } from "zod";
import { proposalKinds, proposalResultSchema, proposalStates, stances } from "../proposal.ts";
import { statementKinds, statementStates } from "../statement.ts";
import { visibilities } from "../visibility.ts";
import { answer, day, decisionLogRow, id, nullable, organisationRef, time, version } from "./fields.ts";

const count = z.number().int();
const stance = nullable(z.enum(stances));

export const proposalOutput = answer({
  id,
  question: z.string(),
  description: z.string(),
  kind: z.enum(proposalKinds),
  options: z.array(z.string()),
  closesAt: time,
  quorum: count,
  visibility: z.enum(visibilities),
  state: z.enum(proposalStates),
  outcome: nullable(z.string()),
  closedAt: nullable(time),
  closedByName: nullable(z.string()),
  alertId: nullable(id),
  meetingId: nullable(id),
  goalId: nullable(id),
  createdById: nullable(z.string()),
  createdByName: z.string(),
  createdAt: time,
  updatedAt: time,
  version,
  /** The linked records the viewer may see (not deleted), with their titles; null where there is no link or it is hidden. */
  links: answer({
    alert: nullable(answer({ id, title: z.string() })),
    meeting: nullable(answer({ id, title: z.string(), startsAt: time })),
    /** With its cycle, so an outcome that changes it can start with it chosen. */
    goal: nullable(answer({ id, title: z.string(), cycleId: id })),
  }),
  /** Counted in organisations, one position each. */
  tally: answer({
    organisations: count,
    quorum: count,
    quorumMet: z.boolean(),
    stances: answer({ agree: count, abstain: count, disagree: count, block: count }),
    options: z.array(count),
  }),
  myPosition: nullable(
    answer({
      stance,
      choices: z.array(count),
      reason: z.string(),
      givenByName: z.string(),
      /** Given by the convenor for the organisation (by email or at a meeting), not by one of its members. */
      recordedByConvenor: z.boolean(),
      updatedAt: time,
    }),
  ),
});

export const positionOutput = answer({
  id,
  proposalId: id,
  organisationId: id,
  organisationName: z.string(),
  organisationShortName: z.string(),
  stance,
  choices: z.array(count),
  reason: z.string(),
  givenByName: z.string(),
  /** Given by the convenor for the organisation (by email or at a meeting), not by one of its members. */
  recordedByConvenor: z.boolean(),
  createdAt: time,
  updatedAt: time,
});

export const proposalPageOutput = answer({
  proposal: proposalOutput,
  positions: z.array(positionOutput),
  /** What its outcome entered in the decisions log; the goal only when the viewer may see it. */
  decisions: z.array(
    answer({
      ...decisionLogRow,
    }),
  ),
});

export const proposalResultsOutput = answer({
  proposal: proposalOutput,
  result: proposalResultSchema,
  positions: z.array(positionOutput),
  notGiven: z.array(organisationRef),
});

export const positionGivenOutput = answer({
  position: positionOutput.omit({ organisationName: true, organisationShortName: true, recordedByConvenor: true }),
  created: z.boolean(),
  proposal: proposalOutput,
});

export const statementOutput = answer({
  id,
  title: z.string(),
  kind: z.enum(statementKinds),
  text: z.string(),
  textVersion: count,
  deadline: time,
  visibility: z.enum(visibilities),
  state: z.enum(statementStates),
  publishedOn: nullable(day),
  milestoneId: nullable(id),
  createdById: nullable(z.string()),
  createdByName: z.string(),
  createdAt: time,
  updatedAt: time,
  version,
  /** Observers and the public are told only of named signatures: `unnamed` is 0 for them. */
  signatures: answer({ named: count, unnamed: count, awaitingConfirmation: count }),
});

/** A statement's page: the signatures the viewer may see, its text versions, recipients and who may sign. */
export const statementPageOutput = answer({
  statement: statementOutput,
  signatures: z.array(
    answer({
      id,
      statementId: id,
      organisationId: id,
      organisationName: z.string(),
      organisationShortName: z.string(),
      named: z.boolean(),
      confirmedTextVersion: count,
      signedByName: nullable(z.string()),
      createdAt: time,
      updatedAt: time,
      needsConfirmation: z.boolean(),
    }),
  ),
  versions: z.array(answer({ textVersion: count, text: z.string(), changeNote: z.string(), createdByName: z.string(), createdAt: time })),
  recipients: z.array(
    answer({
      id,
      name: z.string(),
      sentOn: nullable(day),
      repliedOn: nullable(day),
      replyText: z.string(),
      replyUrl: nullable(z.string()),
      replySummary: z.string(),
      updatedAt: time,
    }),
  ),
  signers: z.array(answer({ organisationId: id, organisationName: z.string(), userId: z.string(), userName: z.string() })),
});

/** A closed proposal's outcome, as the public page and the AGM deck report it. */
export const decisionTakenOutput = answer({
  id,
  question: z.string(),
  kind: z.enum(proposalKinds),
  closedAt: time,
  outcome: z.string(),
  organisations: count,
  quorum: count,
  quorumMet: z.boolean(),
});

/** A published statement with its named signatories only, and the replies it received. */
export const letterOutput = answer({
  id,
  title: z.string(),
  kind: z.enum(statementKinds),
  publishedOn: day,
  text: z.string(),
  signatories: z.array(z.string()),
  recipients: z.array(
    answer({
      name: z.string(),
      sentOn: nullable(day),
      repliedOn: nullable(day),
      replySummary: z.string(),
      replyUrl: nullable(z.string()),
    }),
  ),
});
