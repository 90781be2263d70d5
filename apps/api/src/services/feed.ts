/** Moving a person's "What's new" mark, audited in the transaction it is handed. */
import { type Actor, type Db, markSeen, recordAudit } from "@convene/db";

export async function markFeedSeen(trx: Db, actor: Actor, userId: string, until: string) {
  const { before, after } = await markSeen(trx, userId, until);
  await recordAudit(trx, {
    actor,
    action: "update",
    entity: "feed",
    entityId: userId,
    before: { lastSeenAt: before },
    after: { lastSeenAt: after },
  });
  return after;
}
