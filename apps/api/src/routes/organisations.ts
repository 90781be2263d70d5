import { getOrganisation, listGoals, listOrganisations } from "@convene/db";
import { leaveInputSchema, organisationInputSchema, organisationPatchSchema } from "@convene/domain";
import { Hono } from "hono";
import { type AppBindings, actorOf, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import { createOrganisation, updateOrganisation } from "../services/organisations.ts";
import { organisationLeaves } from "../services/personal-data.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

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
    const org = await inTransaction(c, (trx) => createOrganisation(trx, actorOf(user), c.req.valid("json")));
    return c.json({ organisation: org }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", organisationPatchSchema), async (c) => {
    const user = convenorOnly(c);
    const org = await inTransaction(c, (trx) => updateOrganisation(trx, actorOf(user), c.req.valid("param").id, c.req.valid("json")));
    return c.json({ organisation: org }, 200);
  })
  .post("/:id/leave", validate("param", idParam), validate("json", leaveInputSchema), async (c) => {
    const user = convenorOnly(c);
    const { auth, clock } = c.var.deps;
    const left = await inTransaction(c, (trx) =>
      organisationLeaves(auth, trx, actorOf(user), c.req.valid("param").id, c.req.valid("json").version, clock()),
    );
    return c.json(left, 200);
  });
