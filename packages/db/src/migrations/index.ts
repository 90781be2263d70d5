/**
 * Every migration, in order. An in-code provider (rather than reading a folder) keeps
 * migrations working however the app is run or bundled. Migrations take Kysely<any> and
 * never import application code: they are frozen in time.
 */
import type { Migration } from "kysely";
import * as core from "./2026-11-26-01-core.ts";
import * as accounts from "./2026-11-26-02-accounts.ts";
import * as roadmap from "./2026-11-26-10-roadmap.ts";
import * as milestones from "./2026-11-26-11-milestones.ts";
import * as meetings from "./2026-11-26-12-meetings.ts";
import * as alerts from "./2026-11-26-20-alerts.ts";
import * as resources from "./2026-11-26-21-resources.ts";
import * as contributions from "./2026-11-26-22-contributions.ts";
import * as visits from "./2026-11-26-23-visits.ts";
import * as rateLimit from "./2026-12-01-01-rate-limit.ts";
import * as proposals from "./2026-12-01-20-proposals.ts";
import * as storedProgress from "./2026-12-02-10-stored-progress.ts";
import * as notifications from "./2026-12-02-40-notifications.ts";
import * as twoFactor from "./2026-12-02-50-two-factor.ts";
import * as answerLinks from "./2026-12-02-60-answer-links.ts";
import * as notificationPreferences from "./2026-12-02-60-notification-preferences.ts";
import * as webhooks from "./2026-12-02-60-webhooks.ts";
import * as passkeys from "./2026-12-02-70-passkeys.ts";
import * as proposalDecisions from "./2026-12-02-70-proposal-decisions.ts";
import * as dormantAccounts from "./2026-12-03-10-dormant-accounts.ts";
import * as alertCarries from "./2026-12-04-10-alert-carries.ts";
import * as decisionUndo from "./2026-12-04-20-decision-undo.ts";

export const migrations: Record<string, Migration> = {
  "2026-11-26-01-core": core,
  "2026-11-26-02-accounts": accounts,
  "2026-11-26-10-roadmap": roadmap,
  "2026-11-26-11-milestones": milestones,
  "2026-11-26-12-meetings": meetings,
  "2026-11-26-20-alerts": alerts,
  "2026-11-26-21-resources": resources,
  "2026-11-26-22-contributions": contributions,
  "2026-11-26-23-visits": visits,
  "2026-12-01-01-rate-limit": rateLimit,
  "2026-12-01-20-proposals": proposals,
  "2026-12-02-10-stored-progress": storedProgress,
  "2026-12-02-40-notifications": notifications,
  "2026-12-02-50-two-factor": twoFactor,
  "2026-12-02-60-answer-links": answerLinks,
  "2026-12-02-60-notification-preferences": notificationPreferences,
  "2026-12-02-70-proposal-decisions": proposalDecisions,
  "2026-12-03-10-dormant-accounts": dormantAccounts,
  "2026-12-04-10-alert-carries": alertCarries,
  "2026-12-04-20-decision-undo": decisionUndo,
  "2026-12-02-60-webhooks": webhooks,
  "2026-12-02-70-passkeys": passkeys,
};
