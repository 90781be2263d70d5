/**
 * People and their accounts: the first convenor's setup link, invitations, password resets,
 * disabling. Links are one-time tokens; only their SHA-256 is stored, so a copy of the
 * database cannot be used to sign in. Each write runs, checks first, in the transaction it is
 * handed.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Actor, type Db, type InvitationKind, recordAudit } from "@convene/db";
import type { Role } from "@convene/domain";
import { addDays } from "@convene/domain";
import type { Auth } from "../auth.ts";
import { authIn } from "../auth-in-transaction.ts";
import { ApiError, invalid, notFound } from "../errors.ts";

const LINK_DAYS: Record<InvitationKind, number> = { setup: 7, invite: 14, reset: 2 };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function linkFor(baseUrl: string, kind: InvitationKind, token: string): string {
  const path = kind === "reset" ? "reset-password" : kind === "setup" ? "setup" : "invitation";
  return `${baseUrl.replace(/\/$/, "")}/${path}?token=${token}`;
}

export async function hasConvenor(db: Db): Promise<boolean> {
  const row = await db.selectFrom("user").select("id").where("role", "=", "convenor").executeTakeFirst();
  return row !== undefined;
}

interface NewLink {
  kind: InvitationKind;
  email: string;
  name: string;
  role: Role;
  organisationId: number | null;
  userId?: string | null;
  createdBy: Actor | null;
}

/**
 * Creates a one-time link and returns its token; earlier unused links of the same kind for the
 * same email stop working. Runs in the transaction it is handed.
 */
export async function createLink(trx: Db, link: NewLink): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const now = new Date();
  const expires = addDays(now, LINK_DAYS[link.kind]);
  await trx
    .updateTable("invitations")
    .set({ usedAt: now.toISOString() })
    .where("kind", "=", link.kind)
    .where("email", "=", link.email)
    .where("usedAt", "is", null)
    .execute();
  const { id } = await trx
    .insertInto("invitations")
    .values({
      kind: link.kind,
      tokenHash: hashToken(token),
      email: link.email,
      name: link.name,
      role: link.role,
      organisationId: link.organisationId,
      userId: link.userId ?? null,
      createdBy: link.createdBy?.id ?? null,
      createdAt: now.toISOString(),
      expiresAt: expires.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor: link.createdBy ?? { id: null, name: "Convene (start-up)" },
    action: link.kind === "reset" ? "reset_link" : "invite",
    entity: "invitation",
    entityId: id,
    after: { kind: link.kind, email: link.email, role: link.role, organisationId: link.organisationId, expiresAt: expires.toISOString() },
  });
  return token;
}

/** An invitation to a new person: checked and made in one transaction, so two at once cannot both pass the check. */
export async function invite(trx: Db, actor: Actor, input: Omit<NewLink, "kind" | "createdBy" | "userId">) {
  await checkInvitation(trx, input);
  return createLink(trx, { kind: "invite", ...input, createdBy: actor });
}

/** A password-reset link for an existing account. */
export async function resetLink(trx: Db, actor: Actor, userId: string) {
  const target = await accountForWrite(trx, userId);
  return createLink(trx, {
    kind: "reset",
    email: target.email,
    name: target.name,
    role: target.role ?? "observer",
    organisationId: target.organisationId,
    userId: target.id,
    createdBy: actor,
  });
}

/**
 * On a database with no convenor, a fresh setup link for the first one (printed by `npm start`).
 * Start-up has no route to hand it a transaction, so it makes its own: check and link in one.
 */
export async function setupLinkToken(db: Db): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if (await hasConvenor(trx)) return null;
    return createLink(trx, { kind: "setup", email: "", name: "", role: "convenor", organisationId: null, createdBy: null });
  });
}

export async function findLink(db: Db, token: string) {
  const row = await db.selectFrom("invitations").selectAll().where("tokenHash", "=", hashToken(token)).executeTakeFirst();
  if (!row) throw notFound("That link");
  if (row.usedAt) throw new ApiError(410, "gone", "That link has already been used. Ask the convenor for a new one.");
  if (row.expiresAt < new Date().toISOString()) throw new ApiError(410, "gone", "That link has expired. Ask the convenor for a new one.");
  if (row.kind === "setup" && (await hasConvenor(db))) throw new ApiError(410, "gone", "Convene has already been set up. Sign in instead.");
  return row;
}

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  role: Role;
  organisationId: number | null;
}

/**
 * A new account with its password login and audit entry. Better Auth's writes run in `trx` too
 * (see auth-in-transaction.ts), so a failure leaves no half-made account. Scripts and tests may
 * pass the database itself when there is nothing to roll back with it.
 */
export async function createAccount(auth: Auth, trx: Db, account: NewAccount, actor: Actor | null) {
  return authIn(auth, trx, async (ctx) => {
    const email = account.email.toLowerCase();
    if (await ctx.internalAdapter.findUserByEmail(email)) {
      throw new ApiError(409, "conflict", `There is already an account for ${email}.`, {
        fields: [{ field: "email", message: "There is already an account with this email address" }],
      });
    }
    const hash = await ctx.password.hash(account.password);
    const user = await ctx.internalAdapter.createUser(
      {
        email,
        name: account.name,
        emailVerified: true,
        role: account.role,
        organisationId: account.organisationId,
      },
      { method: "admin" },
    );
    await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
    await recordAudit(trx, {
      actor: actor ?? { id: user.id, name: account.name },
      action: "create",
      entity: "user",
      entityId: user.id,
      after: { email, name: account.name, role: account.role, organisationId: account.organisationId },
    });
    return user;
  });
}

/**
 * Uses a setup, invitation or reset link: creates the account, or sets the new password. The
 * link is claimed, checked and used in one transaction: if using it fails, the claim rolls back
 * with everything else and the person can try again; two requests racing with one token cannot
 * both claim it (the second finds it used).
 */
export async function acceptLink(
  auth: Auth,
  trx: Db,
  token: string,
  input: { name?: string | undefined; email?: string | undefined; password: string },
) {
  const link = await findLink(trx, token);
  const claimed = await trx
    .updateTable("invitations")
    .set({ usedAt: new Date().toISOString() })
    .where("id", "=", link.id)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) throw new ApiError(410, "gone", "That link has already been used. Ask the convenor for a new one.");

  if (link.kind === "reset") {
    const userId = link.userId;
    if (!userId) throw notFound("That link");
    await authIn(auth, trx, async (ctx) => {
      await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(input.password));
      await ctx.internalAdapter.deleteUserSessions(userId);
    });
    await recordAudit(trx, {
      actor: { id: userId, name: link.name },
      action: "update",
      entity: "user",
      entityId: userId,
      after: { password: "changed by reset link" },
    });
    return { userId, kind: link.kind };
  }
  const email = link.kind === "setup" ? input.email : link.email;
  const name = input.name?.trim() || link.name;
  if (!email)
    throw new ApiError(400, "invalid_input", "email: Enter your email address", {
      fields: [{ field: "email", message: "Enter your email address" }],
    });
  if (!name) throw new ApiError(400, "invalid_input", "name: Enter your name", { fields: [{ field: "name", message: "Enter your name" }] });
  const user = await createAccount(
    auth,
    trx,
    { email, name, password: input.password, role: link.role, organisationId: link.organisationId },
    null,
  );
  return { userId: user.id, kind: link.kind };
}

export async function setDisabled(auth: Auth, trx: Db, userId: string, disabled: boolean, actor: Actor) {
  if (disabled && userId === actor.id) throw new ApiError(400, "bad_request", "You cannot disable your own account.");
  await authIn(auth, trx, async (ctx) => {
    if (!(await ctx.internalAdapter.findUserById(userId))) throw notFound("That account");
    await ctx.internalAdapter.updateUser(userId, { banned: disabled, banReason: disabled ? "Disabled by the convenor" : null });
    if (disabled) await ctx.internalAdapter.deleteUserSessions(userId);
  });
  await recordAudit(trx, {
    actor,
    action: disabled ? "disable" : "enable",
    entity: "user",
    entityId: userId,
    before: { disabled: !disabled },
    after: { disabled },
  });
}

export async function listAccounts(db: Db) {
  const users = await db
    .selectFrom("user as u")
    .leftJoin("organisations as o", "o.id", "u.organisationId")
    .select([
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.organisationId",
      "o.name as organisationName",
      "u.banned",
      "u.createdAt",
      "u.twoFactorEnabled",
    ])
    .orderBy("u.name")
    .execute();
  const pending = await db
    .selectFrom("invitations as i")
    .leftJoin("organisations as o", "o.id", "i.organisationId")
    .select([
      "i.id",
      "i.kind",
      "i.email",
      "i.name",
      "i.role",
      "i.organisationId",
      "o.name as organisationName",
      "i.createdAt",
      "i.expiresAt",
    ])
    .where("i.usedAt", "is", null)
    .where("i.kind", "=", "invite")
    .where("i.expiresAt", ">", new Date().toISOString())
    .orderBy("i.createdAt", "desc")
    .execute();
  return {
    users: users.map((u) => ({
      ...u,
      disabled: Boolean(u.banned),
      twoFactorEnabled: Boolean(u.twoFactorEnabled),
      createdAt: String(u.createdAt),
    })),
    invitations: pending,
  };
}

/** An invitation names an existing organisation and an address that has no account yet. */
export async function checkInvitation(db: Db, input: { email: string; organisationId: number | null }) {
  if (
    input.organisationId &&
    !(await db.selectFrom("organisations").select("id").where("id", "=", input.organisationId).executeTakeFirst())
  ) {
    throw invalid("organisationId", "no such organisation");
  }
  if (await db.selectFrom("user").select("id").where("email", "=", input.email).executeTakeFirst()) {
    throw new ApiError(409, "conflict", `There is already an account for ${input.email}.`, {
      fields: [{ field: "email", message: "There is already an account with this email address" }],
    });
  }
}

/** The account with this id, or 404. */
export async function accountForWrite(db: Db, id: string) {
  const target = await db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirst();
  if (!target) throw new ApiError(404, "not_found", "That account was not found.");
  return target;
}
