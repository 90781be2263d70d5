/**
 * One log line per request: its id (also sent back as X-Request-Id), method, route pattern,
 * status and time. Only the route pattern is logged, never the path itself (links carry tokens
 * in their paths), and never headers, cookies, query strings or bodies.
 */
import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { Logger } from "./logger.ts";

export function requestLog(logger: Logger) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.header("x-request-id", requestId);
    let failed: unknown;
    try {
      await next();
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      const status = failed ? 500 : c.res.status;
      const line = {
        requestId,
        method: c.req.method,
        route: routePath(c),
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (status >= 500) logger.error(line, "request failed");
      else logger.info(line, "request");
    }
  });
}
