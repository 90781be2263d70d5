/** The API contract: /api/openapi.json is a valid OpenAPI document that lists every route the server answers. */
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterEach, describe, expect, it } from "vitest";
import { answerProblems, routeOf } from "./contract-check.ts";
import { type Convene, json, makeConvene } from "./test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

/** Hono's "/api/goals/:id" (or ":file{regex}") as the document writes it: "/goals/{id}", under the server URL /api. */
function documentPath(honoPath: string): string {
  return honoPath.replace(/^\/api/, "").replace(/:(\w+)(\{.*\})?/g, "{$1}");
}

/** Every method and path the Hono app answers, except catch-alls: the 404 fallback and Better Auth's mount (documented path by path). */
function servedRoutes(app: Convene["app"]): string[] {
  const routes = app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.endsWith("/*"))
    .map((r) => `${r.method} ${documentPath(r.path)}`);
  return [...new Set(routes)].sort();
}

async function document(): Promise<Doc> {
  convene = await makeConvene();
  const res = await convene.app.request("/api/openapi.json");
  expect(res.status).toBe(200);
  return json(res);
}

describe("the API contract", () => {
  it("is a valid OpenAPI document", async () => {
    const doc = await document();
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it("lists every route the server answers", async () => {
    const doc = await document();
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const missing = servedRoutes(convene!.app).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it("gives every operation a success answer with a media type and a schema", async () => {
    const doc = await document();
    const undescribed: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        const described =
          success.length > 0 && success.every(([, r]) => Object.values(r.content ?? {}).some((m) => m.schema !== undefined));
        if (!described) undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it("documents the files with their media types and the sign-in routes the dashboard uses", async () => {
    const doc = await document();
    const mediaOf = (path: string) => Object.keys(doc.paths[path]?.get?.responses["200"]?.content ?? {});
    expect(mediaOf("/exports/agm.pptx")).toEqual(["application/vnd.openxmlformats-officedocument.presentationml.presentation"]);
    expect(mediaOf("/data/goals.csv")).toEqual(["text/csv"]);
    expect(mediaOf("/contributions/export.csv")).toEqual(["text/csv"]);
    expect(mediaOf("/meetings/calendar/{file}")).toEqual(["text/calendar"]);
    expect(mediaOf("/meetings/{id}/ics")).toEqual(["text/calendar"]);
    expect(mediaOf("/data/export.json")).toEqual(["application/json"]);
    for (const path of ["/auth/sign-in/email", "/auth/sign-out", "/auth/change-password"]) expect(doc.paths[path]?.post).toBeDefined();
  });

  it("describes each JSON answer's fields, not just 'an object'", async () => {
    const doc = await document();
    const vague: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, r] of Object.entries(op.responses)) {
          const schema = r.content?.["application/json"]?.schema as Record<string, unknown> | undefined;
          if (!/^2\d\d$/.test(status) || !schema) continue;
          const fields = Object.keys((schema.properties as object | undefined) ?? {}).length;
          if (!(fields > 0 || "anyOf" in schema || "oneOf" in schema || "items" in schema)) vague.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    // The document describes itself by the OpenAPI specification, not by a schema of its own.
    expect(vague).toEqual(["GET /openapi.json"]);
  });
});

describe("the check of every API test's answers", () => {
  it("finds each request's entry, a literal path before one with a parameter", () => {
    expect(routeOf("GET", "/api/meetings/next")).toBe("GET /meetings/next");
    expect(routeOf("GET", "/api/meetings/12?x=1")).toBe("GET /meetings/{id}");
    expect(routeOf("PUT", "/api/statements/3/signers/4")).toBe("PUT /statements/{id}/signers/{organisationId}");
    expect(routeOf("GET", "/api/nowhere")).toBeUndefined();
  });

  it("names a misfit, and lets errors and files through to their own checks", () => {
    expect(answerProblems("GET", "/api/cycles", 200, { cycles: [{ id: "one" }], currentCycleId: null })[0]).toMatch(
      /^GET \/cycles: \/cycles\/0/,
    );
    expect(answerProblems("GET", "/api/cycles", 404, { error: { code: "not_found", message: "No." } })).toEqual([]);
    expect(answerProblems("GET", "/api/data/goals.csv", 200, "a,b")).toEqual([]);
  });
});
