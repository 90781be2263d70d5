/**
 * The convenor's reset of a person's two-factor, for someone who has lost both their phone and
 * their backup codes: the secret and codes go, the person signs in with their password alone
 * and sets two-factor up again. Through Better Auth's adapter, as its tables are its own.
 * Also the group setting that requires two-factor of everyone.
 */
import { type Actor, type Db, recordAudit, settingIsOn, switchSetting, TWO_FACTOR_FOR_EVERYONE_SETTING } from "@convene/db";
import type { Auth } from "../auth.ts";
import { notFound } from "../errors.ts";
import { notifyTwoFactorReset } from "./notifications.ts";

export async function resetTwoFactor(deps: { db: Db; auth: Auth }, userId: string, actor: Actor): Promise<void> {
  const ctx = await deps.auth.$context;
  const target = await ctx.internalAdapter.findUserById(userId);
  if (!target) throw notFound("That account");
  const wasOn = (target as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true;
  await ctx.adapter.deleteMany({ model: "twoFactor", where: [{ field: "userId", value: userId }] });
  await ctx.internalAdapter.updateUser(userId, { twoFactorEnabled: false });
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor,
      action: "two_factor",
      entity: "user",
      entityId: userId,
      before: { twoFactor: wasOn ? "on" : "off" },
      after: { twoFactor: "reset by the convenor" },
    });
    await notifyTwoFactorReset(trx, userId);
  });
}

/** "Require two-factor sign-in of everyone" (Admin › Settings); off until the convenor turns it on. */
export const twoFactorForEveryone = (db: Db) => settingIsOn(db, TWO_FACTOR_FOR_EVERYONE_SETTING);

/** Turns the requirement on or off, in the transaction it is handed; the session check reads it on the next request. */
export const setTwoFactorForEveryone = (trx: Db, actor: Actor, required: boolean) =>
  switchSetting(trx, actor, TWO_FACTOR_FOR_EVERYONE_SETTING, "twoFactorForEveryone", required);
