/**
 * Proposals as a viewer may see them, filtered by visibility in SQL. Positions follow their
 * proposal's visibility. Which organisations have NOT given a position is a separate read for the
 * convenor's eyes only: the route that calls `organisationsWithoutPosition` is convenor-only.
 */
import { type PositionInput, type ProposalState, tallyPositions, type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database, Proposal } from "../schema.ts";

const parseChoices = (json: string): number[] => JSON.parse(json) as number[];

function toProposal(row: Proposal) {
  return { ...row, options: JSON.parse(row.options) as string[] };
}

export interface ProposalFilter {
  state?: ProposalState | undefined;
  ids?: number[];
  /** The proposals for one meeting (its agenda). */
  meetingId?: number;
}

/**
 * What a proposal is linked to, each with its title only when the viewer may see that record
 * and it has not been deleted; otherwise null, as if there were no link. The join carries the
 * visibility test, so a hidden record's title never leaves the database.
 */
function linksOf(r: {
  linkedAlertId: number | null;
  alertTitle: string | null;
  linkedMeetingId: number | null;
  meetingTitle: string | null;
  meetingStartsAt: string | null;
  linkedGoalId: number | null;
  goalTitle: string | null;
  goalCycleId: number | null;
}) {
  return {
    alert: r.linkedAlertId !== null && r.alertTitle !== null ? { id: r.linkedAlertId, title: r.alertTitle } : null,
    meeting:
      r.linkedMeetingId !== null && r.meetingTitle !== null && r.meetingStartsAt !== null
        ? { id: r.linkedMeetingId, title: r.meetingTitle, startsAt: r.meetingStartsAt }
        : null,
    goal:
      r.linkedGoalId !== null && r.goalTitle !== null && r.goalCycleId !== null
        ? { id: r.linkedGoalId, title: r.goalTitle, cycleId: r.goalCycleId }
        : null,
  };
}

/** The proposals a viewer may see, each with its tally, its visible links and, given `organisationId`, that organisation's own position. */
export async function listProposals(db: Kysely<Database>, viewer: Viewer, filter: ProposalFilter, organisationId?: number | null) {
  const levels = visibleLevels(viewer);
  let q = db
    .selectFrom("proposals as pr")
    .leftJoin("alerts as la", (j) => j.onRef("la.id", "=", "pr.alertId").on("la.visibility", "in", levels))
    .leftJoin("meetings as lm", (j) =>
      j.onRef("lm.id", "=", "pr.meetingId").on("lm.visibility", "in", levels).on("lm.deletedAt", "is", null),
    )
    .leftJoin("goals as lg", (j) => j.onRef("lg.id", "=", "pr.goalId").on("lg.visibility", "in", levels).on("lg.deletedAt", "is", null))
    .selectAll("pr")
    .select([
      "la.id as linkedAlertId",
      "la.title as alertTitle",
      "lm.id as linkedMeetingId",
      "lm.title as meetingTitle",
      "lm.startsAt as meetingStartsAt",
      "lg.id as linkedGoalId",
      "lg.title as goalTitle",
      "lg.cycleId as goalCycleId",
    ])
    .where("pr.visibility", "in", levels);
  if (filter.state) q = q.where("pr.state", "=", filter.state);
  if (filter.ids) q = q.where("pr.id", "in", filter.ids.length ? filter.ids : [-1]);
  if (filter.meetingId !== undefined) q = q.where("pr.meetingId", "=", filter.meetingId);
  const rows = (await q.orderBy("pr.closesAt").orderBy("pr.id").execute()).map(
    ({ linkedAlertId, alertTitle, linkedMeetingId, meetingTitle, meetingStartsAt, linkedGoalId, goalTitle, goalCycleId, ...r }) => ({
      ...toProposal(r),
      // The bare ids too only as far as the viewer may see what they point to (hidden answers as none).
      alertId: linkedAlertId,
      meetingId: linkedMeetingId,
      goalId: linkedGoalId,
      links: linksOf({ linkedAlertId, alertTitle, linkedMeetingId, meetingTitle, meetingStartsAt, linkedGoalId, goalTitle, goalCycleId }),
    }),
  );
  const ids = rows.map((r) => r.id);
  const positions = ids.length
    ? await db
        .selectFrom("proposalPositions as pp")
        .leftJoin("user as u", "u.id", "pp.givenById")
        .select([
          "pp.proposalId",
          "pp.organisationId",
          "pp.stance",
          "pp.choices",
          "pp.reason",
          "pp.givenByName",
          "pp.updatedAt",
          "u.role as giverRole",
        ])
        .where("pp.proposalId", "in", ids)
        .execute()
    : [];
  return rows.map((r) => {
    const mine = positions.filter((p) => p.proposalId === r.id).map((p) => ({ ...p, choices: parseChoices(p.choices) }));
    const own = organisationId ? mine.find((p) => p.organisationId === organisationId) : undefined;
    return {
      ...r,
      tally: tallyPositions(mine, r.quorum, r.options.length),
      myPosition: own
        ? {
            stance: own.stance,
            choices: own.choices,
            reason: own.reason,
            givenByName: own.givenByName,
            recordedByConvenor: own.giverRole === "convenor",
            updatedAt: own.updatedAt,
          }
        : null,
    };
  });
}
export type ProposalSummary = Awaited<ReturnType<typeof listProposals>>[number];

export async function getProposal(db: Kysely<Database>, viewer: Viewer, id: number, organisationId?: number | null) {
  const [proposal] = await listProposals(db, viewer, { ids: [id] }, organisationId);
  return proposal;
}

/**
 * The decisions a proposal's outcome entered in the decisions log, each with the goal it created
 * or changed only when the viewer may see that goal and it is not deleted. The caller has checked
 * the viewer may see the proposal (whose outcome is these decisions' words).
 */
export async function proposalDecisions(db: Kysely<Database>, viewer: Viewer, proposalId: number) {
  return db
    .selectFrom("meetingDecisions as d")
    .leftJoin("goals as g", (j) =>
      j.onRef("g.id", "=", "d.goalId").on("g.deletedAt", "is", null).on("g.visibility", "in", visibleLevels(viewer)),
    )
    .select(["d.id", "d.text", "d.goalAction", "d.createdAt", "g.id as goalId", "g.title as goalTitle", "g.status as goalStatus"])
    .where("d.proposalId", "=", proposalId)
    .where("d.deletedAt", "is", null)
    .orderBy("d.id")
    .execute();
}

/** The positions given on one proposal, with the organisations' names. The caller has checked the viewer may see the proposal. */
export async function listPositions(db: Kysely<Database>, proposalId: number) {
  const rows = await db
    .selectFrom("proposalPositions as pp")
    .innerJoin("organisations as o", "o.id", "pp.organisationId")
    .leftJoin("user as u", "u.id", "pp.givenById")
    .select([
      "u.role as giverRole",
      "pp.id",
      "pp.proposalId",
      "pp.organisationId",
      "o.name as organisationName",
      "o.shortName as organisationShortName",
      "pp.stance",
      "pp.choices",
      "pp.reason",
      "pp.givenByName",
      "pp.createdAt",
      "pp.updatedAt",
    ])
    .where("pp.proposalId", "=", proposalId)
    .orderBy("o.name")
    .execute();
  // A position the convenor gave (taken by email or at a meeting) is shown as recorded by the convenor for the organisation.
  return rows.map(({ giverRole, ...r }) => ({ ...r, choices: parseChoices(r.choices), recordedByConvenor: giverRole === "convenor" }));
}
export type PositionRecord = Awaited<ReturnType<typeof listPositions>>[number];

/** CONVENOR ONLY: member organisations (not left the group) with no position on the proposal yet. */
export async function organisationsWithoutPosition(db: Kysely<Database>, proposalId: number) {
  return db
    .selectFrom("organisations as o")
    .select(["o.id", "o.name", "o.shortName"])
    .where("o.leftOn", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("proposalPositions as pp")
            .select("pp.id")
            .whereRef("pp.organisationId", "=", "o.id")
            .where("pp.proposalId", "=", proposalId),
        ),
      ),
    )
    .orderBy("o.name")
    .execute();
}

/** A proposal by id whatever its visibility, for services that have already checked the viewer. */
export async function proposalForWrite(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

/** Records an organisation's position, replacing any earlier one (one row per proposal and organisation) and naming who gave it. */
export async function upsertPosition(
  db: Kysely<Database>,
  proposalId: number,
  organisationId: number,
  position: Pick<PositionInput, "stance" | "choices" | "reason">,
  by: { id: string | null; name: string },
) {
  const now = new Date().toISOString();
  const fields = {
    stance: position.stance ?? null,
    choices: JSON.stringify(position.choices),
    reason: position.reason,
    givenById: by.id,
    givenByName: by.name,
    updatedAt: now,
  };
  return db
    .insertInto("proposalPositions")
    .values({ proposalId, organisationId, ...fields, createdAt: now })
    .onConflict((oc) => oc.columns(["proposalId", "organisationId"]).doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
}
