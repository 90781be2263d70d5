import { getOrganisation, insertOrganisation, listGoals, listOrganisations, recordAudit, updateVersioned } from "@convene/db";
import { organisationInputSchema, organisationPatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, signedIn, viewerOf } from "../context.ts";
import { ApiError, editConflict, notFound } from "../errors.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const shortNameTaken = (shortName: string) =>
  new ApiError(409, "conflict", `Another organisation already uses the short name ${shortName}.`, {
    fields: [{ field: "shortName", message: "is taken" }],
  });

export const organisations = new Hono<AppBindings>()
  .get("/", async (c) => {
    signedIn(c);
    return c.json({ organisations: await listOrganisations(c.var.deps.db) }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    signedIn(c);
    const { db } = c.var.deps;
    const org = await getOrganisation(db, c.req.valid("param").id);
    if (!org) throw notFound("That organisation");
    const goals = await listGoals(db, viewerOf(c), { organisationId: org.id });
    return c.json(
      {
        organisation: org,
        leads: goals.filter((g) => g.leadOrganisationId === org.id),
        supports: goals.filter((g) => g.leadOrganisationId !== org.id),
      },
      200,
    );
  })
  .post("/", validate("json", organisationInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const input = c.req.valid("json");
    if (await db.selectFrom("organisations").select("id").where("shortName", "=", input.shortName).executeTakeFirst())
      throw shortNameTaken(input.shortName);
    const org = await db.transaction().execute(async (trx) => {
      const org = await insertOrganisation(trx, input);
      await recordAudit(trx, { actor: actorOf(user), action: "create", entity: "organisation", entityId: org.id, after: org });
      return org;
    });
    return c.json({ organisation: org }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", organisationPatchSchema), async (c) => {
    const user = convenorOnly(c);
    const { db } = c.var.deps;
    const { id } = c.req.valid("param");
    const { version, isConvenor, ...fields } = c.req.valid("json");
    const before = await getOrganisation(db, id);
    if (!before) throw notFound("That organisation");
    if (
      fields.shortName &&
      fields.shortName !== before.shortName &&
      (await db.selectFrom("organisations").select("id").where("shortName", "=", fields.shortName).executeTakeFirst())
    ) {
      throw shortNameTaken(fields.shortName);
    }
    const org = await db.transaction().execute(async (trx) => {
      const outcome = await updateVersioned(trx, "organisations", id, version, {
        ...fields,
        ...(isConvenor === undefined ? {} : { isConvenor: isConvenor ? 1 : 0 }),
      });
      if (outcome === "conflict") throw editConflict(await getOrganisation(trx, id));
      const after = await getOrganisation(trx, id);
      await recordAudit(trx, { actor: actorOf(user), action: "update", entity: "organisation", entityId: id, before, after });
      return after;
    });
    return c.json({ organisation: org }, 200);
  });
