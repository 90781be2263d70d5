/**
 * Private calendar feeds. Each person may have one secret link; only a SHA-256 hash of its token
 * is kept, so the link is shown once when made and a new one replaces (revokes) the old.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Actor, type Db, listMeetings, type MeetingSummary, recordAudit } from "@convene/db";
import { meetingKindLabels, type Role } from "@convene/domain";
import ical, { ICalCalendarMethod } from "ical-generator";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function calendarLinkOf(db: Db, userId: string) {
  return db.selectFrom("calendarLinks").select("createdAt").where("userId", "=", userId).executeTakeFirst();
}

/** Makes (or replaces) the person's link, in the transaction it is handed. */
export async function makeCalendarLink(trx: Db, actor: Actor & { id: string }): Promise<{ token: string; createdAt: string }> {
  const token = randomBytes(24).toString("base64url");
  const createdAt = new Date().toISOString();
  const before = await calendarLinkOf(trx, actor.id);
  await trx
    .insertInto("calendarLinks")
    .values({ userId: actor.id, tokenHash: hashToken(token), createdAt })
    .onConflict((oc) => oc.column("userId").doUpdateSet({ tokenHash: hashToken(token), createdAt }))
    .execute();
  // The audit names when links were made and revoked, never the token.
  await recordAudit(trx, {
    actor,
    action: "reset_link",
    entity: "calendar_link",
    entityId: actor.id,
    before: before ?? null,
    after: { createdAt },
  });
  return { token, createdAt };
}

export async function revokeCalendarLink(trx: Db, actor: Actor & { id: string }): Promise<boolean> {
  const before = await calendarLinkOf(trx, actor.id);
  if (!before) return false;
  await trx.deleteFrom("calendarLinks").where("userId", "=", actor.id).execute();
  await recordAudit(trx, { actor, action: "delete", entity: "calendar_link", entityId: actor.id, before });
  return true;
}

/** The role whose meetings a token's feed holds, or undefined for an unknown, revoked or disabled link. */
export async function feedViewer(db: Db, token: string): Promise<Role | undefined> {
  const row = await db
    .selectFrom("calendarLinks as l")
    .innerJoin("user as u", "u.id", "l.userId")
    .select(["u.role", "u.banned"])
    .where("l.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.banned) return undefined;
  return row.role ?? "observer";
}

export interface FeedOptions {
  /** The dashboard's address, for each event's URL and its stable UID. */
  base: string;
  calendarName: string;
}

/** One VCALENDAR for Outlook, Google and Apple calendars: UTC times, stable UIDs, METHOD:PUBLISH. */
export function meetingsCalendar(meetings: readonly MeetingSummary[], o: FeedOptions): string {
  const host = new URL(o.base).host;
  const cal = ical({
    name: o.calendarName,
    prodId: { company: "Convene", product: "Meetings", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const m of meetings) {
    const start = new Date(m.startsAt);
    // Calendars need an end to draw a block; a meeting without one is shown as an hour long.
    const end = m.endsAt ? new Date(m.endsAt) : new Date(start.getTime() + 60 * 60 * 1000);
    const url = `${o.base}/meetings/${m.id}`;
    const description = [
      meetingKindLabels[m.kind],
      m.onlineUrl ? `Join online: ${m.onlineUrl}` : null,
      m.agenda ? `Agenda:\n${m.agenda}` : null,
      `Details: ${url}`,
    ]
      .filter(Boolean)
      .join("\n\n");
    cal.createEvent({
      id: `meeting-${m.id}@${host}`,
      start,
      end,
      stamp: new Date(m.updatedAt),
      lastModified: new Date(m.updatedAt),
      sequence: m.version,
      summary: m.title,
      location: m.place || m.onlineUrl || null,
      url,
      description,
    });
  }
  return cal.toString();
}

export async function feedFor(db: Db, role: Role, o: FeedOptions) {
  return meetingsCalendar(await listMeetings(db, role, {}), o);
}
