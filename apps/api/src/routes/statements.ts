/** /api/statements: sign-on letters and statements, signed per organisation, named or unnamed. */
import { listStatements } from "@convene/db";
import {
  publishSchema,
  recipientInputSchema,
  recipientPatchSchema,
  signatureInputSchema,
  signersInputSchema,
  statementInputSchema,
  statementPatchSchema,
  statementStates,
} from "@convene/domain";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { z } from "zod";
import { type AppBindings, convenorOnly, inTransaction, signedIn } from "../context.ts";
import { letterDocx } from "../services/letter/letter-docx.ts";
import { letterPdf } from "../services/letter/letter-pdf.ts";
import { statementLetter } from "../services/letter/statement-letter.ts";
import {
  addRecipient,
  createStatement,
  publishStatement,
  setSigners,
  sign,
  statementPage,
  unsign,
  updateRecipient,
  updateStatement,
} from "../services/statements.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const doc = (summary: string, description?: string) =>
  describeRoute({ tags: ["Statements"], summary, ...(description ? { description } : {}) });

const orgParam = idParam.extend({ organisationId: idParam.shape.id });
const recipientParam = idParam.extend({ recipientId: idParam.shape.id });
const orgQuery = z.object({ organisationId: z.coerce.number().int().positive().optional() });

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** What a member sees of a statement differs from what an observer sees: never kept by a shared cache. */
const letterHeaders = (type: string, name: string) => ({
  "content-type": type,
  "content-disposition": `attachment; filename="${name}"`,
  "cache-control": "private, no-store",
});

export const statements = new Hono<AppBindings>()
  .get(
    "/",
    doc("List the statements you may see"),
    validate("query", z.object({ state: z.enum(statementStates).optional() })),
    async (c) => {
      const user = signedIn(c);
      return c.json({ statements: await listStatements(c.var.deps.db, user.role, c.req.valid("query")) }, 200);
    },
  )
  .get(
    "/:id",
    doc("A statement with its text versions, signatures and recipients", "Observers see only the organisations listed publicly."),
    validate("param", idParam),
    async (c) => {
      const user = signedIn(c);
      return c.json(await statementPage(c.var.deps.db, user.role, c.req.valid("param").id, user.id), 200);
    },
  )
  .get(
    "/:id/letter.pdf",
    doc("The statement as a letter in PDF", "The final text with its named signatories; unnamed supporters are counted only for members."),
    validate("param", idParam),
    async (c) => {
      const letter = await statementLetter(c.var.deps.db, signedIn(c).role, c.req.valid("param").id);
      return c.body(new Uint8Array(await letterPdf(letter)), 200, letterHeaders("application/pdf", `${letter.fileName}.pdf`));
    },
  )
  .get(
    "/:id/letter.docx",
    doc("The statement as a Word letter", "The final text with its named signatories; unnamed supporters are counted only for members."),
    validate("param", idParam),
    async (c) => {
      const letter = await statementLetter(c.var.deps.db, signedIn(c).role, c.req.valid("param").id);
      return c.body(new Uint8Array(await letterDocx(letter)), 200, letterHeaders(DOCX, `${letter.fileName}.docx`));
    },
  )
  .post("/", doc("Draft a statement (convenor)"), validate("json", statementInputSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(await inTransaction(c, (trx) => createStatement(trx, user, c.req.valid("json"))), 201);
  })
  .patch(
    "/:id",
    doc("Edit a statement (convenor)", "A change of text is a new version; every signatory is asked to confirm again."),
    validate("param", idParam),
    validate("json", statementPatchSchema),
    async (c) => {
      const user = convenorOnly(c);
      return c.json(await inTransaction(c, (trx) => updateStatement(trx, user, c.req.valid("param").id, c.req.valid("json"))), 200);
    },
  )
  .put(
    "/:id/signers/:organisationId",
    doc("Mark who may sign for an organisation (convenor)"),
    validate("param", orgParam),
    validate("json", signersInputSchema),
    async (c) => {
      const user = convenorOnly(c);
      const { id, organisationId } = c.req.valid("param");
      return c.json(await inTransaction(c, (trx) => setSigners(trx, user, id, organisationId, c.req.valid("json").userIds)), 200);
    },
  )
  .put(
    "/:id/signature",
    doc("Sign, or confirm again, for your organisation", "Listed publicly (named) or supporting unnamed; one signature per organisation."),
    validate("param", idParam),
    validate("json", signatureInputSchema),
    async (c) => {
      const user = signedIn(c);
      const { created, ...page } = await inTransaction(c, (trx) => sign(trx, user, c.req.valid("param").id, c.req.valid("json")));
      return created ? c.json(page, 201) : c.json(page, 200);
    },
  )
  .delete(
    "/:id/signature",
    doc("Withdraw your organisation's signature"),
    validate("param", idParam),
    validate("query", orgQuery),
    async (c) => {
      const user = signedIn(c);
      return c.json(await inTransaction(c, (trx) => unsign(trx, user, c.req.valid("param").id, c.req.valid("query").organisationId)), 200);
    },
  )
  .post(
    "/:id/recipients",
    doc("Add a recipient (convenor)"),
    validate("param", idParam),
    validate("json", recipientInputSchema),
    async (c) => {
      const user = convenorOnly(c);
      return c.json(await inTransaction(c, (trx) => addRecipient(trx, user, c.req.valid("param").id, c.req.valid("json"))), 201);
    },
  )
  .patch(
    "/:id/recipients/:recipientId",
    doc("Record when it was sent and the reply (convenor)"),
    validate("param", recipientParam),
    validate("json", recipientPatchSchema),
    async (c) => {
      const user = convenorOnly(c);
      const { id, recipientId } = c.req.valid("param");
      return c.json(await inTransaction(c, (trx) => updateRecipient(trx, user, id, recipientId, c.req.valid("json"))), 200);
    },
  )
  .post(
    "/:id/publish",
    doc("Publish: records a milestone naming the named signatories (convenor)"),
    validate("param", idParam),
    validate("json", publishSchema),
    async (c) => {
      const user = convenorOnly(c);
      const { version, publishedOn } = c.req.valid("json");
      return c.json(await inTransaction(c, (trx) => publishStatement(trx, user, c.req.valid("param").id, version, publishedOn)), 200);
    },
  );
