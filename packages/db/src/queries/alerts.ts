/**
 * Alerts as a viewer may see them, filtered by visibility in SQL. Answers follow their alert's
 * visibility. Who has NOT answered is a separate read for the convenor's eyes only: the route
 * that calls `organisationsNotAnswered` is convenor-only.
 */
import {
  type AlertAnswerInput,
  type AlertCarries,
  type AlertInput,
  type AlertState,
  type PageQuery,
  tallyAnswers,
  type Viewer,
  visibleLevels,
} from "@convene/domain";
import { type Kysely, sql } from "kysely";
import type { Alert, Database } from "../schema.ts";
import { pageOf } from "./paging.ts";

export interface AlertFilter {
  state?: AlertState | undefined;
  ids?: number[];
}

type CarriedColumns = {
  carriedProposalQuestion: string | null;
  carriedProposalClosesAt: string | null;
  carriedProposalState: string | null;
  carriedStatementTitle: string | null;
  carriedStatementDeadline: string | null;
  carriedStatementState: string | null;
};

/**
 * An alert as answered. What it carries is named only when the viewer may see it (the join
 * asks the viewer's levels), and its id goes out only then: an alert carrying a convenor-only
 * statement tells a member nothing about it.
 */
function toAlert(row: Alert & { raisedByOrganisationName: string | null } & CarriedColumns): Omit<Alert, "successful"> & {
  raisedByOrganisationName: string | null;
  successful: boolean | null;
  carries: AlertCarries;
} {
  const {
    proposalId,
    statementId,
    carriedProposalQuestion,
    carriedProposalClosesAt,
    carriedProposalState,
    carriedStatementTitle,
    carriedStatementDeadline,
    carriedStatementState,
    ...rest
  } = row;
  const carries: AlertCarries =
    proposalId !== null && carriedProposalQuestion !== null
      ? {
          kind: "proposal",
          id: proposalId,
          title: carriedProposalQuestion,
          deadline: carriedProposalClosesAt!,
          state: carriedProposalState!,
        }
      : statementId !== null && carriedStatementTitle !== null
        ? {
            kind: "statement",
            id: statementId,
            title: carriedStatementTitle,
            deadline: carriedStatementDeadline!,
            state: carriedStatementState!,
          }
        : null;
  return {
    ...rest,
    successful: row.successful === null ? null : row.successful === 1,
    // The ids again, for an edit form, only as far as the viewer may see what they point to.
    proposalId: carries?.kind === "proposal" ? carries.id : null,
    statementId: carries?.kind === "statement" ? carries.id : null,
    carries,
  };
}

/**
 * The alerts a viewer may see, each with the tally of answers and, when `organisationId` is
 * given, that organisation's own answer (for "has my organisation answered?").
 */
export async function listAlerts(db: Kysely<Database>, viewer: Viewer, filter: AlertFilter, organisationId?: number | null) {
  const levels = visibleLevels(viewer);
  let q = db
    .selectFrom("alerts as a")
    .leftJoin("organisations as o", "o.id", "a.raisedByOrganisationId")
    .leftJoin("proposals as cp", (j) => j.onRef("cp.id", "=", "a.proposalId").on("cp.visibility", "in", levels))
    .leftJoin("statements as cs", (j) => j.onRef("cs.id", "=", "a.statementId").on("cs.visibility", "in", levels))
    .selectAll("a")
    .select([
      "o.name as raisedByOrganisationName",
      "cp.question as carriedProposalQuestion",
      "cp.closesAt as carriedProposalClosesAt",
      "cp.state as carriedProposalState",
      "cs.title as carriedStatementTitle",
      "cs.deadline as carriedStatementDeadline",
      "cs.state as carriedStatementState",
    ])
    .where("a.visibility", "in", levels);
  if (filter.state) q = q.where("a.state", "=", filter.state);
  if (filter.ids) q = q.where("a.id", "in", filter.ids.length ? filter.ids : [-1]);
  const rows = await q.orderBy("a.deadline").orderBy("a.id").execute();
  const ids = rows.map((r) => r.id);
  const answers = ids.length
    ? await db
        .selectFrom("alertAnswers")
        .select(["alertId", "organisationId", "response", "note", "updatedAt"])
        .where("alertId", "in", ids)
        .execute()
    : [];
  return rows.map((r) => {
    const mine = answers.filter((a) => a.alertId === r.id);
    const own = organisationId ? mine.find((a) => a.organisationId === organisationId) : undefined;
    return {
      ...toAlert(r),
      tally: tallyAnswers(mine),
      myAnswer: own ? { response: own.response, note: own.note, updatedAt: own.updatedAt } : null,
    };
  });
}
export type AlertSummary = Awaited<ReturnType<typeof listAlerts>>[number];

/**
 * One page of the alerts, in the order of compareAlerts (open first, nearest deadline first; then
 * the rest, latest deadline first), ordered and paged in SQL.
 */
export async function listAlertPage(db: Kysely<Database>, viewer: Viewer, filter: AlertFilter & PageQuery, organisationId?: number | null) {
  let q = db.selectFrom("alerts as a").select("a.id").where("a.visibility", "in", visibleLevels(viewer));
  if (filter.state) q = q.where("a.state", "=", filter.state);
  const open = sql`case when ${sql.ref("a.state")} = 'open' then 0 else 1 end`;
  // Each deadline key is null on the other group's rows, so where each engine sorts nulls does not matter.
  const ordered = q
    .orderBy(open)
    .orderBy(sql`case when ${sql.ref("a.state")} = 'open' then ${sql.ref("a.deadline")} end`, "asc")
    .orderBy(sql`case when ${sql.ref("a.state")} <> 'open' then ${sql.ref("a.deadline")} end`, "desc")
    .orderBy("a.id");
  const { rows, ...page } = await pageOf(db, ordered, filter);
  const byId = new Map((await listAlerts(db, viewer, { ids: rows.map((r) => r.id) }, organisationId)).map((a) => [a.id, a]));
  return { alerts: rows.flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : [])), ...page };
}

export async function getAlert(db: Kysely<Database>, viewer: Viewer, id: number, organisationId?: number | null) {
  const [alert] = await listAlerts(db, viewer, { ids: [id] }, organisationId);
  return alert;
}

/** The answers to one alert, with the organisations' names. The caller has checked the viewer may see the alert. */
export async function listAlertAnswers(db: Kysely<Database>, alertId: number) {
  return db
    .selectFrom("alertAnswers as aa")
    .innerJoin("organisations as o", "o.id", "aa.organisationId")
    .select([
      "aa.id",
      "aa.alertId",
      "aa.organisationId",
      "o.name as organisationName",
      "o.shortName as organisationShortName",
      "aa.response",
      "aa.note",
      "aa.answeredByName",
      "aa.createdAt",
      "aa.updatedAt",
    ])
    .where("aa.alertId", "=", alertId)
    .orderBy("o.name")
    .execute();
}
export type AlertAnswerRecord = Awaited<ReturnType<typeof listAlertAnswers>>[number];

/**
 * CONVENOR ONLY: the member organisations (not left the group) with no answer to the alert yet.
 * Never call this for a member or observer.
 */
export async function organisationsNotAnswered(db: Kysely<Database>, alertId: number) {
  return db
    .selectFrom("organisations as o")
    .select(["o.id", "o.name", "o.shortName"])
    .where("o.leftOn", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("alertAnswers as aa").select("aa.id").whereRef("aa.organisationId", "=", "o.id").where("aa.alertId", "=", alertId),
        ),
      ),
    )
    .orderBy("o.name")
    .execute();
}

export async function insertAlert(
  db: Kysely<Database>,
  input: AlertInput,
  raisedBy: { id: string | null; name: string; organisationId: number | null },
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("alerts")
    .values({
      ...input,
      raisedById: raisedBy.id,
      raisedByName: raisedBy.name,
      raisedByOrganisationId: raisedBy.organisationId,
      outcome: null,
      successful: null,
      closedAt: null,
      closedByName: null,
      createdAt: now,
      updatedAt: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Records an organisation's answer, replacing any earlier one (one row per alert and organisation). */
export async function upsertAlertAnswer(
  db: Kysely<Database>,
  alertId: number,
  organisationId: number,
  answer: Pick<AlertAnswerInput, "response" | "note">,
  by: { id: string | null; name: string },
) {
  const now = new Date().toISOString();
  return db
    .insertInto("alertAnswers")
    .values({
      alertId,
      organisationId,
      response: answer.response,
      note: answer.note,
      answeredById: by.id,
      answeredByName: by.name,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) =>
      oc.columns(["alertId", "organisationId"]).doUpdateSet({
        response: answer.response,
        note: answer.note,
        answeredById: by.id,
        answeredByName: by.name,
        updatedAt: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
