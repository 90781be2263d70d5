/** Writing cycles (the convenor's job): names are unique, a closed cycle is history; every write is audited in the transaction it is handed. */

import { type Actor, type Db, findCycleByName, getCycle, insertCycle, recordAudit } from "@convene/db";
import type { CycleInput, cyclePatchSchema } from "@convene/domain";
import { cycleWords } from "@convene/domain";
import type { z } from "zod";
import { ApiError, invalid, notFound } from "../errors.ts";
import { applyEdit } from "./versioned-edit.ts";

const cycleNameTaken = (name: string) =>
  new ApiError(409, "conflict", `There is already a cycle called ${name}.`, { fields: [{ field: "name", message: "is taken" }] });

export async function createCycle(trx: Db, actor: Actor, input: CycleInput) {
  if (await findCycleByName(trx, input.name)) throw cycleNameTaken(input.name);
  const cycle = await insertCycle(trx, input);
  await recordAudit(trx, { actor, action: "create", entity: "cycle", entityId: cycle.id, after: cycle });
  return cycle;
}

async function openCycleForWrite(trx: Db, id: number, closedMessage: (name: string) => string) {
  const cycle = await getCycle(trx, id);
  if (!cycle) throw notFound("That cycle");
  if (cycle.closedAt) throw new ApiError(409, "cycle_closed", closedMessage(cycle.name));
  return cycle;
}

export async function updateCycle(trx: Db, actor: Actor, id: number, patch: z.infer<typeof cyclePatchSchema>) {
  const before = await openCycleForWrite(trx, id, (name) => `The ${cycleWords(name)} is closed; its dates are history.`);
  const { version, ...fields } = patch;
  if ((fields.workshopDate ?? before.workshopDate) > (fields.agmDate ?? before.agmDate))
    throw invalid("agmDate", "The AGM cannot be before the workshop");
  if (fields.name && fields.name !== before.name && (await findCycleByName(trx, fields.name))) throw cycleNameTaken(fields.name);
  return applyEdit(trx, "That cycle", {
    table: "cycles",
    id,
    version,
    values: fields,
    before,
    read: getCycle,
    audit: { actor, entity: "cycle" },
  });
}

/** Closing a cycle at its AGM makes its goals read-only history. */
export async function closeCycle(trx: Db, actor: Actor, id: number, version: number) {
  const before = await openCycleForWrite(trx, id, (name) => `The ${cycleWords(name)} is already closed.`);
  return applyEdit(trx, "That cycle", {
    table: "cycles",
    id,
    version,
    values: { closedAt: new Date().toISOString() },
    before,
    read: getCycle,
    audit: { actor, entity: "cycle", action: "close" },
  });
}
