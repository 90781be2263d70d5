/**
 * "What's new since your last visit" and "What needs you". Every source is read with the viewer's
 * visibility in SQL, so an item the viewer may not see never leaves the database layer — not
 * even as a count.
 */
import { type Viewer, visibleLevels } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export type FeedKind =
  | "goal"
  | "update"
  | "milestone"
  | "alert"
  | "alert_closed"
  | "meeting"
  | "roadmap"
  | "proposal_closed"
  | "statement_published";

export interface FeedItem {
  kind: FeedKind;
  /** The record the item links to: a goal for goals and updates, otherwise the record itself. */
  id: number;
  title: string;
  /** When it happened (ISO date and time). */
  at: string;
  /** A few words of detail: who posted an update, when a meeting is, an alert's outcome. */
  detail: string;
}

/** How many items of each source the feed keeps, newest first. */
const PER_SOURCE = 50;

export async function getLastSeen(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom("userVisits").select("lastSeenAt").where("userId", "=", userId).executeTakeFirst();
  return row?.lastSeenAt ?? null;
}

/** Moves the person's "seen up to" moment forward to `at`; it never moves backwards. Returns the stored value. */
export async function markSeen(db: Kysely<Database>, userId: string, at: string): Promise<{ before: string | null; after: string }> {
  const before = await getLastSeen(db, userId);
  const after = before && before > at ? before : at;
  const now = new Date().toISOString();
  await db
    .insertInto("userVisits")
    .values({ userId, lastSeenAt: after, updatedAt: now })
    .onConflict((oc) => oc.column("userId").doUpdateSet({ lastSeenAt: after, updatedAt: now }))
    .execute();
  return { before, after };
}

/** What changed after `since` (exclusive) up to `until` (inclusive), as the viewer may see it, newest first. */
export async function listFeed(db: Kysely<Database>, viewer: Viewer, since: string, until: string): Promise<FeedItem[]> {
  const levels = visibleLevels(viewer);
  const [goals, updates, milestones, alerts, closed, meetings, roadmap, proposals, statements] = await Promise.all([
    db
      .selectFrom("goals as g")
      .leftJoin("organisations as o", "o.id", "g.leadOrganisationId")
      .select(["g.id", "g.title", "g.createdAt as at", "o.name as leadName"])
      .where("g.visibility", "in", levels)
      .where("g.deletedAt", "is", null)
      .where("g.createdAt", ">", since)
      .where("g.createdAt", "<=", until)
      .orderBy("g.createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("progressUpdates as pu")
      .innerJoin("goals as g", "g.id", "pu.goalId")
      .leftJoin("organisations as o", "o.id", "pu.organisationId")
      .select(["g.id", "g.title", "pu.createdAt as at", "pu.authorName", "o.name as organisationName"])
      // An update is seen only where both it and its goal may be seen.
      .where("pu.visibility", "in", levels)
      .where("g.visibility", "in", levels)
      .where("pu.deletedAt", "is", null)
      .where("g.deletedAt", "is", null)
      .where("pu.createdAt", ">", since)
      .where("pu.createdAt", "<=", until)
      .orderBy("pu.createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("milestones")
      .select(["id", "title", "createdAt as at", "date", "datePrecision"])
      // The group's seeded history is initial data, not news.
      .where("seedKey", "is", null)
      .where("visibility", "in", levels)
      .where("deletedAt", "is", null)
      .where("createdAt", ">", since)
      .where("createdAt", "<=", until)
      .orderBy("createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("alerts")
      .select(["id", "title", "createdAt as at", "deadline", "raisedByName"])
      .where("visibility", "in", levels)
      .where("createdAt", ">", since)
      .where("createdAt", "<=", until)
      .orderBy("createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("alerts")
      .select(["id", "title", "closedAt", "state", "successful"])
      .where("visibility", "in", levels)
      .where("state", "in", ["closed", "withdrawn"])
      .where("closedAt", ">", since)
      .where("closedAt", "<=", until)
      .orderBy("closedAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("meetings")
      .select(["id", "title", "createdAt as at", "startsAt"])
      .where("visibility", "in", levels)
      .where("deletedAt", "is", null)
      .where("createdAt", ">", since)
      .where("createdAt", "<=", until)
      .orderBy("createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("roadmapItems")
      .select(["id", "title", "createdAt as at", "workstream"])
      .where("visibility", "in", levels)
      .where("deletedAt", "is", null)
      .where("createdAt", ">", since)
      .where("createdAt", "<=", until)
      .orderBy("createdAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    db
      .selectFrom("proposals")
      .select(["id", "question", "closedAt", "outcome"])
      .where("visibility", "in", levels)
      .where("state", "=", "closed")
      .where("closedAt", ">", since)
      .where("closedAt", "<=", until)
      .orderBy("closedAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
    // A published statement is no longer edited, so its last change is its publication.
    db
      .selectFrom("statements")
      .select(["id", "title", "updatedAt as at", "publishedOn"])
      .where("visibility", "in", levels)
      .where("state", "=", "published")
      .where("updatedAt", ">", since)
      .where("updatedAt", "<=", until)
      .orderBy("updatedAt", "desc")
      .limit(PER_SOURCE)
      .execute(),
  ]);

  const items: FeedItem[] = [
    ...goals.map((g) => ({ kind: "goal" as const, id: g.id, title: g.title, at: g.at, detail: g.leadName ? `Led by ${g.leadName}` : "" })),
    ...updates.map((u) => ({
      kind: "update" as const,
      id: u.id,
      title: u.title,
      at: u.at,
      detail: `Update by ${u.authorName}${u.organisationName ? `, ${u.organisationName}` : ""}`,
    })),
    ...milestones.map((m) => ({ kind: "milestone" as const, id: m.id, title: m.title, at: m.at, detail: "" })),
    ...alerts.map((a) => ({ kind: "alert" as const, id: a.id, title: a.title, at: a.at, detail: `Raised by ${a.raisedByName}` })),
    ...closed.flatMap((a) =>
      a.closedAt
        ? [
            {
              kind: "alert_closed" as const,
              id: a.id,
              title: a.title,
              at: a.closedAt,
              detail: a.state === "withdrawn" ? "Withdrawn" : a.successful ? "Closed: successful" : "Closed: not successful",
            },
          ]
        : [],
    ),
    ...meetings.map((m) => ({ kind: "meeting" as const, id: m.id, title: m.title, at: m.at, detail: m.startsAt })),
    ...roadmap.map((r) => ({ kind: "roadmap" as const, id: r.id, title: r.title, at: r.at, detail: r.workstream })),
    ...proposals.flatMap((p) =>
      p.closedAt ? [{ kind: "proposal_closed" as const, id: p.id, title: p.question, at: p.closedAt, detail: p.outcome ?? "" }] : [],
    ),
    ...statements.map((st) => ({
      kind: "statement_published" as const,
      id: st.id,
      title: st.title,
      at: st.at,
      detail: st.publishedOn ?? "",
    })),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * What an organisation's members need to do: goals it leads with no update for longer than the
 * cycle's interval, open alerts (deadline not passed) it has not answered, open proposals it has
 * given no position on, and open statements it has not signed (or must confirm on a changed text). Read as the
 * organisation's members see things (members' visibility), whoever asks, so the convenor sees
 * what each organisation is actually asked to do. `organisationIds` null means every
 * organisation still in the group.
 */
export async function listNeedsYou(
  db: Kysely<Database>,
  args: { cycleId: number; organisationIds: number[] | null; staleBefore: string; now: string },
) {
  const levels = visibleLevels("member");
  const cycle = await db.selectFrom("cycles").select(["id", "closedAt"]).where("id", "=", args.cycleId).executeTakeFirst();

  let orgs = db.selectFrom("organisations").select(["id", "name", "shortName"]).where("leftOn", "is", null);
  if (args.organisationIds) orgs = orgs.where("id", "in", args.organisationIds.length ? args.organisationIds : [-1]);
  const organisations = await orgs.orderBy("name").execute();
  const orgIds = organisations.map((o) => o.id);

  const staleGoals =
    cycle && cycle.closedAt === null && orgIds.length
      ? await db
          .selectFrom("goals as g")
          .select((eb) => [
            "g.id",
            "g.title",
            "g.status",
            "g.leadOrganisationId",
            "g.createdAt",
            eb
              .selectFrom("progressUpdates as pu")
              .select((s) => s.fn.max("pu.createdAt").as("last"))
              .whereRef("pu.goalId", "=", "g.id")
              .where("pu.deletedAt", "is", null)
              .where("pu.visibility", "in", levels)
              .as("lastUpdateAt"),
          ])
          .where("g.cycleId", "=", args.cycleId)
          .where("g.deletedAt", "is", null)
          .where("g.visibility", "in", levels)
          .where("g.status", "not in", ["achieved", "dropped"])
          .where("g.leadOrganisationId", "in", orgIds)
          .orderBy("g.id")
          .execute()
      : [];
  // The same rule as the overview's "no recent update": the day of the last update (or of the
  // goal's creation) is more than the interval before today.
  const stale = staleGoals.filter((g) => (g.lastUpdateAt ?? g.createdAt).slice(0, 10) < args.staleBefore);

  // Deadlines may carry an offset, so they are compared as instants, not as strings.
  const openAlerts = (
    orgIds.length
      ? await db
          .selectFrom("alerts")
          .select(["id", "title", "urgency", "deadline"])
          .where("visibility", "in", levels)
          .where("state", "=", "open")
          .orderBy("deadline")
          .orderBy("id")
          .execute()
      : []
  ).filter((a) => Date.parse(a.deadline) > Date.parse(args.now));
  const answered = openAlerts.length
    ? await db
        .selectFrom("alertAnswers")
        .select(["alertId", "organisationId"])
        .where(
          "alertId",
          "in",
          openAlerts.map((a) => a.id),
        )
        .where("organisationId", "in", orgIds)
        .execute()
    : [];
  const answeredSet = new Set(answered.map((a) => `${a.alertId}:${a.organisationId}`));

  // Open proposals and statements still before their closing time, with what each organisation has already given.
  const [proposals, statements] = orgIds.length
    ? await Promise.all([
        db
          .selectFrom("proposals")
          .select(["id", "question", "kind", "closesAt"])
          .where("visibility", "in", levels)
          .where("state", "=", "open")
          .orderBy("closesAt")
          .orderBy("id")
          .execute(),
        db
          .selectFrom("statements")
          .select(["id", "title", "kind", "deadline", "textVersion"])
          .where("visibility", "in", levels)
          .where("state", "=", "open")
          .orderBy("deadline")
          .orderBy("id")
          .execute(),
      ])
    : [[], []];
  const openProposals = proposals.filter((p) => Date.parse(p.closesAt) > Date.parse(args.now));
  const openStatements = statements.filter((s) => Date.parse(s.deadline) > Date.parse(args.now));
  const [positions, signatures] = await Promise.all([
    openProposals.length
      ? db
          .selectFrom("proposalPositions")
          .select(["proposalId", "organisationId"])
          .where(
            "proposalId",
            "in",
            openProposals.map((p) => p.id),
          )
          .where("organisationId", "in", orgIds)
          .execute()
      : [],
    openStatements.length
      ? db
          .selectFrom("statementSignatures")
          .select(["statementId", "organisationId", "confirmedTextVersion"])
          .where(
            "statementId",
            "in",
            openStatements.map((s) => s.id),
          )
          .where("organisationId", "in", orgIds)
          .execute()
      : [],
  ]);
  const positionSet = new Set(positions.map((p) => `${p.proposalId}:${p.organisationId}`));
  const signedVersion = new Map(signatures.map((s) => [`${s.statementId}:${s.organisationId}`, s.confirmedTextVersion]));

  return organisations.map((o) => ({
    ...o,
    staleGoals: stale
      .filter((g) => g.leadOrganisationId === o.id)
      .map((g) => ({ id: g.id, title: g.title, status: g.status, lastUpdateAt: g.lastUpdateAt as string | null })),
    unansweredAlerts: openAlerts.filter((a) => !answeredSet.has(`${a.id}:${o.id}`)),
    proposalsAwaiting: openProposals.filter((p) => !positionSet.has(`${p.id}:${o.id}`)),
    // Unsigned, or signed on an earlier text and waiting to be confirmed on the current one.
    statementsAwaiting: openStatements.flatMap((s) => {
      const signed = signedVersion.get(`${s.id}:${o.id}`);
      if (signed !== undefined && signed >= s.textVersion) return [];
      return [{ id: s.id, title: s.title, kind: s.kind, deadline: s.deadline, toConfirm: signed !== undefined }];
    }),
  }));
}
export type NeedsYouOrganisation = Awaited<ReturnType<typeof listNeedsYou>>[number];
