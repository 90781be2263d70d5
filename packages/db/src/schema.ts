/**
 * The Kysely view of the database. Columns are camelCase in SQL too, matching Better Auth's
 * own tables, so no name-mapping plugin sits between the two. Better Auth's own tables (user, session, account, verification) are
 * created by our migrations too but queried through Better Auth, except `user`, which the
 * dashboard lists.
 */
import type {
  AlertKind,
  AlertResponse,
  AlertState,
  AlertUrgency,
  AttendanceStatus,
  ContributionKind,
  DatePrecision,
  GoalStatus,
  MeasureKind,
  MeetingKind,
  MilestoneKind,
  RoadmapStatus,
  Role,
  Visibility,
} from "@convene/domain";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  shortName: string;
  website: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  isConvenor: ColumnType<number, number | boolean, number | boolean>;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface CycleTable {
  id: Generated<number>;
  name: string;
  workshopDate: string;
  agmDate: string;
  updateIntervalDays: Generated<number>;
  closedAt: string | null;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface ThemeTable {
  id: Generated<number>;
  name: string;
  description: string;
  createdAt: Timestamp;
  version: Generated<number>;
}

export interface GoalTable {
  id: Generated<number>;
  cycleId: number;
  themeId: number | null;
  title: string;
  description: string;
  leadOrganisationId: number | null;
  status: GoalStatus;
  dueDate: string | null;
  visibility: Visibility;
  copiedFromGoalId: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export interface GoalSupporterTable {
  goalId: number;
  organisationId: number;
}

export interface MeasureTable {
  id: Generated<number>;
  goalId: number;
  name: string;
  kind: MeasureKind;
  unit: string;
  baseline: number | null;
  target: number | null;
  weight: number;
  createdAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export interface MeasureValueTable {
  id: Generated<number>;
  measureId: number;
  /** Null for the value a measure started with. */
  updateId: number | null;
  value: number;
  recordedAt: string;
}

export interface ProgressUpdateTable {
  id: Generated<number>;
  goalId: number;
  authorId: string | null;
  authorName: string;
  organisationId: number | null;
  note: string;
  status: GoalStatus | null;
  confidence: number | null;
  visibility: Visibility;
  createdAt: string;
  deletedAt: string | null;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: string;
  userId: string | null;
  userName: string;
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export type InvitationKind = "setup" | "invite" | "reset";

export interface InvitationTable {
  id: Generated<number>;
  kind: InvitationKind;
  tokenHash: string;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  userId: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** Better Auth's user table, with the admin plugin's and our own fields. */
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: number;
  image: string | null;
  createdAt: string;
  updatedAt: string;
  role: Role | null;
  banned: number | null;
  banReason: string | null;
  banExpires: string | null;
  organisationId: number | null;
  /** Better Auth's two-factor plugin: TOTP is set up and asked for at sign-in. */
  twoFactorEnabled: boolean | number | null;
  /** When the person was warned that their unused account will be disabled (2026-12-03-10-dormant-accounts). */
  dormantWarnedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  organisations: OrganisationTable;
  cycles: CycleTable;
  themes: ThemeTable;
  goals: GoalTable;
  goalSupporters: GoalSupporterTable;
  measures: MeasureTable;
  measureValues: MeasureValueTable;
  progressUpdates: ProgressUpdateTable;
  auditEntries: AuditEntryTable;
  invitations: InvitationTable;
  settings: SettingTable;
  user: UserTable;
  milestones: MilestoneTable;
  milestoneOrganisations: MilestoneOrganisationTable;
  milestoneGoals: MilestoneGoalTable;
  meetings: MeetingTable;
  meetingAttendance: MeetingAttendanceTable;
  meetingDecisions: MeetingDecisionTable;
  calendarLinks: CalendarLinkTable;
  alerts: AlertTable;
  alertAnswers: AlertAnswerTable;
  resources: ResourceTable;
  roadmapItems: RoadmapItemTable;
  roadmapDependencies: RoadmapDependencyTable;
  roadmapItemEvents: RoadmapItemEventTable;
  userVisits: UserVisitTable;
  contributions: ContributionTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Cycle = Selectable<CycleTable>;
export type Theme = Selectable<ThemeTable>;
export type Goal = Selectable<GoalTable>;
export type GoalUpdate = Updateable<GoalTable>;
export type Measure = Selectable<MeasureTable>;
export type ProgressUpdate = Selectable<ProgressUpdateTable>;
export type AuditEntry = Selectable<AuditEntryTable>;
export type Invitation = Selectable<InvitationTable>;
export type User = Selectable<UserTable>;

export interface MilestoneTable {
  id: Generated<number>;
  title: string;
  kind: MilestoneKind;
  /** The ISO date of the start of the period, to `datePrecision`. */
  date: string;
  datePrecision: DatePrecision;
  description: string;
  outcome: string;
  /** JSON: [{ title, url }]. */
  evidence: string;
  notes: string;
  visibility: Visibility;
  /** Set on records loaded from the seed, so seeding again adds nothing twice. */
  seedKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export interface MilestoneOrganisationTable {
  milestoneId: number;
  organisationId: number;
}

export interface MilestoneGoalTable {
  milestoneId: number;
  goalId: number;
}

export interface MeetingTable {
  id: Generated<number>;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  onlineUrl: string | null;
  agenda: string;
  minutes: string;
  visibility: Visibility;
  cycleId: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export interface MeetingAttendanceTable {
  meetingId: number;
  organisationId: number;
  status: AttendanceStatus;
}

export interface MeetingDecisionTable {
  id: Generated<number>;
  /** Null for a decision taken by a proposal not linked to a meeting. */
  meetingId: number | null;
  text: string;
  goalId: number | null;
  goalAction: "created" | "changed" | null;
  /** The proposal whose outcome this decision is, if it was decided by proposal. */
  proposalId: number | null;
  createdAt: Timestamp;
  /** Removed by the convenor and restorable (2026-12-04-20-decision-undo); null while it stands. */
  deletedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A person's private calendar feed link: only a hash of its token is kept. */
export interface CalendarLinkTable {
  userId: string;
  tokenHash: string;
  createdAt: string;
}

export type Meeting = Selectable<MeetingTable>;

export interface AlertTable {
  id: Generated<number>;
  title: string;
  situation: string;
  kind: AlertKind;
  urgency: AlertUrgency;
  ask: string;
  deadline: string;
  visibility: Visibility;
  state: ColumnType<AlertState, AlertState | undefined, AlertState>;
  outcome: string | null;
  /** 1 successful, 0 not, null while open or withdrawn. */
  successful: number | null;
  closedAt: string | null;
  closedByName: string | null;
  /** The milestone recorded from this alert's successful outcome, if any. */
  milestoneId: ColumnType<number | null, number | null | undefined, number | null>;
  /** What the alert carries, at most one of the two (2026-12-04-10-alert-carries). */
  proposalId: ColumnType<number | null, number | null | undefined, number | null>;
  statementId: ColumnType<number | null, number | null | undefined, number | null>;
  raisedById: string | null;
  raisedByName: string;
  raisedByOrganisationId: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Generated<number>;
}

/** One row per (alert, organisation): a second answer updates it. */
export interface AlertAnswerTable {
  id: Generated<number>;
  alertId: number;
  organisationId: number;
  response: AlertResponse;
  note: string;
  answeredById: string | null;
  answeredByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ResourceTable {
  id: Generated<number>;
  title: string;
  description: string;
  url: string | null;
  /** A JSON array of lower-case tags. */
  tags: string;
  visibility: Visibility;
  createdById: string | null;
  createdByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export type Alert = Selectable<AlertTable>;
export type AlertAnswer = Selectable<AlertAnswerTable>;
export type Resource = Selectable<ResourceTable>;

export interface RoadmapItemTable {
  id: Generated<number>;
  title: string;
  description: string;
  workstream: string;
  startDate: string;
  endDate: string;
  status: RoadmapStatus;
  percentComplete: number;
  goalId: number | null;
  followGoalProgress: ColumnType<number, number | boolean, number | boolean>;
  visibility: Visibility;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

export interface RoadmapDependencyTable {
  itemId: number;
  dependsOnId: number;
}

/** One row per change of an item's status or percent complete: the history behind road map progress over time. */
export interface RoadmapItemEventTable {
  id: Generated<number>;
  itemId: number;
  at: string;
  status: RoadmapStatus;
  percentComplete: number;
  userId: string | null;
}

/** When a person last marked their "What's new" feed as seen. */
export interface UserVisitTable {
  userId: string;
  lastSeenAt: string;
  updatedAt: Timestamp;
}

export interface ContributionTable {
  id: Generated<number>;
  organisationId: number;
  kind: ContributionKind;
  date: string;
  description: string;
  hours: number | null;
  goalId: number | null;
  milestoneId: number | null;
  meetingId: number | null;
  visibility: Visibility;
  createdById: string | null;
  createdByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}

// Proposals and sign-on statements (2026-12-01-20-proposals), added to Database by declaration merging.
export interface Database {
  proposals: ProposalTable;
  proposalPositions: ProposalPositionTable;
  statements: StatementTable;
  statementTextVersions: StatementTextVersionTable;
  statementSigners: StatementSignerTable;
  statementSignatures: StatementSignatureTable;
  statementRecipients: StatementRecipientTable;
}

export interface ProposalTable {
  id: Generated<number>;
  question: string;
  description: string;
  kind: import("@convene/domain").ProposalKind;
  /** JSON: the option or slot labels, by index. */
  options: string;
  closesAt: string;
  /** Counted in organisations. */
  quorum: number;
  visibility: Visibility;
  state: ColumnType<import("@convene/domain").ProposalState, import("@convene/domain").ProposalState | undefined>;
  outcome: string | null;
  closedAt: string | null;
  closedByName: string | null;
  alertId: number | null;
  meetingId: number | null;
  goalId: number | null;
  createdById: string | null;
  createdByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Generated<number>;
}

/** One row per (proposal, organisation): a second member's change replaces it and records who. */
export interface ProposalPositionTable {
  id: Generated<number>;
  proposalId: number;
  organisationId: number;
  stance: import("@convene/domain").Stance | null;
  /** JSON: the indexes of the options chosen. */
  choices: string;
  reason: string;
  givenById: string | null;
  givenByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface StatementTable {
  id: Generated<number>;
  title: string;
  kind: import("@convene/domain").StatementKind;
  /** The current Markdown text; earlier ones are in statementTextVersions. */
  text: string;
  textVersion: ColumnType<number, number | undefined, number>;
  deadline: string;
  visibility: Visibility;
  state: ColumnType<import("@convene/domain").StatementState, import("@convene/domain").StatementState | undefined>;
  publishedOn: string | null;
  milestoneId: number | null;
  createdById: string | null;
  createdByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: Generated<number>;
}

export interface StatementTextVersionTable {
  id: Generated<number>;
  statementId: number;
  textVersion: number;
  text: string;
  changeNote: string;
  createdByName: string;
  createdAt: Timestamp;
}

/** Who the convenor has marked as able to sign for an organisation. */
export interface StatementSignerTable {
  statementId: number;
  organisationId: number;
  userId: string;
}

/** One row per (statement, organisation). `named` 0 means supporting unnamed: never shown to observers or the public. */
export interface StatementSignatureTable {
  id: Generated<number>;
  statementId: number;
  organisationId: number;
  named: number;
  confirmedTextVersion: number;
  signedById: string | null;
  signedByName: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface StatementRecipientTable {
  id: Generated<number>;
  statementId: number;
  name: string;
  sentOn: string | null;
  repliedOn: string | null;
  replyText: string;
  replyUrl: string | null;
  replySummary: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type Proposal = Selectable<ProposalTable>;
export type Statement = Selectable<StatementTable>;

// Stored progress (2026-12-02-10-stored-progress), added to Database by declaration merging.
export interface Database {
  storedMeasureProgress: StoredMeasureProgressTable;
  storedGoalProgress: StoredGoalProgressTable;
  storedGoalSeries: StoredGoalSeriesTable;
  storedCycleProgress: StoredCycleProgressTable;
  storedProgressState: StoredProgressStateTable;
}

/** Each measure's latest value a viewer of `level` may see. */
export interface StoredMeasureProgressTable {
  measureId: number;
  level: Visibility;
  goalId: number;
  value: number;
  recordedAt: string;
}

export interface StoredGoalProgressTable {
  goalId: number;
  level: Visibility;
  cycleId: number;
  /** 1 when the goal counts in its cycle's series at this level. */
  counted: number;
  progress: number | null;
  lastUpdateAt: string | null;
  /** When the latest value behind `progress` was recorded. */
  lastValueAt: string | null;
}

/** A goal's progress at the end of each date on which one of its visible values changed. */
export interface StoredGoalSeriesTable {
  goalId: number;
  level: Visibility;
  date: string;
  progress: number | null;
}

/** A cycle's weekly points: the sum of its counted goals' progress on `date` and how many had any. */
export interface StoredCycleProgressTable {
  cycleId: number;
  level: Visibility;
  date: string;
  total: number;
  goals: number;
}

export interface StoredProgressStateTable {
  id: number;
  answersVersion: number;
}

// Better Auth's rate-limit counts (2026-12-01-01-rate-limit); the sign-in limit keeps its own keys here too.
export interface Database {
  rateLimit: RateLimitTable;
}

export interface RateLimitTable {
  id: string;
  key: string;
  count: number;
  /** Milliseconds since 1970; PostgreSQL's bigint comes back as a string. */
  lastRequest: number | string;
}

// The inbox and the outbox (2026-12-02-40-notifications), added to Database by declaration merging.
export interface Database {
  notifications: NotificationTable;
  outbox: OutboxTable;
  webhooks: WebhookTable;
}

/** One row per person told about a record; its title never carries more than `visibility` allows. */
export interface NotificationTable {
  id: Generated<number>;
  userId: string;
  kind: import("@convene/domain").NotificationKind;
  entity: import("@convene/domain").NotificationEntity;
  entityId: number;
  visibility: Visibility;
  title: string;
  summary: string;
  createdAt: Timestamp;
  readAt: string | null;
  /** One person+subject+kind+period: a scheduled reminder is written once (unique). */
  dedupeKey: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A delivery still to make, or made: claimed by one worker at a time through `claimedUntil`. */
export interface OutboxTable {
  id: Generated<number>;
  channel: import("@convene/domain").DeliveryChannel;
  notificationId: number | null;
  payload: string;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Timestamp;
  lastError: string | null;
  claimedUntil: string | null;
  leasedBy: string | null;
  sentAt: string | null;
  cancelledAt: string | null;
  createdAt: Timestamp;
  /** 1 for an urgent alert (2026-12-02-60-notification-preferences): rest periods do not hold it. */
  urgent: ColumnType<number, number | undefined, number>;
  /** One hook+subject+kind+period for webhook rows of scheduled reminders (unique). */
  dedupeKey: ColumnType<string | null, string | null | undefined, string | null>;
}

// Preferences, digests and rest periods (2026-12-02-60-notification-preferences).
export interface Database {
  notification_preferences: NotificationPreferencesTable;
  digests: DigestTable;
  rest_periods: RestPeriodTable;
}

export interface NotificationPreferencesTable {
  userId: string;
  /** JSON { kind: mode }. */
  kinds: string;
  digestFrequency: import("@convene/domain").DigestFrequency;
  timeZone: string;
  quietFrom: string | null;
  quietTo: string | null;
  /** JSON array of weekday numbers, 0 for Sunday. */
  daysOff: string;
  urgentBreaksQuiet: number;
  version: ColumnType<number, number | undefined, number>;
  updatedAt: Timestamp;
}

/** One per person per period: the unique (userId, period) key is what makes a digest go once. */
export interface DigestTable {
  id: Generated<number>;
  userId: string;
  period: string;
  coveredFrom: string;
  coveredUntil: string;
  itemCount: number;
  createdAt: Timestamp;
}

export interface RestPeriodTable {
  id: Generated<number>;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdById: string | null;
  createdAt: Timestamp;
}

// Answer links in alert emails (2026-12-02-60-answer-links), added to Database by declaration merging.
export interface Database {
  alertAnswerLinks: AlertAnswerLinkTable;
}

/** A single-use link recording one organisation's answer to an alert; only the token's hash is kept. */
export interface AlertAnswerLinkTable {
  id: Generated<number>;
  tokenHash: string;
  userId: string;
  alertId: number;
  organisationId: number;
  createdAt: Timestamp;
  usedAt: string | null;
}

/** A channel of the group's (Slack, Teams, Matrix or any receiver) that the convenor configured. */
export interface WebhookTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  format: import("@convene/domain").WebhookFormat;
  /** JSON array of the event kinds it is told about. */
  events: string;
  visibility: Visibility;
  enabled: ColumnType<number, number | undefined, number>;
  lastError: string | null;
  lastErrorAt: string | null;
  lastDeliveredAt: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: string | null;
  version: Generated<number>;
}
