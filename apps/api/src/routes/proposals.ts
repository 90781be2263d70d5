/** /api/proposals: questions put to the group, one position per member organisation. */
import { getProposal, listPositions, listProposals, proposalDecisions } from "@convene/db";
import {
  positionInputSchema,
  proposalCloseSchema,
  proposalExtendSchema,
  proposalInputSchema,
  proposalListQuerySchema,
  proposalOutcomeSchema,
  proposalPatchSchema,
  proposalWithdrawSchema,
} from "@convene/domain";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { type AppBindings, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { notFound } from "../errors.ts";
import {
  closeProposal,
  createProposal,
  extendProposal,
  givePosition,
  proposalResults,
  recordOutcome,
  updateProposal,
  withdrawProposal,
} from "../services/proposals.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const doc = (summary: string, description?: string) =>
  describeRoute({ tags: ["Proposals"], summary, ...(description ? { description } : {}) });

export const proposals = new Hono<AppBindings>()
  .get("/", doc("List the proposals you may see"), validate("query", proposalListQuerySchema), async (c) => {
    const user = signedIn(c);
    return c.json({ proposals: await listProposals(c.var.deps.db, user.role, c.req.valid("query"), user.organisationId) }, 200);
  })
  .get(
    "/:id",
    doc("A proposal with its tally, its links, every organisation's position and the decisions its outcome recorded"),
    validate("param", idParam),
    async (c) => {
      const user = signedIn(c);
      const { db } = c.var.deps;
      const { id } = c.req.valid("param");
      const proposal = await getProposal(db, viewerOf(c), id, user.organisationId);
      if (!proposal) throw notFound("That proposal");
      const [positions, decisions] = await Promise.all([listPositions(db, id), proposalDecisions(db, viewerOf(c), id)]);
      return c.json({ proposal, positions, decisions }, 200);
    },
  )
  .get(
    "/:id/results",
    doc("Results for the convenor", "The count, what it says, and the organisations that have not given a position."),
    validate("param", idParam),
    async (c) => {
      convenorOnly(c);
      return c.json(await proposalResults(c.var.deps.db, c.req.valid("param").id), 200);
    },
  )
  .post("/", doc("Put a question to the group (convenor)"), validate("json", proposalInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json({ proposal: await inTransaction(c, (trx) => createProposal(trx, user, c.req.valid("json"))) }, 201);
  })
  .patch("/:id", doc("Edit an open proposal (convenor)"), validate("param", idParam), validate("json", proposalPatchSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(
      { proposal: await inTransaction(c, (trx) => updateProposal(trx, user, c.req.valid("param").id, c.req.valid("json"))) },
      200,
    );
  })
  .post("/:id/close", doc("Close early (convenor)"), validate("param", idParam), validate("json", proposalCloseSchema), async (c) => {
    const user = convenorOnly(c);
    const { version, outcome } = c.req.valid("json");
    return c.json({ proposal: await inTransaction(c, (trx) => closeProposal(trx, user, c.req.valid("param").id, version, outcome)) }, 200);
  })
  .post(
    "/:id/extend",
    doc("Move the closing time later (convenor)"),
    validate("param", idParam),
    validate("json", proposalExtendSchema),
    async (c) => {
      const user = convenorOnly(c);
      const { version, closesAt } = c.req.valid("json");
      return c.json(
        { proposal: await inTransaction(c, (trx) => extendProposal(trx, user, c.req.valid("param").id, version, closesAt)) },
        200,
      );
    },
  )
  .post("/:id/withdraw", doc("Withdraw (convenor)"), validate("param", idParam), validate("json", proposalWithdrawSchema), async (c) => {
    const user = convenorOnly(c);
    const { version, reason } = c.req.valid("json");
    return c.json(
      { proposal: await inTransaction(c, (trx) => withdrawProposal(trx, user, c.req.valid("param").id, version, reason)) },
      200,
    );
  })
  .post(
    "/:id/outcome",
    doc(
      "Record the outcome (convenor)",
      "Enters it in the decisions log as decided by this proposal; like a meeting's decision it may create or change a goal.",
    ),
    validate("param", idParam),
    validate("json", proposalOutcomeSchema),
    async (c) => {
      const user = convenorOnly(c);
      return c.json(await inTransaction(c, (trx) => recordOutcome(trx, user, c.req.valid("param").id, c.req.valid("json"))), 200);
    },
  )
  .put(
    "/:id/position",
    doc(
      "Give or change your organisation's position",
      "One position per organisation: a second one replaces the first and records who gave it.",
    ),
    validate("param", idParam),
    validate("json", positionInputSchema),
    async (c) => {
      const user = signedIn(c);
      const result = await inTransaction(c, (trx) => givePosition(trx, user, c.req.valid("param").id, c.req.valid("json")));
      return result.created ? c.json(result, 201) : c.json(result, 200);
    },
  );
