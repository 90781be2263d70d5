import { getAlert, listAlertAnswers, listAlertPage, organisationsNotAnswered } from "@convene/db";
import {
  alertAnswerSchema,
  alertCloseSchema,
  alertInputSchema,
  alertListQuerySchema,
  alertPatchSchema,
  alertUrgencySchema,
  alertWithdrawSchema,
  pageQuerySchema,
  visibilitySchema,
} from "@convene/domain";
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, convenorOnly, inTransaction, signedIn, viewerOf } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { answerAlert, closeAlert, editAlert, raiseAlert, recordMilestoneFromAlert, withdrawAlert } from "../services/alerts.ts";
import { alertRaisedAudience } from "../services/notifications.ts";
import { validate } from "../validate.ts";
import { idParam } from "./params.ts";

const audienceQuerySchema = z.object({ visibility: visibilitySchema.default("members"), urgency: alertUrgencySchema.default("high") });

const milestoneFromAlertSchema = z.object({ version: z.number({ error: "version is required" }).int().positive() });

export const alerts = new Hono<AppBindings>()
  .get("/", validate("query", alertListQuerySchema.extend(pageQuerySchema.shape)), async (c) => {
    const user = signedIn(c);
    return c.json(await listAlertPage(c.var.deps.db, viewerOf(c), c.req.valid("query"), user.organisationId), 200);
  })
  // "Who will be told": before raising, the raiser sees how many people would hear, and how.
  // Before /:id so that "audience" is never taken for an id.
  .get("/audience", validate("query", audienceQuerySchema), async (c) => {
    const user = signedIn(c);
    if (user.role === "observer") throw forbidden("Observers cannot raise alerts; ask a member or the convenor.");
    const { visibility, urgency } = c.req.valid("query");
    if (user.role !== "convenor" && visibility === "convenor") {
      throw invalid(
        "visibility",
        "only the convenor can raise a convenor-only alert; choose Members so the other organisations can answer",
      );
    }
    const { db, mailEnabled } = c.var.deps;
    return c.json({ audience: await alertRaisedAudience(db, { visibility, urgency, raiserId: user.id }, mailEnabled === true) }, 200);
  })
  .get("/:id", validate("param", idParam), async (c) => {
    const user = signedIn(c);
    const { db } = c.var.deps;
    const alert = await getAlert(db, viewerOf(c), c.req.valid("param").id, user.organisationId);
    if (!alert) throw notFound("That alert");
    // Answers share their alert's visibility. Who has NOT answered is not here: see /not-answered.
    return c.json({ alert, answers: await listAlertAnswers(db, alert.id) }, 200);
  })
  .get("/:id/not-answered", validate("param", idParam), async (c) => {
    // For a friendly check-in by the convenor; never shown to members or observers.
    convenorOnly(c);
    const { db } = c.var.deps;
    const alert = await getAlert(db, "convenor", c.req.valid("param").id);
    if (!alert) throw notFound("That alert");
    return c.json({ organisations: await organisationsNotAnswered(db, alert.id) }, 200);
  })
  .post("/", validate("json", alertInputSchema), async (c) => {
    const user = signedIn(c);
    return c.json({ alert: await inTransaction(c, (trx) => raiseAlert(trx, user, c.req.valid("json"))) }, 201);
  })
  .patch("/:id", validate("param", idParam), validate("json", alertPatchSchema), async (c) => {
    const user = signedIn(c);
    return c.json({ alert: await inTransaction(c, (trx) => editAlert(trx, user, c.req.valid("param").id, c.req.valid("json"))) }, 200);
  })
  .post("/:id/close", validate("param", idParam), validate("json", alertCloseSchema), async (c) => {
    const user = convenorOnly(c);
    return c.json(await inTransaction(c, (trx) => closeAlert(trx, user, c.req.valid("param").id, c.req.valid("json"))), 200);
  })
  .post("/:id/withdraw", validate("param", idParam), validate("json", alertWithdrawSchema), async (c) => {
    const user = convenorOnly(c);
    const { version, reason } = c.req.valid("json");
    return c.json({ alert: await inTransaction(c, (trx) => withdrawAlert(trx, user, c.req.valid("param").id, version, reason)) }, 200);
  })
  .post("/:id/milestone", validate("param", idParam), validate("json", milestoneFromAlertSchema), async (c) => {
    // A successfully closed alert becomes a milestone in one step (atomic and audited); the alert keeps its id.
    const user = convenorOnly(c);
    const { version } = c.req.valid("json");
    return c.json(await inTransaction(c, (trx) => recordMilestoneFromAlert(trx, user, c.req.valid("param").id, version)), 201);
  })
  .put("/:id/answer", validate("param", idParam), validate("json", alertAnswerSchema), async (c) => {
    const user = signedIn(c);
    const result = await inTransaction(c, (trx) => answerAlert(trx, user, c.req.valid("param").id, c.req.valid("json")));
    return c.json(result, 200);
  });
