/**
 * Who must have two-factor sign-in (issue 13.4): the convenor always, since their account can
 * change everything and reset everyone else's; everyone when the convenor requires it of all.
 * An authenticator app (TOTP) or a passkey each counts as a second factor.
 */
import { z } from "zod";
import type { Role } from "./roles.ts";

export interface TwoFactorState {
  role: Role;
  /** The group setting "Require two-factor sign-in of everyone". */
  requiredOfEveryone: boolean;
  /** An authenticator app is set up and confirmed with a first code. */
  hasTotp: boolean;
  hasPasskey: boolean;
}

export function mustHaveTwoFactor(role: Role, requiredOfEveryone: boolean): boolean {
  return role === "convenor" || requiredOfEveryone;
}

/** Whether this person must set two-factor up before they may go on. */
export function twoFactorMissing(s: TwoFactorState): boolean {
  return mustHaveTwoFactor(s.role, s.requiredOfEveryone) && !s.hasTotp && !s.hasPasskey;
}

export const TWO_FACTOR_REQUIRED_MESSAGE =
  "Set up two-factor sign-in before you go on: an authenticator app or a passkey, on your account page.";

/** The convenor's switch in Admin › Settings. */
export const twoFactorSettingSchema = z.object({
  required: z.boolean({ error: "Say whether two-factor sign-in is required of everyone (true or false)" }),
});

/**
 * Why a factor may not be removed, or null: someone who must have two-factor sign-in keeps at
 * least one (removing the last would only hold them back at their next request).
 */
export function lastFactorRefusal(
  s: { role: Role; requiredOfEveryone: boolean; hasTotp: boolean; passkeys: number },
  removing: "totp" | "passkey",
): string | null {
  if (!mustHaveTwoFactor(s.role, s.requiredOfEveryone)) return null;
  const left = (removing === "totp" ? 0 : Number(s.hasTotp)) + (removing === "passkey" ? Math.max(0, s.passkeys - 1) : s.passkeys);
  if (left > 0) return null;
  return removing === "totp"
    ? "Your account must keep two-factor sign-in: add a passkey before you turn the authenticator app off."
    : "Your account must keep two-factor sign-in: set up an authenticator app or add another passkey before you remove this one.";
}
