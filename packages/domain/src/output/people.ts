/** What the API answers about people: who is signed in, accounts and invitations, the audit log. */
import { z } from "zod";
import { roles } from "../roles.ts";
import { answer, flag, id, nullable, organisationRef, time } from "./fields.ts";

const role = z.enum(roles);

export const meOutput = answer({
  user: nullable(
    answer({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role,
      organisationId: nullable(id),
      organisation: nullable(organisationRef),
      /** True while the person must set up two-factor sign-in before anything else answers (403 two_factor_required). */
      twoFactorRequired: z.boolean(),
    }),
  ),
  group: answer({ name: z.string(), shortName: z.string() }),
});

export const accountsOutput = answer({
  users: z.array(
    answer({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: nullable(role),
      organisationId: nullable(id),
      organisationName: nullable(z.string()),
      banned: nullable(flag),
      disabled: z.boolean(),
      createdAt: time,
    }),
  ),
  invitations: z.array(
    answer({
      id,
      kind: z.string(),
      email: z.string(),
      name: z.string(),
      role,
      organisationId: nullable(id),
      organisationName: nullable(z.string()),
      createdAt: time,
      expiresAt: time,
    }),
  ),
});

export const invitationOutput = answer({
  kind: z.enum(["setup", "invite", "reset"]),
  email: z.string(),
  name: z.string(),
  role,
  expiresAt: time,
});

export const linkUsedOutput = answer({ userId: z.string(), kind: z.enum(["setup", "invite", "reset"]) });

export const auditOutput = answer({
  entries: z.array(
    answer({
      id,
      at: time,
      userId: nullable(z.string()),
      userName: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string(),
      /** The record as it was and as it became, in the shape the log keeps for its kind. */
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  entities: z.array(z.string()),
});

const record = z.looseObject({});

/** GET /api/accounts/{id}/export: everything held about one person (never a password or a two-factor secret). */
export const personalDataOutput = answer({
  format: z.literal("convene-personal-data"),
  exportedAt: time,
  account: answer({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: nullable(role),
    organisationId: nullable(id),
    organisationName: nullable(z.string()),
    createdAt: time,
    disabled: z.boolean(),
    twoFactorEnabled: z.boolean(),
  }),
  sessions: z.array(
    answer({
      id: z.string(),
      createdAt: nullable(time),
      lastUsedAt: nullable(time),
      expiresAt: nullable(time),
      ipAddress: nullable(z.string()),
      userAgent: nullable(z.string()),
    }),
  ),
  auditEntries: z.array(answer({ id, at: time, action: z.string(), entity: z.string(), entityId: z.string() })),
  progressUpdates: z.array(answer({ id, goalId: id, note: z.string(), createdAt: time })),
  contributions: z.array(answer({ id, organisationId: id, description: z.string() })),
  alertAnswers: z.array(answer({ id, alertId: id, response: z.string() })),
  alertsRaised: z.array(record),
  proposalPositions: z.array(answer({ id, proposalId: id })),
  statementSignatures: z.array(answer({ id, statementId: id })),
  notifications: z.array(answer({ id, kind: z.string(), title: z.string(), createdAt: time })),
  resources: z.array(record),
  calendarFeed: nullable(answer({ createdAt: time })),
});

export const erasedOutput = answer({ erased: z.string(), shownAs: z.string() });

export const dormantAccountsOutput = answer({
  accounts: z.array(
    answer({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: nullable(role),
      organisationName: nullable(z.string()),
      lastUsedAt: time,
      warnedAt: nullable(time),
      state: z.enum(["due_warning", "warned", "due_disable"]),
      disablesAt: nullable(time),
    }),
  ),
  months: z.number().int(),
  warningDays: z.number().int(),
});

export const dormantSweepOutput = answer({ warned: z.number().int(), disabled: z.number().int() });
