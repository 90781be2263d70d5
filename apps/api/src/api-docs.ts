/**
 * /api/openapi.json, generated from the same zod schemas that validate requests, and /api/docs,
 * a reference page built on Swagger UI served from our own node_modules (no CDN, no inline
 * script, so it works offline and under our Content-Security-Policy).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Hono, Hono as HonoApp } from "hono";
import { generateSpecs } from "hono-openapi";
import { z } from "zod";
import { authPaths, errorBodySchema, type Reply, replies } from "./api-contract.ts";
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

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
};
type Paths = Record<string, Record<string, Operation>>;

const methods = ["get", "post", "put", "patch", "delete"] as const;

export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function success(reply: Reply) {
  if ("json" in reply) return { description: reply.description, content: { "application/json": { schema: jsonSchema(reply.json) } } };
  const schema = reply.binary ? { type: "string", format: "binary" } : { type: "string" };
  return { description: reply.description, content: { [reply.file]: { schema } } };
}

const cached = (reply: Reply) => "json" in reply && reply.cached === true;
const notModified = {
  "304": {
    description: "Not modified: the If-None-Match header named this answer's ETag, so the copy the client holds is current",
  },
};

const errors = {
  "400": { $ref: "#/components/responses/BadInput" },
  "401": { $ref: "#/components/responses/Error" },
  "403": { $ref: "#/components/responses/Error" },
  "404": { $ref: "#/components/responses/Error" },
  "409": { $ref: "#/components/responses/Error" },
};

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ in: "path", name: m[1], required: true, schema: { type: "string" } }));
}

const operationId = (method: string, path: string) =>
  method +
  path
    .replace(/[{}]/g, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

/**
 * The whole document: request schemas from the validators (hono-openapi), answers from
 * `replies`, the error body everywhere, and the routes no validator describes (files, Better
 * Auth's, this reference's own).
 */
export async function apiDocument(api: Hono<AppBindings, any, any>) {
  const spec = await generateSpecs(api, {
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
  });
  const paths = spec.paths as unknown as Paths;
  for (const [key, reply] of Object.entries(replies)) {
    const [verb, path] = key.split(" ") as [string, string];
    const method = verb.toLowerCase();
    paths[path] ??= {};
    const item = paths[path]!;
    const auth = authPaths[path];
    item[method] ??= {
      operationId: operationId(method, path),
      ...(auth ? { summary: auth.summary, tags: ["auth"] } : {}),
      ...(pathParameters(path).length ? { parameters: pathParameters(path) } : {}),
      ...(auth?.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(auth.body) } } } } : {}),
    };
    const op = item[method]!;
    // hono-openapi's own 200 (empty) and 400 (its default error shape) give way to ours.
    const kept = Object.entries(op.responses ?? {}).filter(([status]) => !/^(2\d\d|400)$/.test(status));
    op.responses = {
      ...Object.fromEntries(kept),
      [String(reply.status)]: success(reply),
      ...(cached(reply) ? notModified : {}),
      ...errors,
    };
  }
  // Every operation the validators found must have an answer in `replies`; the test names any that do not.
  for (const [path, item] of Object.entries(paths)) {
    for (const method of methods) {
      const op = item[method];
      if (op && !replies[`${method.toUpperCase()} ${path}`]) {
        op.responses = { default: { description: "Not yet described in api-contract.ts" } };
      }
    }
  }
  return {
    ...spec,
    paths,
    components: {
      ...spec.components,
      responses: {
        Error: {
          description:
            "Not signed in (401), not allowed (403), not found or not visible to you (404), or 409: a stale version (code conflict, details.current holds the record as it now stands) or a state that forbids the request now, with its own code (cycle_closed, alert_closed, alert_withdrawn, proposal_closed, proposal_withdrawn, statement_closed, deadline_passed)",
          content: { "application/json": { schema: jsonSchema(errorBodySchema) } },
        },
        BadInput: {
          description: "Bad input; details.fields names each bad field",
          content: { "application/json": { schema: jsonSchema(errorBodySchema) } },
        },
      },
    },
  };
}

export function apiDocs(api: Hono<AppBindings, any, any>) {
  let document: Promise<unknown> | undefined;
  return new HonoApp<AppBindings>()
    .get("/openapi.json", async (c) => {
      document ??= apiDocument(api);
      return c.json(await document, 200);
    })
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
