/**
 * A person's rights over their data (UK GDPR): everything held about them as one JSON document,
 * erasure that keeps the group's record whole, an organisation leaving the group, and accounts
 * left unused: warned, then disabled. Each write runs, checks first, in the transaction it is handed.
 */
import {
  type AccountUse,
  type Actor,
  type Db,
  eraseTraces,
  getOrganisation,
  insertNotifications,
  insertOutbox,
  listAccountUse,
  personalDataOf,
  recordAudit,
} from "@convene/db";
import {
  type DormancySettings,
  dormancyOf,
  dormantWarningText,
  formerMemberName,
  isoDate,
  nameConfirms,
  notificationPath,
} from "@convene/domain";
import type { Auth } from "../auth.ts";
import { authIn } from "../auth-in-transaction.ts";
import { ApiError, editConflict, invalid, notFound } from "../errors.ts";
import type { EmailPayload } from "./delivery/email-message.ts";

export const PERSONAL_DATA_FORMAT = "convene-personal-data";

export async function exportPersonalData(db: Db, userId: string, now: Date) {
  const data = await personalDataOf(db, userId);
  if (!data) throw notFound("That account");
  return { format: PERSONAL_DATA_FORMAT, exportedAt: now.toISOString(), ...data };
}

async function activeConvenors(trx: Db) {
  const rows = await trx.selectFrom("user").select(["id", "banned"]).where("role", "=", "convenor").execute();
  return rows.filter((r) => !r.banned).map((r) => r.id);
}

/**
 * Erases a person: their account and everything that belongs only to it go, their name in what
 * they wrote becomes "a former member of ORGANISATION", and the audit log keeps the facts
 * without the name or address. The erasure's own audit entry names no one.
 */
export async function erasePerson(auth: Auth, trx: Db, actor: Actor, userId: string, confirmName: string) {
  const target = await trx
    .selectFrom("user as u")
    .leftJoin("organisations as o", "o.id", "u.organisationId")
    .select(["u.id", "u.name", "u.email", "u.role", "u.organisationId", "o.name as organisationName"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  if (!target) throw notFound("That account");
  if (userId === actor.id) throw new ApiError(400, "bad_request", "You cannot erase your own account: ask another convenor.");
  if (target.role === "convenor") {
    const others = (await activeConvenors(trx)).filter((id) => id !== userId);
    if (others.length === 0)
      throw new ApiError(409, "last_convenor", "This is the last convenor's account: make someone else convenor first.");
  }
  if (!nameConfirms(confirmName, target.name)) throw invalid("confirmName", `type ${target.name} exactly to confirm`);

  const replacement = formerMemberName(target.organisationName);
  await authIn(auth, trx, async (ctx) => {
    await ctx.internalAdapter.deleteUserSessions(userId);
    await ctx.internalAdapter.deleteAccounts(userId);
  });
  const raw = trx as unknown as import("kysely").Kysely<any>;
  await raw.deleteFrom("twoFactor").where("userId", "=", userId).execute();
  await trx
    .deleteFrom("outbox")
    .where("notificationId", "in", trx.selectFrom("notifications").select("id").where("userId", "=", userId))
    .execute();
  await trx.deleteFrom("notifications").where("userId", "=", userId).execute();
  await trx.deleteFrom("calendarLinks").where("userId", "=", userId).execute();
  await trx.deleteFrom("userVisits").where("userId", "=", userId).execute();
  await eraseTraces(trx, { id: target.id, name: target.name, email: target.email }, replacement);
  await authIn(auth, trx, (ctx) => ctx.internalAdapter.deleteUser(userId));
  await recordAudit(trx, {
    actor,
    action: "erase",
    entity: "user",
    entityId: userId,
    after: { erased: true, nowShownAs: replacement, role: target.role, organisationId: target.organisationId },
  });
  return { erased: userId, shownAs: replacement };
}

/** Disables an account and ends its sessions, through Better Auth, in `trx`; false when it was already disabled. */
async function disableAccount(auth: Auth, trx: Db, userId: string, reason: string): Promise<boolean> {
  return authIn(auth, trx, async (ctx) => {
    const user = (await ctx.internalAdapter.findUserById(userId)) as { banned?: boolean | null } | null;
    if (!user || user.banned) return false;
    await ctx.internalAdapter.updateUser(userId, { banned: true, banReason: reason });
    await ctx.internalAdapter.deleteUserSessions(userId);
    return true;
  });
}

/**
 * An organisation leaves the group: from today it is no longer asked (alerts, proposals and
 * their quorum, pickers for new records), its people's accounts are disabled and their sessions
 * ended, and everything it did stays in the record, shown as a former member.
 */
export async function organisationLeaves(auth: Auth, trx: Db, actor: Actor, organisationId: number, version: number, now: Date) {
  const before = await getOrganisation(trx, organisationId);
  if (!before) throw notFound("That organisation");
  if (before.isConvenor) throw new ApiError(409, "convenor_organisation", "The convening organisation cannot leave the group.");
  if (before.leftOn !== null) throw new ApiError(409, "already_left", `${before.name} has already left the group.`);
  if (before.version !== version) throw editConflict(before);
  const leftOn = isoDate(now);
  await trx
    .updateTable("organisations")
    .set((eb) => ({ leftOn, version: eb("version", "+", 1) }))
    .where("id", "=", organisationId)
    .execute();
  const people = await trx.selectFrom("user").select(["id"]).where("organisationId", "=", organisationId).execute();
  const disabled: string[] = [];
  for (const p of people) {
    if (await disableAccount(auth, trx, p.id, `${before.name} left the group`)) disabled.push(p.id);
  }
  const after = await getOrganisation(trx, organisationId);
  await recordAudit(trx, {
    actor,
    action: "leave",
    entity: "organisation",
    entityId: organisationId,
    before: { leftOn: null },
    after: { leftOn, accountsDisabled: disabled.length },
  });
  for (const id of disabled)
    await recordAudit(trx, {
      actor,
      action: "disable",
      entity: "user",
      entityId: id,
      after: { disabled: true, reason: "organisation left" },
    });
  return { organisation: after!, accountsDisabled: disabled.length };
}

export interface DormantAccount extends AccountUse {
  state: "due_warning" | "warned" | "due_disable";
  disablesAt: string | null;
}

/** Accounts in use (not disabled) that have gone unused past the limit, warned or not yet. */
export async function listDormant(db: Db, now: Date, settings: DormancySettings): Promise<DormantAccount[]> {
  const accounts = await listAccountUse(db);
  return accounts.flatMap((a) => {
    if (a.disabled) return [];
    const d = dormancyOf(a, now, settings);
    if (d.state === "active") return [];
    return [{ ...a, state: d.state, disablesAt: d.state === "warned" ? d.disablesAt : null }];
  });
}

const SWEEPER: Actor = { id: null, name: "Convene (unused accounts)" };

/**
 * Warns the accounts due a warning (inbox and email) and disables those warned long enough ago
 * and still unused. Each person is one transaction that sets `dormantWarnedAt` only if it still
 * holds what was read, so instances sweeping at once warn and disable each person once.
 */
export async function sweepDormant(deps: { db: Db; auth: Auth }, now: Date, settings: DormancySettings) {
  const due = await listDormant(deps.db, now, settings);
  let warned = 0;
  let disabled = 0;
  for (const account of due) {
    if (account.state === "due_warning") {
      const done = await deps.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable("user")
          .set({ dormantWarnedAt: now.toISOString() })
          .where("id", "=", account.id)
          .where((eb) => (account.warnedAt === null ? eb("dormantWarnedAt", "is", null) : eb("dormantWarnedAt", "=", account.warnedAt)))
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) return false;
        const disablesAt = new Date(now.getTime() + settings.warningDays * 86_400_000).toISOString();
        await warnPerson(trx, account, disablesAt);
        await recordAudit(trx, {
          actor: SWEEPER,
          action: "dormant_warning",
          entity: "user",
          entityId: account.id,
          after: { lastUsedAt: account.lastUsedAt, disablesAt },
        });
        return true;
      });
      if (done) warned += 1;
    } else if (account.state === "due_disable") {
      const done = await deps.db.transaction().execute(async (trx) => {
        // Disabling the last convenor in use would lock the group out of its own Convene: they stay warned.
        if (account.role === "convenor" && (await activeConvenors(trx)).filter((id) => id !== account.id).length === 0) return false;
        // Clearing the warning is the claim: of two sweeps at once, one finds it gone and does nothing.
        const claimed = await trx
          .updateTable("user")
          .set({ dormantWarnedAt: null })
          .where("id", "=", account.id)
          .where("dormantWarnedAt", "=", account.warnedAt)
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) return false;
        if (!(await disableAccount(deps.auth, trx, account.id, "Unused for a long time"))) return false;
        await recordAudit(trx, {
          actor: SWEEPER,
          action: "disable",
          entity: "user",
          entityId: account.id,
          after: { disabled: true, reason: "unused", lastUsedAt: account.lastUsedAt, warnedAt: account.warnedAt },
        });
        return true;
      });
      if (done) disabled += 1;
    }
  }
  return { warned, disabled };
}

async function warnPerson(trx: Db, person: { id: string; name: string; email: string }, disablesAt: string) {
  const text = dormantWarningText(disablesAt);
  const [notificationId] = await insertNotifications(trx, [
    { userId: person.id, kind: "account_dormant", entity: "account", entityId: 0, visibility: "public", ...text },
  ]);
  const payload: EmailPayload = {
    to: person.email,
    name: person.name,
    subject: text.title,
    title: text.title,
    summary: text.summary,
    path: notificationPath("account", 0),
  };
  await insertOutbox(trx, [{ channel: "email", notificationId: notificationId!, payload: JSON.stringify(payload) }]);
}
