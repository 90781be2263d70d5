/**
 * Sounding the alarm. Members and the convenor raise alerts; the raiser edits their own while it
 * is open, the convenor any open one; only the convenor closes (recording the outcome) or
 * withdraws. Each organisation answers once and may change its answer until the deadline.
 * Every write leaves an audit entry, and runs (checks included) in the transaction it is handed.
 */
import {
  type Actor,
  type AlertSummary,
  type Db,
  getAlert,
  getProposal,
  getStatement,
  insertAlert,
  listAlertAnswers,
  recordAudit,
  upsertAlertAnswer,
} from "@convene/db";
import {
  type AlertAnswerInput,
  type AlertClose,
  type AlertInput,
  type AlertPatch,
  answerRefusal,
  narrowest,
  type Visibility,
  visibilityLabels,
} from "@convene/domain";
import type { SessionUser } from "../context.ts";
import { ApiError, forbidden, invalid, notFound } from "../errors.ts";
import { createMilestone } from "./milestones.ts";
import { notifyAlertAnswered, notifyAlertRaised } from "./notifications.ts";
import { recordSay } from "./one-per-organisation.ts";
import { applyEdit } from "./versioned-edit.ts";

const actorOf = (user: SessionUser): Actor => ({ id: user.id, name: user.name });

/** An alert as the convenor sees it (every write path reads through this), or 404. */
async function alertForWrite(db: Db, id: number): Promise<AlertSummary> {
  const alert = await getAlert(db, "convenor", id);
  if (!alert) throw notFound("That alert");
  return alert;
}

/** What the audit log keeps of an alert: its own fields, not the derived tally. */
function auditView(a: AlertSummary) {
  const { tally: _t, myAnswer: _m, raisedByOrganisationName: _o, ...rest } = a;
  return rest;
}

const notOpen = (a: AlertSummary) =>
  new ApiError(
    409,
    a.state === "withdrawn" ? "alert_withdrawn" : "alert_closed",
    a.state === "withdrawn"
      ? "This alert was withdrawn, so it can no longer be changed."
      : "This alert has been closed, so it can no longer be changed.",
  );

function checkRaiserVisibility(user: SessionUser, visibility: Visibility | undefined) {
  // A member could not see (or edit, or answer) a convenor-only alert they raised.
  if (user.role !== "convenor" && visibility === "convenor") {
    throw invalid("visibility", "only the convenor can raise a convenor-only alert; choose Members so the other organisations can answer");
  }
}

function checkFutureDeadline(deadline: string | undefined, now = new Date()) {
  if (deadline !== undefined && Date.parse(deadline) <= now.getTime()) throw invalid("deadline", "must be in the future");
}

/**
 * What an alert carries must be open, and seen by everyone who sees the alert: an alert to the
 * members carrying a convenor-only statement would ask them to sign what they cannot read.
 */
async function checkCarries(
  trx: Db,
  user: SessionUser,
  a: { proposalId: number | null; statementId: number | null; visibility: Visibility },
  /** What the alert carried before an edit: it may have closed since, and still be carried. */
  kept: { proposalId: number | null; statementId: number | null } = { proposalId: null, statementId: null },
) {
  const levels = visibilityLabels[a.visibility].toLowerCase();
  if (a.proposalId !== null) {
    const p = await getProposal(trx, user.role, a.proposalId);
    if (!p) throw invalid("proposalId", "There is no such proposal");
    if (a.proposalId !== kept.proposalId && (p.state !== "open" || Date.parse(p.closesAt) <= Date.now()))
      throw invalid("proposalId", "That proposal is no longer open: choose an open one, or none");
    if (narrowest(p.visibility, a.visibility) !== a.visibility)
      throw invalid(
        "proposalId",
        `That proposal is seen by fewer people than the alert (${levels}): widen the proposal first, or choose none`,
      );
  }
  if (a.statementId !== null) {
    const st = await getStatement(trx, user.role, a.statementId);
    if (!st) throw invalid("statementId", "There is no such statement");
    if (a.statementId !== kept.statementId && (st.state !== "open" || Date.parse(st.deadline) <= Date.now()))
      throw invalid("statementId", "That statement is not open for signatures: choose an open one, or none");
    if (narrowest(st.visibility, a.visibility) !== a.visibility)
      throw invalid(
        "statementId",
        `That statement is seen by fewer people than the alert (${levels}): widen the statement first, or choose none`,
      );
  }
}

export async function raiseAlert(trx: Db, user: SessionUser, input: AlertInput) {
  if (user.role === "observer") throw forbidden("Observers cannot raise alerts; ask a member or the convenor.");
  checkRaiserVisibility(user, input.visibility);
  checkFutureDeadline(input.deadline);
  await checkCarries(trx, user, input);
  const id = await insertAlert(trx, input, { id: user.id, name: user.name, organisationId: user.organisationId });
  const saved = await alertForWrite(trx, id);
  await recordAudit(trx, {
    actor: actorOf(user),
    action: "create",
    entity: "alert",
    entityId: id,
    after: auditView(saved),
  });
  await notifyAlertRaised(trx, saved);
  return getAlert(trx, user.role, id, user.organisationId);
}

export async function editAlert(trx: Db, user: SessionUser, id: number, patch: AlertPatch) {
  const before = await getAlert(trx, user.role, id);
  if (!before) throw notFound("That alert");
  if (user.role !== "convenor" && before.raisedById !== user.id) {
    throw forbidden("Only the person who raised this alert, or the convenor, can edit it.");
  }
  if (before.state !== "open") throw notOpen(before);
  checkRaiserVisibility(user, patch.visibility);
  if (patch.deadline !== undefined && patch.deadline !== before.deadline) checkFutureDeadline(patch.deadline);
  const { version, ...fields } = patch;
  if (patch.proposalId !== undefined || patch.statementId !== undefined || patch.visibility !== undefined) {
    const kept = await trx.selectFrom("alerts").select(["proposalId", "statementId"]).where("id", "=", id).executeTakeFirstOrThrow();
    // An alert carries one thing: choosing a proposal lets go of a statement, and the other way round.
    const carried = {
      proposalId: patch.proposalId !== undefined ? patch.proposalId : patch.statementId ? null : kept.proposalId,
      statementId: patch.statementId !== undefined ? patch.statementId : patch.proposalId ? null : kept.statementId,
    };
    await checkCarries(trx, user, { ...carried, visibility: patch.visibility ?? before.visibility }, kept);
    Object.assign(fields, carried);
  }
  await applyEdit(trx, "That alert", {
    table: "alerts",
    id,
    version,
    values: { ...fields, updatedAt: new Date().toISOString() },
    before,
    read: (db, alertId) => getAlert(db, "convenor", alertId),
    audit: { actor: actorOf(user), entity: "alert", view: auditView },
  });
  return getAlert(trx, user.role, id, user.organisationId);
}

async function finishAlert(
  trx: Db,
  user: SessionUser,
  id: number,
  version: number,
  values: { state: "closed" | "withdrawn"; outcome: string | null; successful: boolean | null },
) {
  const before = await alertForWrite(trx, id);
  if (before.state !== "open") throw notOpen(before);
  const now = new Date().toISOString();
  return applyEdit(trx, "That alert", {
    table: "alerts",
    id,
    version,
    values: {
      state: values.state,
      outcome: values.outcome,
      successful: values.successful === null ? null : values.successful ? 1 : 0,
      closedAt: now,
      closedByName: user.name,
      updatedAt: now,
    },
    before,
    read: (db, alertId) => getAlert(db, "convenor", alertId),
    audit: { actor: actorOf(user), entity: "alert", action: values.state === "closed" ? "close" : "withdraw", view: auditView },
  });
}

/** Closing records the outcome. A successful outcome comes back with a milestone draft (see below). */
export async function closeAlert(trx: Db, user: SessionUser, id: number, close: AlertClose) {
  const alert = await finishAlert(trx, user, id, close.version, { state: "closed", outcome: close.outcome, successful: close.successful });
  const answers = await listAlertAnswers(trx, id);
  const joined = answers.filter((a) => a.response === "join").map((a) => ({ id: a.organisationId, name: a.organisationName }));
  return { alert, milestoneDraft: alert.successful ? milestoneDraftFromAlert(alert, joined) : null };
}

export async function withdrawAlert(trx: Db, user: SessionUser, id: number, version: number, reason: string) {
  return finishAlert(trx, user, id, version, { state: "withdrawn", outcome: reason || null, successful: null });
}

/**
 * MILESTONE SEAM (for the lead, once the milestones branch has landed): the fields a milestone
 * recorded from a successfully closed alert would get. Pure; nothing is written here. The close
 * response carries this draft so the dashboard's "Record as milestone" button can post it to the
 * milestones API in one step.
 */
export interface MilestoneDraft {
  /** The day the alert was closed (YYYY-MM-DD). */
  date: string;
  title: string;
  /** Coordinated action ends in a joint statement by default; the convenor can pick another kind. */
  kind: "statement";
  description: string;
  outcome: string;
  /** The organisations that joined. */
  contributingOrganisationIds: number[];
  contributingOrganisationNames: string[];
  visibility: Visibility;
  /** Where the milestone came from, so the two stay linked. */
  fromAlertId: number;
}

export function milestoneDraftFromAlert(
  alert: Pick<AlertSummary, "id" | "title" | "situation" | "ask" | "outcome" | "closedAt" | "updatedAt" | "visibility">,
  joined: readonly { id: number; name: string }[],
): MilestoneDraft {
  return {
    date: (alert.closedAt ?? alert.updatedAt).slice(0, 10),
    title: alert.title,
    kind: "statement",
    description: `${alert.situation}: ${alert.ask}`,
    outcome: alert.outcome ?? "",
    contributingOrganisationIds: joined.map((o) => o.id),
    contributingOrganisationNames: joined.map((o) => o.name),
    visibility: alert.visibility,
    fromAlertId: alert.id,
  };
}

/**
 * An organisation's answer: members for their own organisation only, the convenor for any.
 * A second answer from the same organisation replaces the first.
 */
export async function answerAlert(trx: Db, user: SessionUser, id: number, input: AlertAnswerInput) {
  const alert = await getAlert(trx, user.role, id);
  if (!alert) throw notFound("That alert");
  let organisationId: number;
  if (user.role === "convenor") {
    if (!input.organisationId) throw invalid("organisationId", "name the organisation whose answer you are recording");
    const org = await trx.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst();
    if (!org) throw invalid("organisationId", "no such organisation");
    organisationId = org.id;
  } else {
    if (user.role !== "member" || !user.organisationId)
      throw forbidden("Only members of an organisation, or the convenor, can answer alerts.");
    if (input.organisationId !== undefined && input.organisationId !== user.organisationId) {
      throw forbidden("You can answer only for your own organisation.");
    }
    organisationId = user.organisationId;
  }
  const refusal = answerRefusal(alert, new Date());
  if (refusal) throw new ApiError(409, refusal.code, refusal.message);

  const {
    row: answer,
    created,
    before,
  } = await recordSay(trx, user, {
    entity: "alert_answer",
    key: { alertId: id, organisationId },
    earlier: (db) =>
      db
        .selectFrom("alertAnswers")
        .select(["response", "note", "answeredByName", "updatedAt"])
        .where("alertId", "=", id)
        .where("organisationId", "=", organisationId)
        .executeTakeFirst(),
    write: (db) => upsertAlertAnswer(db, id, organisationId, input, actorOf(user)),
    view: (a) => ({ response: a.response, note: a.note }),
  });
  // A note edited under the same answer tells nobody again; a new or changed answer does.
  if (before?.response !== answer.response) {
    const org = await trx.selectFrom("organisations").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
    await notifyAlertAnswered(trx, alert, { organisationName: org.name, response: answer.response, answeredById: user.id });
  }
  return { answer, created, alert: await getAlert(trx, user.role, id, user.organisationId) };
}

/**
 * "Record as milestone": turns a successfully closed alert into a milestone in one step. The
 * milestone (through the milestone service) and the alert's link to it are written in the one
 * transaction it is handed, each with its audit entry, so a stale alert version leaves no
 * milestone behind; the milestone's notes name the alert it came from. Convenor only (checked by
 * the route).
 */
export async function recordMilestoneFromAlert(trx: Db, user: SessionUser, id: number, version: number) {
  const alert = await alertForWrite(trx, id);
  if (alert.state !== "closed" || !alert.successful) {
    throw new ApiError(409, "conflict", "Only an alert closed with a successful outcome can be recorded as a milestone.");
  }
  if (alert.milestoneId !== null) {
    throw new ApiError(409, "conflict", "This alert has already been recorded as a milestone.", { milestoneId: alert.milestoneId });
  }
  const answers = await listAlertAnswers(trx, id);
  const joined = answers.filter((a) => a.response === "join").map((a) => ({ id: a.organisationId, name: a.organisationName }));
  const draft = milestoneDraftFromAlert(alert, joined);
  const milestone = await createMilestone(trx, actorOf(user), {
    title: draft.title,
    kind: draft.kind,
    date: draft.date,
    datePrecision: "day",
    description: draft.description,
    outcome: draft.outcome,
    evidence: [],
    organisationIds: draft.contributingOrganisationIds,
    goalIds: [],
    visibility: draft.visibility,
    notes: `Recorded from the alert “${alert.title}” (alert ${alert.id}).`,
  });
  const updated = await applyEdit(trx, "That alert", {
    table: "alerts",
    id,
    version,
    values: { milestoneId: milestone.id, updatedAt: new Date().toISOString() },
    before: alert,
    read: (db, alertId) => getAlert(db, "convenor", alertId),
    audit: { actor: actorOf(user), entity: "alert", view: auditView },
  });
  return { alert: updated, milestone };
}
