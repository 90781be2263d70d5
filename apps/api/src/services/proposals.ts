/**
 * Proposals: the convenor puts a question to the group, edits it while open, closes it early,
 * extends it, withdraws it and records the outcome; members give their own organisation's one
 * position until it closes. Every check runs inside the transaction the write runs in, and
 * every write leaves an audit entry there.
 */
import {
  type Db,
  getProposal,
  listPositions,
  organisationsWithoutPosition,
  type ProposalSummary,
  proposalForWrite,
  recordAudit,
  upsertPosition,
} from "@convene/db";
import {
  type PositionInput,
  type ProposalInput,
  type ProposalPatch,
  positionProblem,
  positionRefusal,
  proposalResult,
} from "@convene/domain";
import { actorOf, type SessionUser } from "../context.ts";
import { ApiError, editConflict, forbidden, invalid, notFound } from "../errors.ts";

type Proposal = NonNullable<Awaited<ReturnType<typeof proposalForWrite>>>;

async function mustExist(db: Db, id: number): Promise<Proposal> {
  const p = await proposalForWrite(db, id);
  if (!p) throw notFound("That proposal");
  return p;
}

const notOpen = (p: Proposal) =>
  new ApiError(
    409,
    "conflict",
    p.state === "withdrawn"
      ? "This proposal was withdrawn, so it can no longer be changed."
      : "This proposal has closed, so it can no longer be changed.",
  );

function checkFuture(field: string, at: string, now = new Date()) {
  if (Date.parse(at) <= now.getTime()) throw invalid(field, "Enter a closing time in the future");
}

async function checkLinks(db: Db, input: Pick<ProposalInput, "alertId" | "meetingId" | "goalId">) {
  if (input.alertId && !(await db.selectFrom("alerts").select("id").where("id", "=", input.alertId).executeTakeFirst()))
    throw invalid("alertId", "There is no such alert");
  if (input.meetingId && !(await db.selectFrom("meetings").select("id").where("id", "=", input.meetingId).executeTakeFirst()))
    throw invalid("meetingId", "There is no such meeting");
  if (
    input.goalId &&
    !(await db.selectFrom("goals").select("id").where("id", "=", input.goalId).where("deletedAt", "is", null).executeTakeFirst())
  )
    throw invalid("goalId", "There is no such goal");
}

/**
 * Applies `values` only if the proposal is still at `version`, bumping it (the shared
 * `updateVersioned` helper lists its tables and cannot be extended from here).
 */
async function updateAt(
  trx: Db,
  id: number,
  version: number,
  values: Partial<Omit<Proposal, "id" | "version" | "options">> & { options?: string },
) {
  const result = await trx
    .updateTable("proposals")
    .set((eb) => ({ ...values, updatedAt: new Date().toISOString(), version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw editConflict(await mustExist(trx, id));
}

async function audited(trx: Db, user: SessionUser, action: "update" | "close" | "withdraw", before: Proposal) {
  await recordAudit(trx, {
    actor: actorOf(user),
    action,
    entity: "proposal",
    entityId: before.id,
    before,
    after: await mustExist(trx, before.id),
  });
}

export async function createProposal(db: Db, user: SessionUser, input: ProposalInput) {
  checkFuture("closesAt", input.closesAt);
  const id = await db.transaction().execute(async (trx) => {
    await checkLinks(trx, input);
    const now = new Date().toISOString();
    const { id } = await trx
      .insertInto("proposals")
      .values({
        ...input,
        options: JSON.stringify(input.kind === "consent" || input.kind === "sense_check" ? [] : input.options),
        outcome: null,
        closedAt: null,
        closedByName: null,
        createdById: user.id,
        createdByName: user.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "proposal", entityId: id, after: await mustExist(trx, id) });
    return id;
  });
  return proposalFor(db, user, id);
}

export async function updateProposal(db: Db, user: SessionUser, id: number, patch: ProposalPatch) {
  const { version, options, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    const before = await mustExist(trx, id);
    if (before.state !== "open") throw notOpen(before);
    if (options !== undefined) {
      if (before.kind === "consent" || before.kind === "sense_check")
        throw invalid("options", "This kind of proposal does not take options");
      if (options.length < 2) throw invalid("options", before.kind === "time" ? "Propose at least two times" : "Give at least two options");
      const given = await trx.selectFrom("proposalPositions").select("id").where("proposalId", "=", id).executeTakeFirst();
      if (given && JSON.stringify(options) !== JSON.stringify(before.options))
        throw new ApiError(409, "conflict", "Organisations have already chosen from these options, so they cannot be changed.");
    }
    await updateAt(trx, id, version, { ...fields, ...(options ? { options: JSON.stringify(options) } : {}) });
    await audited(trx, user, "update", before);
  });
  return proposalFor(db, user, id);
}

/** Closes early (or at its time), with the outcome if the convenor has it already. */
export async function closeProposal(db: Db, user: SessionUser, id: number, version: number, outcome: string) {
  await db.transaction().execute(async (trx) => {
    const before = await mustExist(trx, id);
    if (before.state !== "open") throw notOpen(before);
    await updateAt(trx, id, version, {
      state: "closed",
      outcome: outcome || null,
      closedAt: new Date().toISOString(),
      closedByName: user.name,
    });
    await audited(trx, user, "close", before);
  });
  return proposalFor(db, user, id);
}

/** A new, later closing time; a proposal that closed by reaching its time may be reopened this way, one closed by the convenor may not. */
export async function extendProposal(db: Db, user: SessionUser, id: number, version: number, closesAt: string) {
  checkFuture("closesAt", closesAt);
  await db.transaction().execute(async (trx) => {
    const before = await mustExist(trx, id);
    if (before.state !== "open") throw notOpen(before);
    if (Date.parse(closesAt) <= Date.parse(before.closesAt)) throw invalid("closesAt", "Enter a closing time later than the current one");
    await updateAt(trx, id, version, { closesAt });
    await audited(trx, user, "update", before);
  });
  return proposalFor(db, user, id);
}

export async function withdrawProposal(db: Db, user: SessionUser, id: number, version: number, reason: string) {
  await db.transaction().execute(async (trx) => {
    const before = await mustExist(trx, id);
    if (before.state !== "open") throw notOpen(before);
    await updateAt(trx, id, version, {
      state: "withdrawn",
      outcome: reason || null,
      closedAt: new Date().toISOString(),
      closedByName: user.name,
    });
    await audited(trx, user, "withdraw", before);
  });
  return proposalFor(db, user, id);
}

/** The outcome in words, recorded (or corrected) once the proposal has closed. */
export async function recordOutcome(db: Db, user: SessionUser, id: number, version: number, outcome: string) {
  await db.transaction().execute(async (trx) => {
    const before = await mustExist(trx, id);
    if (before.state === "open" && Date.parse(before.closesAt) > Date.now())
      throw new ApiError(409, "conflict", "Close the proposal before recording its outcome.");
    await updateAt(trx, id, version, {
      outcome,
      ...(before.state === "open" ? { state: "closed" as const, closedAt: new Date().toISOString(), closedByName: user.name } : {}),
    });
    await audited(trx, user, "update", before);
  });
  return proposalFor(db, user, id);
}

/**
 * An organisation's position: members for their own organisation only, the convenor for any it
 * names. A second position from the same organisation replaces the first and records who gave it.
 */
export async function givePosition(db: Db, user: SessionUser, id: number, input: PositionInput) {
  let organisationId: number;
  if (user.role === "convenor") {
    if (!input.organisationId) throw invalid("organisationId", "Name the organisation whose position you are recording");
    organisationId = input.organisationId;
  } else {
    if (user.role !== "member" || !user.organisationId) {
      if (!(await getProposal(db, user.role, id))) throw notFound("That proposal");
      throw forbidden("Only members of an organisation, or the convenor, can give a position.");
    }
    if (input.organisationId !== undefined && input.organisationId !== user.organisationId)
      throw forbidden("You can give a position only for your own organisation.");
    organisationId = user.organisationId;
  }
  const result = await db.transaction().execute(async (trx) => {
    const proposal = await getProposal(trx, user.role, id);
    if (!proposal) throw notFound("That proposal");
    if (!(await trx.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst()))
      throw invalid("organisationId", "There is no such organisation");
    const refusal = positionRefusal(proposal, new Date());
    if (refusal) throw new ApiError(409, "conflict", refusal.message, { reason: refusal.code });
    const problem = positionProblem(proposal.kind, proposal.options.length, input);
    if (problem) throw invalid(problem.field, problem.message);
    const before = await trx
      .selectFrom("proposalPositions")
      .select(["stance", "choices", "reason", "givenByName", "updatedAt"])
      .where("proposalId", "=", id)
      .where("organisationId", "=", organisationId)
      .executeTakeFirst();
    const row = await upsertPosition(trx, id, organisationId, input, actorOf(user));
    await recordAudit(trx, {
      actor: actorOf(user),
      action: before ? "update" : "create",
      entity: "proposal_position",
      entityId: row.id,
      before: before ? { proposalId: id, organisationId, ...before } : undefined,
      after: { proposalId: id, organisationId, stance: row.stance, choices: row.choices, reason: row.reason },
    });
    return { row, created: !before };
  });
  return {
    position: { ...result.row, choices: JSON.parse(result.row.choices) as number[] },
    created: result.created,
    proposal: await proposalFor(db, user, id),
  };
}

/** CONVENOR ONLY (checked by the route): the count, what it says, every position and who has not given one. */
export async function proposalResults(db: Db, id: number) {
  const proposal = await getProposal(db, "convenor", id);
  if (!proposal) throw notFound("That proposal");
  const [positions, notGiven] = await Promise.all([listPositions(db, id), organisationsWithoutPosition(db, id)]);
  return { proposal, result: proposalResult(proposal.kind, proposal.tally), positions, notGiven };
}

async function proposalFor(db: Db, user: SessionUser, id: number): Promise<ProposalSummary> {
  const p = await getProposal(db, user.role, id, user.organisationId);
  if (!p) throw notFound("That proposal");
  return p;
}
