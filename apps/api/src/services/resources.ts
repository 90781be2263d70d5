/**
 * The shared library. Decision: any member (or the convenor) may add a resource, since the
 * library is the group's shared documents; whoever added one may edit it; the convenor, as keeper
 * (DESIGN.md), edits and deletes anything. Deleting is soft and can be undone. Observers read only.
 * Every write runs, checks included, in the transaction it is handed.
 */
import { type Db, getResource, insertResource, markDeleted, type ResourceRecord, recordAudit } from "@convene/db";
import type { ResourceInput, ResourcePatch, Visibility } from "@convene/domain";
import type { SessionUser } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

const actorOf = (user: SessionUser) => ({ id: user.id, name: user.name });

async function resourceForWrite(db: Db, id: number): Promise<ResourceRecord> {
  const r = await getResource(db, "convenor", id);
  if (!r) throw notFound("That resource");
  return r;
}

function checkVisibility(user: SessionUser, visibility: Visibility | undefined) {
  if (user.role !== "convenor" && visibility === "convenor") {
    throw invalid("visibility", "only the convenor can add convenor-only resources; choose Members or Public");
  }
}

export async function addResource(trx: Db, user: SessionUser, input: ResourceInput) {
  if (user.role === "observer") throw forbidden("Observers can read the library but not add to it.");
  checkVisibility(user, input.visibility);
  const id = await insertResource(trx, input, actorOf(user));
  const created = await resourceForWrite(trx, id);
  await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "resource", entityId: id, after: created });
  return created;
}

export async function editResource(trx: Db, user: SessionUser, id: number, patch: ResourcePatch) {
  const before = await getResource(trx, user.role, id);
  if (!before) throw notFound("That resource");
  if (user.role !== "convenor" && before.createdById !== user.id) {
    throw forbidden("Only whoever added this resource, or the convenor, can edit it.");
  }
  checkVisibility(user, patch.visibility);
  const { version, tags, ...fields } = patch;
  return applyEdit(trx, "That resource", {
    table: "resources",
    id,
    version,
    values: { ...fields, ...(tags ? { tags: JSON.stringify(tags) } : {}), updatedAt: new Date().toISOString() },
    before,
    read: (db, resourceId) => getResource(db, "convenor", resourceId),
    audit: { actor: actorOf(user), entity: "resource" },
  });
}

export async function setResourceDeleted(trx: Db, user: SessionUser, id: number, deleted: boolean) {
  const row = await trx.selectFrom("resources").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That resource" : "That deleted resource");
  await markDeleted(trx, { table: "resources", entity: "resource", id, deleted, previous: row.deletedAt, actor: actorOf(user) });
}
