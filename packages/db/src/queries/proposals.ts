/**
 * Proposals as a viewer may see them, filtered by visibility in SQL. Positions follow their
 * proposal's visibility. Which organisations have NOT given a position is a separate read for the
 * convenor's eyes only: the route that calls `organisationsWithoutPosition` is convenor-only.
 */
import { type PositionInput, type ProposalState, tallyPositions, type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database, Proposal } from "../schema.ts";

export interface ProposalFilter {
  state?: ProposalState | undefined;
  ids?: number[];
}

const parseChoices = (json: string): number[] => JSON.parse(json) as number[];

function toProposal(row: Proposal) {
  return { ...row, options: JSON.parse(row.options) as string[] };
}

/** The proposals a viewer may see, each with its tally and, given `organisationId`, that organisation's own position. */
export async function listProposals(db: Kysely<Database>, viewer: Viewer, filter: ProposalFilter, organisationId?: number | null) {
  let q = db.selectFrom("proposals").selectAll().where("visibility", "in", visibleLevels(viewer));
  if (filter.state) q = q.where("state", "=", filter.state);
  if (filter.ids) q = q.where("id", "in", filter.ids.length ? filter.ids : [-1]);
  const rows = (await q.orderBy("closesAt").orderBy("id").execute()).map(toProposal);
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
