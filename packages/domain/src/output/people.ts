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
