/** GET /api/public: the public progress page's data, with no account; 404 while the convenor has it turned off. */
import { Hono } from "hono";
import type { AppBindings } from "../context.ts";
import { ApiError } from "../errors.ts";
import { publicPage, publicPageEnabled } from "../services/public-page.ts";

export const publicProgress = new Hono<AppBindings>().get("/", async (c) => {
  const { db } = c.var.deps;
  if (!(await publicPageEnabled(db))) throw new ApiError(404, "not_found", "This group has not published a public progress page.");
  c.header("cache-control", "no-cache");
  return c.json(await publicPage(db), 200);
});
