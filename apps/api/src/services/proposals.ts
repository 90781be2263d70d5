/**
 * Proposals: the convenor puts a question to the group, edits it while open, closes it early,
 * extends it, withdraws it and records the outcome; members give their own organisation's one
 * position until it closes. Every write runs, checks first, in the transaction the route hands
 * it; versioned changes and their audit entries go through the shared versioned edit.
 */

import {
  type Database,
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
  type ProposalOutcome,
  type ProposalPatch,
  positionProblem,
  positionRefusal,
  proposalResult,
} from "@convene/domain";
import type { Updateable } from "kysely";
import { actorOf, type SessionUser } from "../context.ts";
import { ApiError, forbidden, invalid, notFound } from "../errors.ts";
import { recordDecision } from "./meetings.ts";
import { notifyProposalOpened } from "./notifications.ts";
import { recordSay } from "./one-per-organisation.ts";
import { applyEdit } from "./versioned-edit.ts";

type Proposal = NonNullable<Awaited<ReturnType<typeof proposalForWrite>>>;

async function mustExist(db: Db, id: number): Promise<Proposal> {
  const p = await proposalForWrite(db, id);
  if (!p) throw notFound("That proposal");
  return p;
}

/**
 * A closed or withdrawn proposal answers 409 with a code of its own, as a closed or withdrawn
 * alert does (`alert_closed`, `alert_withdrawn`): the request was well formed, the proposal's
 * state forbids it now, and the dashboard can tell this apart from a stale version ("conflict").
 */
const notOpen = (p: Proposal) =>
  p.state === "withdrawn"
    ? new ApiError(409, "proposal_withdrawn", "This proposal was withdrawn, so it can no longer be changed.")
    : new ApiError(409, "proposal_closed", "This proposal has closed, so it can no longer be changed.");

function checkFuture(field: string, at: string, now = new Date()) {
  if (Date.parse(at) <= now.getTime()) throw invalid(field, "Enter a closing time in the future");
}

async function checkLinks(db: Db, input: Pick<ProposalInput, "alertId" | "meetingId" | "goalId">) {
  if (input.alertId && !(await db.selectFrom("alerts").select("id").where("id", "=", input.alertId).executeTakeFirst()))
    throw invalid("alertId", "There is no such alert");
  // A deleted meeting is refused as a missing one: a proposal for it would point at nothing anyone can open.
  if (
    input.meetingId &&
    !(await db.selectFrom("meetings").select("id").where("id", "=", input.meetingId).where("deletedAt", "is", null).executeTakeFirst())
  )
    throw invalid("meetingId", "There is no such meeting");
  if (
    input.goalId &&
    !(await db.selectFrom("goals").select("id").where("id", "=", input.goalId).where("deletedAt", "is", null).executeTakeFirst())
  )
    throw invalid("goalId", "There is no such goal");
}

/** The proposal as it is stored, changed at `version` through the shared versioned edit (409 on a stale version), audited. */
function edit(
  trx: Db,
  user: SessionUser,
  before: Proposal,
  version: number,
  values: Updateable<Database["proposals"]>,
  action: "update" | "close" | "withdraw" = "update",
) {
  return applyEdit(trx, "That proposal", {
    table: "proposals",
    id: before.id,
    version,
    values: { ...values, updatedAt: new Date().toISOString() },
    before,
    read: proposalForWrite,
    audit: { actor: actorOf(user), entity: "proposal", action },
  });
}

/** An open proposal, read in the write's transaction, or 404 / 409. */
async function openProposal(trx: Db, id: number): Promise<Proposal> {
  const before = await mustExist(trx, id);
  if (before.state !== "open") throw notOpen(before);
  return before;
}

export async function createProposal(trx: Db, user: SessionUser, input: ProposalInput) {
  checkFuture("closesAt", input.closesAt);
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
  await notifyProposalOpened(trx, {
    id,
    question: input.question,
    closesAt: input.closesAt,
    visibility: input.visibility,
    createdById: user.id,
  });
  return proposalFor(trx, user, id);
}

export async function updateProposal(trx: Db, user: SessionUser, id: number, patch: ProposalPatch) {
  const { version, options, ...fields } = patch;
  const before = await openProposal(trx, id);
  if (options !== undefined) {
    if (before.kind === "consent" || before.kind === "sense_check") throw invalid("options", "This kind of proposal does not take options");
    if (options.length < 2) throw invalid("options", before.kind === "time" ? "Propose at least two times" : "Give at least two options");
    const given = await trx.selectFrom("proposalPositions").select("id").where("proposalId", "=", id).executeTakeFirst();
    if (given && JSON.stringify(options) !== JSON.stringify(before.options))
      throw new ApiError(409, "conflict", "Organisations have already chosen from these options, so they cannot be changed.");
  }
  await edit(trx, user, before, version, { ...fields, ...(options ? { options: JSON.stringify(options) } : {}) });
  return proposalFor(trx, user, id);
}

/** Closes early (or at its time), with the outcome if the convenor has it already. */
export async function closeProposal(trx: Db, user: SessionUser, id: number, version: number, outcome: string) {
  const before = await openProposal(trx, id);
  const closing = { state: "closed" as const, outcome: outcome || null, closedAt: new Date().toISOString(), closedByName: user.name };
  await edit(trx, user, before, version, closing, "close");
  return proposalFor(trx, user, id);
}

/** A new, later closing time; a proposal that closed by reaching its time may be reopened this way, one closed by the convenor may not. */
export async function extendProposal(trx: Db, user: SessionUser, id: number, version: number, closesAt: string) {
  checkFuture("closesAt", closesAt);
  const before = await openProposal(trx, id);
  if (Date.parse(closesAt) <= Date.parse(before.closesAt)) throw invalid("closesAt", "Enter a closing time later than the current one");
  await edit(trx, user, before, version, { closesAt });
  return proposalFor(trx, user, id);
}

export async function withdrawProposal(trx: Db, user: SessionUser, id: number, version: number, reason: string) {
  const before = await openProposal(trx, id);
  const withdrawing = { state: "withdrawn" as const, outcome: reason || null, closedAt: new Date().toISOString(), closedByName: user.name };
  await edit(trx, user, before, version, withdrawing, "withdraw");
  return proposalFor(trx, user, id);
}

/**
 * The outcome in words, recorded (or corrected) once the proposal has closed, and entered in the
 * decisions log as decided by this proposal (at its linked meeting, if it has one). What it does
 * to a goal goes through the same rules as a meeting's decision, in this transaction: a goal
 * change refused there takes the outcome back with it. A corrected outcome with no goal effect
 * rewrites the proposal's decision rather than logging a second one.
 */
export async function recordOutcome(trx: Db, user: SessionUser, id: number, input: ProposalOutcome) {
  const { version, outcome, decision: effect } = input;
  const before = await mustExist(trx, id);
  if (before.state === "open" && Date.parse(before.closesAt) > Date.now())
    throw new ApiError(409, "conflict", "Close the proposal before recording its outcome.");
  if (before.state === "withdrawn" && effect.action !== "none") throw notOpen(before);
  const closing = before.state === "open" ? { state: "closed" as const, closedAt: new Date().toISOString(), closedByName: user.name } : {};
  await edit(trx, user, before, version, { outcome, ...closing });
  let decision = null;
  if (before.state !== "withdrawn") {
    const earlier =
      effect.action === "none"
        ? await trx
            .selectFrom("meetingDecisions")
            .selectAll()
            .where("proposalId", "=", id)
            .where("deletedAt", "is", null)
            .orderBy("id", "desc")
            .executeTakeFirst()
        : undefined;
    if (earlier) {
      decision = await trx
        .updateTable("meetingDecisions")
        .set({ text: outcome })
        .where("id", "=", earlier.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor: actorOf(user),
        action: "update",
        entity: "meeting_decision",
        entityId: earlier.id,
        before: earlier,
        after: decision,
      });
    } else {
      const source = {
        meetingId: before.meetingId,
        proposalId: id,
        visibility: before.visibility,
        where: `By proposal “${before.question}”`,
      };
      decision = await recordDecision(trx, actorOf(user), source, outcome, effect);
    }
  }
  return { proposal: await proposalFor(trx, user, id), decision };
}

/**
 * An organisation's position: members for their own organisation only, the convenor for any it
 * names. A second position from the same organisation replaces the first and records who gave it.
 */
export async function givePosition(trx: Db, user: SessionUser, id: number, input: PositionInput) {
  const proposal = await getProposal(trx, user.role, id);
  if (!proposal) throw notFound("That proposal");
  let organisationId: number;
  if (user.role === "convenor") {
    if (!input.organisationId) throw invalid("organisationId", "Name the organisation whose position you are recording");
    organisationId = input.organisationId;
  } else {
    if (user.role !== "member" || !user.organisationId)
      throw forbidden("Only members of an organisation, or the convenor, can give a position.");
    if (input.organisationId !== undefined && input.organisationId !== user.organisationId)
      throw forbidden("You can give a position only for your own organisation.");
    organisationId = user.organisationId;
  }
  if (!(await trx.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst()))
    throw invalid("organisationId", "There is no such organisation");
  const refusal = positionRefusal(proposal, new Date());
  if (refusal) throw new ApiError(409, refusal.code, refusal.message);
  const problem = positionProblem(proposal.kind, proposal.options.length, input);
  if (problem) throw invalid(problem.field, problem.message);
  const { row, created } = await recordSay(trx, user, {
    entity: "proposal_position",
    key: { proposalId: id, organisationId },
    earlier: (db) =>
      db
        .selectFrom("proposalPositions")
        .select(["stance", "choices", "reason", "givenByName", "updatedAt"])
        .where("proposalId", "=", id)
        .where("organisationId", "=", organisationId)
        .executeTakeFirst(),
    write: (db) => upsertPosition(db, id, organisationId, input, actorOf(user)),
    view: (r) => ({ stance: r.stance, choices: r.choices, reason: r.reason }),
  });
  return {
    position: { ...row, choices: JSON.parse(row.choices) as number[] },
    created,
    proposal: await proposalFor(trx, user, id),
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
