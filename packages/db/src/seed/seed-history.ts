/**
 * The group's public 2017–2019 history as milestones (history.json, taken from the group's own
 * words in working-group.txt). Idempotent: each record carries a seed key, so seeding again adds
 * nothing twice and never undoes the convenor's edits or deletions.
 *
 * The continuing call for a whole-of-government strategy is not a milestone (nothing happened on
 * a date) but an open goal. Goals belong to a cycle, and the seed must not invent a cycle's dates,
 * so it is kept here as a "standing goal": the dashboard shows it as still open and offers the
 * convenor to add it to the chosen cycle with one click once a cycle exists (see
 * apps/api/src/routes/standing-goals.ts). Nothing is written until the convenor does so.
 */
import { type MilestoneInput, milestoneInputSchema, type Visibility } from "@convene/domain";
import type { Kysely } from "kysely";
import { insertMilestone } from "../queries/milestones.ts";
import type { Database } from "../schema.ts";
import history from "./history.json" with { type: "json" };

export const HISTORY_SEEDED_SETTING = "historySeeded";

export interface StandingGoal {
  key: string;
  title: string;
  description: string;
  /** The name of the theme it belongs to, if that theme exists. */
  theme: string;
  visibility: Visibility;
}

/** The seed's standing goals: what the group is still working for, with no cycle of its own. */
export const standingGoals: readonly StandingGoal[] = history.standingGoals.map((g) => ({ ...g, visibility: g.visibility as Visibility }));

/** The seeded milestones, validated by the same schema as the API (with organisations by short name). */
export function historyMilestones(): (MilestoneInput & { seedKey: string; organisations: string[] })[] {
  return history.milestones.map(({ seedKey, organisations, ...m }) => ({
    ...milestoneInputSchema.parse({ ...m, visibility: "public" }),
    seedKey,
    organisations,
  }));
}

export async function seedHistory(db: Kysely<Database>): Promise<{ milestonesAdded: number }> {
  return db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await trx.selectFrom("milestones").select("seedKey").where("seedKey", "is not", null).execute()).map((r) => r.seedKey),
    );
    const orgs = new Map((await trx.selectFrom("organisations").select(["id", "shortName"]).execute()).map((o) => [o.shortName, o.id]));
    let added = 0;
    for (const { organisations, ...m } of historyMilestones()) {
      if (existing.has(m.seedKey)) continue;
      // An installation whose organisations differ simply gets no link for a missing one.
      const organisationIds = organisations.flatMap((s) => (orgs.has(s) ? [orgs.get(s)!] : []));
      await insertMilestone(trx, { ...m, organisationIds });
      added += 1;
    }
    await trx
      .insertInto("settings")
      .values({ key: HISTORY_SEEDED_SETTING, value: new Date().toISOString() })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    return { milestonesAdded: added };
  });
}
