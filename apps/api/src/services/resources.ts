/**
 * The shared library. Decision: any member (or the convenor) may add a resource, since the
 * library is the group's shared documents; whoever added one may edit it; the convenor, as keeper
 * (DESIGN.md), edits and deletes anything. Deleting is soft and can be undone. Observers read only.
 */
import { type Db, getResource, insertResource, markDeleted, type ResourceRecord, recordAudit, updateVersioned } from "@convene/db";
import type { ResourceInput, ResourcePatch, Visibility } from "@convene/domain";
import type { SessionUser } from "../context.ts";
import { editConflict, forbidden, invalid, notFound } from "../errors.ts";

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

export async function addResource(db: Db, user: SessionUser, input: ResourceInput) {
  if (user.role === "observer") throw forbidden("Observers can read the library but not add to it.");
  checkVisibility(user, input.visibility);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertResource(trx, input, actorOf(user));
    await recordAudit(trx, {
      actor: actorOf(user),
      action: "create",
      entity: "resource",
      entityId: id,
      after: await resourceForWrite(trx, id),
    });
    return id;
  });
  return resourceForWrite(db, id);
}

export async function editResource(db: Db, user: SessionUser, id: number, patch: ResourcePatch) {
  const before = await getResource(db, user.role, id);
  if (!before) throw notFound("That resource");
  if (user.role !== "convenor" && before.createdById !== user.id) {
    throw forbidden("Only whoever added this resource, or the convenor, can edit it.");
  }
  checkVisibility(user, patch.visibility);
  const { version, tags, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    const outcome = await updateVersioned(trx, "resources", id, version, {
      ...fields,
      ...(tags ? { tags: JSON.stringify(tags) } : {}),
      updatedAt: new Date().toISOString(),
    });
    if (outcome === "conflict") throw editConflict(await resourceForWrite(trx, id));
    if (outcome === "missing") throw notFound("That resource");
    await recordAudit(trx, {
      actor: actorOf(user),
      action: "update",
      entity: "resource",
      entityId: id,
      before,
      after: await resourceForWrite(trx, id),
    });
  });
  return resourceForWrite(db, id);
}

export async function setResourceDeleted(db: Db, user: SessionUser, id: number, deleted: boolean) {
  const row = await db.selectFrom("resources").select(["id", "deletedAt"]).where("id", "=", id).executeTakeFirst();
  if (!row || (row.deletedAt === null) !== deleted) throw notFound(deleted ? "That resource" : "That deleted resource");
  await markDeleted(db, { table: "resources", entity: "resource", id, deleted, previous: row.deletedAt, actor: actorOf(user) });
}
