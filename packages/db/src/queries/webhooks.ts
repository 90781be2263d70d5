/**
 * CONVENOR ONLY: the group's webhooks. The secret is read only by the delivery worker
 * (`webhookForDelivery`); every list and detail leaves it out, so no answer can carry it.
 */
import type { Visibility, WebhookFormat } from "@convene/domain";
import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

const shown = [
  "id",
  "name",
  "url",
  "format",
  "events",
  "visibility",
  "enabled",
  "lastError",
  "lastErrorAt",
  "lastDeliveredAt",
  "createdAt",
  "updatedAt",
  "deletedAt",
  "version",
] as const;

type Row = { events: string; enabled: number };
const parsed = <R extends Row>(r: R): Omit<R, "events" | "enabled"> & { events: string[]; enabled: boolean } => ({
  ...r,
  events: JSON.parse(r.events) as string[],
  enabled: Boolean(r.enabled),
});

/** Every hook not in the bin, with what the convenor needs to see (never its secret). */
export async function listWebhooks(db: Kysely<Database>) {
  const rows = await db.selectFrom("webhooks").select(shown).where("deletedAt", "is", null).orderBy("name").orderBy("id").execute();
  return rows.map(parsed);
}

/** One hook, in the bin or not (restore reads it from there). */
export async function getWebhook(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom("webhooks").select(shown).where("id", "=", id).executeTakeFirst();
  return row ? parsed(row) : undefined;
}
export type WebhookRecord = NonNullable<Awaited<ReturnType<typeof getWebhook>>>;

export async function insertWebhook(
  db: Kysely<Database>,
  hook: { name: string; url: string; secret: string; format: WebhookFormat; events: string[]; visibility: Visibility; enabled: boolean },
): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("webhooks")
    .values({ ...hook, events: JSON.stringify(hook.events), enabled: hook.enabled ? 1 : 0, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The hooks an event may go to: in use and not in the bin (the domain's hooksFor picks among them). */
export async function listActiveWebhooks(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("webhooks")
    .select(["id", "events", "visibility", "enabled"])
    .where("deletedAt", "is", null)
    .where("enabled", "=", 1)
    .orderBy("id")
    .execute();
  return rows.map(parsed);
}

/** What the worker needs to send to a hook now; undefined when it was deleted. */
export async function webhookForDelivery(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom("webhooks")
    .select(["id", "url", "secret", "format", "visibility", "enabled", "deletedAt"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, enabled: Boolean(row.enabled) && row.deletedAt === null } : undefined;
}

/** Keeps the outcome of the latest try on the hook, for the convenor's page. */
export async function recordWebhookOutcome(db: Kysely<Database>, id: number, outcome: { at: string; error: string | null }) {
  await db
    .updateTable("webhooks")
    .set(
      outcome.error === null
        ? { lastDeliveredAt: outcome.at, lastError: null, lastErrorAt: null }
        : { lastError: outcome.error.slice(0, 2_000), lastErrorAt: outcome.at },
    )
    .where("id", "=", id)
    .execute();
}

/**
 * The visibility a record has now, or undefined when it is gone (deleted or in the bin): the
 * worker re-checks it before sending, so a record narrowed since the event never reaches a hook
 * that may no longer hear of it.
 */
export async function recordVisibilityNow(db: Kysely<Database>, entity: string, id: number): Promise<Visibility | undefined> {
  switch (entity) {
    case "alert":
      return (await db.selectFrom("alerts").select("visibility").where("id", "=", id).executeTakeFirst())?.visibility;
    case "goal":
      return (await db.selectFrom("goals").select("visibility").where("id", "=", id).where("deletedAt", "is", null).executeTakeFirst())
        ?.visibility;
    case "meeting":
      return (await db.selectFrom("meetings").select("visibility").where("id", "=", id).where("deletedAt", "is", null).executeTakeFirst())
        ?.visibility;
    case "proposal":
      return (await db.selectFrom("proposals").select("visibility").where("id", "=", id).executeTakeFirst())?.visibility;
    case "statement":
      return (await db.selectFrom("statements").select("visibility").where("id", "=", id).executeTakeFirst())?.visibility;
    default:
      return undefined;
  }
}
