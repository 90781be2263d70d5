/**
 * Contributions. Decisions: a member logs for their own organisation only (403 otherwise); the
 * convenor logs for any. Whoever logged a contribution, or the convenor, may edit, delete and
 * restore it. Links are optional, at most one goal, one milestone and one meeting; a link to a
 * record the person may not see (or that does not exist) is refused with the same 400, so the
 * answer never tells whether a hidden record exists. Only the convenor may make a contribution
 * convenor-only (a member could not see their own record afterwards). Every write runs, checks
 * included, in the transaction it is handed.
 */
import {
  type ContributionRecord,
  type Db,
  getContribution,
  getGoal,
  getMeeting,
  getMilestone,
  insertContribution,
  listContributions,
  markDeleted,
  recordAudit,
} from "@convene/db";
import {
  type ContributionInput,
  type ContributionListQuery,
  type ContributionPatch,
  contributionKindLabels,
  parseContributionSort,
  type Viewer,
  type Visibility,
  visibilityLabels,
} from "@convene/domain";
import { actorOf, type SessionUser } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { toCsv } from "./csv.ts";
import { applyEdit } from "./versioned-edit.ts";

async function forWrite(db: Db, id: number): Promise<ContributionRecord> {
  const r = await getContribution(db, "convenor", id);
  if (!r) throw notFound("That contribution");
  return r;
}

function checkOrganisation(user: SessionUser, organisationId: number | undefined) {
  if (user.role === "observer") throw forbidden("Observers can read contributions but not log them.");
  if (user.role === "member" && organisationId !== undefined && organisationId !== user.organisationId) {
    throw forbidden("Members log what their own organisation did; the convenor can log for any organisation.");
  }
}

function checkVisibility(user: SessionUser, visibility: Visibility | undefined) {
  if (user.role !== "convenor" && visibility === "convenor") {
    throw invalid("visibility", "only the convenor can make a contribution convenor-only; choose Members or Public");
  }
}

async function checkLinks(
  db: Db,
  viewer: Viewer,
  links: { goalId?: number | null; milestoneId?: number | null; meetingId?: number | null },
) {
  if (links.goalId && !(await getGoal(db, viewer, links.goalId)))
    throw invalid("goalId", "there is no goal with that number you can link to");
  if (links.milestoneId && !(await getMilestone(db, viewer, links.milestoneId)))
    throw invalid("milestoneId", "there is no milestone with that number you can link to");
  if (links.meetingId && !(await getMeeting(db, viewer, links.meetingId)))
    throw invalid("meetingId", "there is no meeting with that number you can link to");
}

async function checkOrganisationExists(db: Db, organisationId: number | undefined) {
  if (organisationId === undefined) return;
  const org = await db.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst();
  if (!org) throw invalid("organisationId", "there is no organisation with that number");
}

export async function addContribution(trx: Db, user: SessionUser, input: ContributionInput) {
  checkOrganisation(user, input.organisationId);
  checkVisibility(user, input.visibility);
  await checkOrganisationExists(trx, input.organisationId);
  await checkLinks(trx, user.role, input);
  const id = await insertContribution(trx, input, actorOf(user));
  const created = await forWrite(trx, id);
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "contribution", entityId: id, after: created });
  return created;
}

function mayChange(user: SessionUser, createdById: string | null) {
  if (user.role !== "convenor" && createdById !== user.id) {
    throw forbidden("Only whoever logged this contribution, or the convenor, can change it.");
  }
}

export async function editContribution(trx: Db, user: SessionUser, id: number, patch: ContributionPatch) {
  const before = await getContribution(trx, user.role, id);
  if (!before) throw notFound("That contribution");
  mayChange(user, before.createdById);
  checkOrganisation(user, patch.organisationId);
  checkVisibility(user, patch.visibility);
  await checkOrganisationExists(trx, patch.organisationId);
  await checkLinks(trx, user.role, patch);
  const { version, ...fields } = patch;
  await applyEdit(trx, "That contribution", {
    table: "contributions",
    id,
    version,
    values: { ...fields, updatedAt: new Date().toISOString() },
    before,
    read: (db, contributionId) => getContribution(db, "convenor", contributionId),
    audit: { actor: actorOf(user), entity: "contribution" },
  });
  return getContribution(trx, user.role, id);
}

export async function setContributionDeleted(trx: Db, user: SessionUser, id: number, deleted: boolean) {
  const row = await trx
    .selectFrom("contributions")
    .select(["id", "deletedAt", "createdById", "visibility"])
    .where("id", "=", id)
    .executeTakeFirst();
  const what = deleted ? "That contribution" : "That deleted contribution";
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(what);
  if (user.role !== "convenor" && (row.visibility === "convenor" || row.createdById !== user.id)) {
    // A hidden record is "not found"; a visible one someone else logged is "not allowed". The bin
    // is the convenor's, so a deleted one is hidden from all but whoever logged it.
    if (row.visibility === "convenor" || user.role === "observer" || row.deletedAt !== null) throw notFound(what);
    mayChange(user, row.createdById);
  }
  await markDeleted(trx, { table: "contributions", entity: "contribution", id, deleted, previous: row.deletedAt, actor: actorOf(user) });
}

/** The list as filtered, in the chosen order: the table, its charts and its CSV all come from this. */
export function sortContributions<T extends ContributionRecord>(list: T[], sort: string | undefined): T[] {
  const { column, desc } = parseContributionSort(sort);
  const key = (c: T): string | number => {
    switch (column) {
      case "date":
        return c.date;
      case "organisation":
        return c.organisationName.toLowerCase();
      case "kind":
        return contributionKindLabels[c.kind];
      case "hours":
        return c.hours ?? -1;
      case "goal":
        return (c.goalTitle ?? "").toLowerCase();
      case "description":
        return c.description.toLowerCase();
    }
  };
  const sorted = [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const cmp = typeof ka === "number" && typeof kb === "number" ? ka - kb : String(ka).localeCompare(String(kb));
    return cmp || a.id - b.id;
  });
  return desc ? sorted.reverse() : sorted;
}

export async function findContributions(db: Db, viewer: Viewer, q: ContributionListQuery) {
  let span: { from: string; to: string } | undefined;
  if (q.cycleId) {
    const cycle = await db.selectFrom("cycles").select(["workshopDate", "agmDate"]).where("id", "=", q.cycleId).executeTakeFirst();
    if (!cycle) throw notFound("That cycle");
    span = { from: cycle.workshopDate, to: cycle.agmDate };
  }
  const list = await listContributions(db, viewer, {
    organisationId: q.organisationId,
    kind: q.kind,
    goalId: q.goalId,
    from: span?.from,
    to: span?.to,
  });
  return sortContributions(list, q.sort);
}

export const CONTRIBUTION_CSV_COLUMNS = [
  "Date",
  "Organisation",
  "Kind",
  "Description",
  "Hours",
  "Goal",
  "Milestone",
  "Meeting",
  "Visible to",
  "Logged by",
] as const;

export function contributionsCsv(list: readonly ContributionRecord[]): string {
  return toCsv(
    CONTRIBUTION_CSV_COLUMNS,
    list.map((c) => [
      c.date,
      c.organisationName,
      contributionKindLabels[c.kind],
      c.description,
      c.hours,
      c.goalTitle,
      c.milestoneTitle,
      c.meetingTitle,
      visibilityLabels[c.visibility],
      c.createdByName,
    ]),
  );
}
