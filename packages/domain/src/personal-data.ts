/**
 * Personal data as UK GDPR expects: what an erased person becomes in the group's record, the
 * confirmation an erasure needs, and when an unused account is warned and then disabled.
 */
import { z } from "zod";
import { withoutControlCharacters } from "./common.ts";
import { addDays } from "./dates.ts";

/** The name an erased person's writing carries from then on. */
export function formerMemberName(organisationName: string | null): string {
  return organisationName ? `a former member of ${organisationName}` : "a former member";
}

/** Erasing asks for the person's name, typed, so a slip of the mouse cannot do it. */
export const eraseInputSchema = z.object({
  confirmName: withoutControlCharacters(
    z.string({ error: "Type the person's name to confirm" }).max(200, { error: "The name must be 200 characters or fewer" }),
    "The name",
  ),
});
export type EraseInput = z.infer<typeof eraseInputSchema>;

export const nameConfirms = (typed: string, name: string) => typed.trim().toLowerCase() === name.trim().toLowerCase();

/** An organisation leaving the group: the version it was read at, as every edit carries. */
export const leaveInputSchema = z.object({ version: z.number().int().positive() });

export interface DormancySettings {
  /** An account unused this long is warned (DORMANT_MONTHS, 12 by default). */
  months: number;
  /** And disabled this long after the warning if still unused (DORMANT_WARNING_DAYS, 30 by default). */
  warningDays: number;
}

export const DEFAULT_DORMANCY: DormancySettings = { months: 12, warningDays: 30 };

export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export type Dormancy =
  /** Used within the limit, or used since the warning. */
  { state: "active" } | { state: "due_warning" } | { state: "warned"; disablesAt: string } | { state: "due_disable" };

/**
 * Where an account stands. A warning counts only while the account has not been used since: a
 * person who signs in after the warning starts afresh, and is warned again a year later.
 */
export function dormancyOf(
  account: { lastUsedAt: string; warnedAt: string | null },
  now: Date,
  settings: DormancySettings = DEFAULT_DORMANCY,
): Dormancy {
  const warning = account.warnedAt !== null && account.warnedAt >= account.lastUsedAt ? account.warnedAt : null;
  if (warning) {
    const disablesAt = addDays(new Date(warning), settings.warningDays);
    return disablesAt <= now ? { state: "due_disable" } : { state: "warned", disablesAt: disablesAt.toISOString() };
  }
  return account.lastUsedAt <= monthsBefore(now, settings.months).toISOString() ? { state: "due_warning" } : { state: "active" };
}

export function dormantWarningText(disablesAt: string, appName = "Convene") {
  const day = new Date(disablesAt).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return {
    title: `Your ${appName} account has not been used for a long time`,
    summary: `Sign in before ${day} to keep it. If it is still unused then, it will be disabled, and the convenor can turn it back on if you ask.`,
  };
}
