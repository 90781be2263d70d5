/**
 * /api/openapi.json, generated from the same zod schemas that validate requests, and /api/docs,
 * a reference page built on Swagger UI served from our own node_modules (no CDN, no inline
 * script, so it works offline and under our Content-Security-Policy).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Hono, Hono as HonoApp } from "hono";
import { openAPIRouteHandler } from "hono-openapi";
import type { AppBindings } from "./context.ts";

// absolute-path.js names the folder without loading Swagger UI itself (2 MB of JavaScript at start-up).
const swaggerDir: string = createRequire(import.meta.url)("swagger-ui-dist/absolute-path.js")();

const page = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convene API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><main id="swagger-ui"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

export function apiDocs(api: Hono<AppBindings, any, any>) {
  return new HonoApp<AppBindings>()
    .get(
      "/openapi.json",
      openAPIRouteHandler(api, {
        // Routes with no validator (the plain lists, /me, /health) are routes too: list them.
        includeEmptyPaths: true,
        documentation: {
          openapi: "3.1.0",
          info: {
            title: "Convene API",
            version: "1",
            description:
              "The API behind the Convene dashboard. Sign in through /api/auth/sign-in/email; the session cookie then authorises every call. Errors are JSON { error: { code, message, details? } }.",
          },
          servers: [{ url: "/api" }],
        },
      }),
    )
    .get("/docs", (c) => c.html(page))
    .get("/docs/init.js", (c) => c.body(init, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "max-age=3600" }))
    .get("/docs/:asset", async (c) => {
      const name = c.req.param("asset");
      const type = assets[name];
      if (!type) return c.notFound();
      const body = await readFile(join(swaggerDir, name));
      return c.body(body, 200, { "content-type": type, "cache-control": "max-age=86400" });
    });
}
