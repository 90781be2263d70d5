/**
 * Writing notification preferences (each person their own, or through an unsubscribe link) and
 * the group's rest periods (the convenor). Each write is audited in the transaction it is handed.
 */
import {
  type Actor,
  type Db,
  endRestPeriod,
  findRestPeriod,
  insertRestPeriod,
  readPreferences,
  recordAudit,
  savePreferences,
} from "@convene/db";
import {
  type NotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesInput,
  notificationKindLabels,
  notificationKinds,
  type RestPeriodInput,
} from "@convene/domain";
import { ApiError, editConflict, notFound } from "../errors.ts";
import type { UnsubscribeScope } from "./delivery/unsubscribe.ts";

export async function saveMyPreferences(trx: Db, person: { id: string; name: string }, input: NotificationPreferencesInput) {
  const actor = { id: person.id, name: person.name };
  const { version, ...preferences } = input;
  const before = await readPreferences(trx, actor.id);
  const saved = await savePreferences(trx, actor.id, preferences, version, new Date().toISOString());
  if (saved === undefined) throw editConflict({ preferences: before.preferences, version: before.version });
  const after = { preferences, version: saved };
  await recordAudit(trx, { actor, action: "update", entity: "notification_preferences", entityId: actor.id, before, after });
  return after;
}

/** The kinds an unsubscribe link turns off: its own kind, or (for a digest) every kind now in the digest. */
export function kindsToTurnOff(p: NotificationPreferences, scope: UnsubscribeScope): NotificationKind[] {
  return scope === "digest" ? notificationKinds.filter((k) => p.kinds[k] === "digest") : [scope];
}

export function unsubscribeWording(kinds: readonly NotificationKind[]): string {
  if (kinds.length === 0) return "Nothing was left to turn off: none of these emails reach you now.";
  return kinds.map((k) => `“${notificationKindLabels[k]}”`).join(" and ");
}

/** One-click unsubscribe: turns off email for that scope only, leaving every other choice as it was. */
export async function unsubscribe(trx: Db, person: { id: string; name: string }, scope: UnsubscribeScope) {
  const before = await readPreferences(trx, person.id);
  const kinds = kindsToTurnOff(before.preferences, scope);
  if (kinds.length === 0 || kinds.every((k) => before.preferences.kinds[k] === "off")) return { kinds: [] as NotificationKind[] };
  const preferences: NotificationPreferences = {
    ...before.preferences,
    kinds: { ...before.preferences.kinds, ...Object.fromEntries(kinds.map((k) => [k, "off"])) },
  };
  const saved = await savePreferences(trx, person.id, preferences, before.version, new Date().toISOString());
  // Only the same person's own save can race this; asking them to follow the link again is enough.
  if (saved === undefined) throw new ApiError(409, "conflict", "Your preferences changed just now. Follow the link again.");
  await recordAudit(trx, {
    actor: { id: person.id, name: person.name },
    action: "update",
    entity: "notification_preferences",
    entityId: person.id,
    before,
    after: { preferences, version: saved, through: "unsubscribe link" },
  });
  return { kinds };
}

export async function declareRestPeriod(trx: Db, actor: Actor, input: RestPeriodInput) {
  const rest = await insertRestPeriod(trx, {
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    reason: input.reason,
    createdById: actor.id,
  });
  await recordAudit(trx, { actor, action: "create", entity: "rest_period", entityId: rest.id, after: rest });
  return rest;
}

/** Ends a rest period now; one that has not begun ends as it starts, so it never holds anything. */
export async function endRestPeriodNow(trx: Db, actor: Actor, id: number, now: Date) {
  const before = await findRestPeriod(trx, id);
  if (!before) throw notFound("That rest period");
  const at = now.toISOString();
  if (before.endsAt <= at) throw new ApiError(409, "conflict", "That rest period has already ended.");
  const notBegun = Date.parse(before.startsAt) > now.getTime();
  const rest = (await endRestPeriod(trx, id, notBegun ? before.startsAt : at))!;
  await recordAudit(trx, { actor, action: "close", entity: "rest_period", entityId: id, before, after: rest });
  return rest;
}
