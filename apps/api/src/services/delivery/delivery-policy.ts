/**
 * What the worker does with a claimed email just before sending it, by the recipient's
 * preferences as they are now (they may have changed since the email was written): send it,
 * hold it until their quiet hours or the group's rest period end, or drop it because they turned
 * that kind of email off. Also says which unsubscribe link the email carries.
 */
import { type ClaimedDelivery, type Db, readPreferences, restPeriodsFrom } from "@convene/db";
import { notificationKindLabels, sendableFrom } from "@convene/domain";
import { isDigestPayload } from "./digest-message.ts";
import type { UnsubscribeScope } from "./unsubscribe.ts";

export type DeliveryDecision =
  | { action: "send"; unsubscribe?: { userId: string; scope: UnsubscribeScope; what: string } }
  | { action: "hold"; until: Date }
  | { action: "cancel"; reason: string };

export async function deliveryDecision(db: Db, row: ClaimedDelivery, payload: unknown, now: Date): Promise<DeliveryDecision> {
  if (isDigestPayload(payload))
    return { action: "send", unsubscribe: { userId: payload.userId, scope: "digest", what: "getting this digest" } };
  if (row.notificationId === null) return { action: "send" };
  const notification = await db
    .selectFrom("notifications")
    .select(["userId", "kind"])
    .where("id", "=", row.notificationId)
    .executeTakeFirst();
  if (!notification) return { action: "cancel", reason: "The notification no longer exists." };
  const { preferences } = await readPreferences(db, notification.userId);
  if (preferences.kinds[notification.kind] === "off") return { action: "cancel", reason: "The recipient turned these emails off." };
  const until = sendableFrom(preferences, now, row.urgent === 1, await restPeriodsFrom(db, now.toISOString()));
  if (until.getTime() > now.getTime()) return { action: "hold", until };
  return {
    action: "send",
    unsubscribe: {
      userId: notification.userId,
      scope: notification.kind,
      what: `emails about “${notificationKindLabels[notification.kind].toLowerCase()}”`,
    },
  };
}
