/** GET /api/health: 200 while the database answers, 503 (so a proxy stops sending work here) when it does not. */
import type { Context } from "hono";
import { sql } from "kysely";
import type { AppBindings } from "./context.ts";

const TIMEOUT_MS = 2000;

export async function health(c: Context<AppBindings>) {
  const ping = sql`select 1`.execute(c.var.deps.db).then(() => true);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), TIMEOUT_MS).unref());
  const ok = await Promise.race([ping, timeout]).catch(() => false);
  // The error shape of errors.ts, with a code of its own: nothing the client sent is wrong.
  if (!ok) return c.json({ error: { code: "unavailable" as const, message: "The database cannot be reached." } }, 503);
  return c.json({ ok: true as const }, 200);
}
