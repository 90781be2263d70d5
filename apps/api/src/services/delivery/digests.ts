/**
 * Making digests: for each person whose digest is due now (08:00 in their time zone, daily or on
 * Monday; not in their quiet hours; not in a rest period), what concerns them since their last
 * digest goes into one email in the outbox. The digest's (person, period) row is inserted in the
 * same transaction as its email, and its unique key lets only one instance make it, so two
 * servers on one database never send a person two digests for one period.
 */
import {
  claimDigest,
  type Db,
  type DigestNotification,
  digestCandidates,
  digestMade,
  digestNotificationsStill,
  insertOutbox,
  lastDigestEnd,
  listDigestNotifications,
  restPeriodsFrom,
} from "@convene/db";
import { digestLookBackMs, digestPeriod, isQuiet, notificationKinds, notificationPath, sendableFrom } from "@convene/domain";
import { type DigestPayload, digestPayload } from "./digest-message.ts";

/** One notification as a digest lists it. */
export const digestItem = (r: DigestNotification) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  summary: r.summary,
  path: notificationPath(r.entity, r.entityId),
  createdAt: r.createdAt,
});

/**
 * The digest as it may be sent now: only what its recipient may still see and has not read
 * (digestNotificationsStill), regrouped; null when nothing is left, and the email is not sent.
 */
export async function digestAsNow(db: Db, d: DigestPayload): Promise<DigestPayload | null> {
  if (!d.notificationIds) return d;
  const rows = await digestNotificationsStill(db, d.userId, d.notificationIds);
  return rows.length === 0 ? null : digestPayload({ id: d.userId, email: d.to, name: d.name }, d.frequency, rows.map(digestItem));
}

/** Makes every digest due at `now`; returns how many emails it put in the outbox. */
export async function makeDueDigests(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const rests = await restPeriodsFrom(db, at);
  let made = 0;
  for (const person of await digestCandidates(db)) {
    const p = person.preferences;
    const kinds = notificationKinds.filter((k) => p.kinds[k] === "digest");
    if (kinds.length === 0) continue;
    const period = digestPeriod(p, now);
    // A rest period or quiet hours put it off: the next run after them makes it, and a digest
    // held past its period's end is made in the next period, covering everything since the last.
    if (!period.due || isQuiet(p, now) || sendableFrom(p, now, false, rests).getTime() !== now.getTime()) continue;
    if (await digestMade(db, person.id, period.key)) continue;
    const since = (await lastDigestEnd(db, person.id)) ?? new Date(now.getTime() - digestLookBackMs(p.digestFrequency)).toISOString();
    const rows = await listDigestNotifications(db, person, { since, until: at, kinds });
    const items = rows.map(digestItem);
    const wrote = await db.transaction().execute(async (trx) => {
      const claimed = await claimDigest(trx, {
        userId: person.id,
        period: period.key,
        coveredFrom: since,
        coveredUntil: at,
        itemCount: items.length,
      });
      // Nothing new: the period is marked done and no email goes.
      if (!claimed || items.length === 0) return false;
      const payload = digestPayload(person, p.digestFrequency, items);
      await insertOutbox(trx, [{ channel: "email", notificationId: null, payload: JSON.stringify(payload), nextAttemptAt: at }]);
      return true;
    });
    if (wrote) made += 1;
  }
  return made;
}
