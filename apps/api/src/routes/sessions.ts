/** The signed-in person's own sessions: the list, "sign out here" and "sign out everywhere else". */
import { Hono } from "hono";
import { z } from "zod";
import { type AppBindings, actorOf, signedIn } from "../context.ts";
import { notFound } from "../errors.ts";
import { endSessions, mySessions } from "../services/sessions.ts";
import { validate } from "../validate.ts";

// Better Auth's session ids are random letters and digits; anything longer is not one.
const sessionParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: "is not a session id" }) });

export const sessions = new Hono<AppBindings>()
  .get("/", async (c) => {
    const user = signedIn(c);
    const { deps } = c.var;
    return c.json({ sessions: await mySessions(deps, user.id, c.var.sessionId, deps.clock()) }, 200);
  })
  .post("/end-others", async (c) => {
    const user = signedIn(c);
    const current = c.var.sessionId ?? "";
    const ended = await endSessions(c.var.deps, user.id, { allBut: current }, actorOf(user), "signed_out_elsewhere");
    return c.json({ ended }, 200);
  })
  .delete("/:id", validate("param", sessionParam), async (c) => {
    const user = signedIn(c);
    const { id } = c.req.valid("param");
    // Only one's own sessions: someone else's id answers as a missing one does.
    const ended = await endSessions(c.var.deps, user.id, { only: [id] }, actorOf(user), "signed_out_here");
    if (ended === 0) throw notFound("Session");
    return c.json({ ended, current: id === c.var.sessionId }, 200);
  });
