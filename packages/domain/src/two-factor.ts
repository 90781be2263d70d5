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
