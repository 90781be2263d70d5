/**
 * The Kysely view of the database. Columns are camelCase in SQL too, matching Better Auth's
 * own tables, so no name-mapping plugin sits between the two. Better Auth's own tables (user, session, account, verification) are
 * created by our migrations too but queried through Better Auth, except `user`, which the
 * dashboard lists.
 */
import type { GoalStatus, MeasureKind, RoadmapStatus, Role, Visibility } from "@convene/domain";
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
  roadmapItems: RoadmapItemTable;
  roadmapDependencies: RoadmapDependencyTable;
  roadmapItemEvents: RoadmapItemEventTable;
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
