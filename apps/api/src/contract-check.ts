/**
 * For tests: checks that a JSON success answer fits the schema /api/openapi.json gives for its
 * route, so the document cannot drift from what the server sends. `call` in test-support.ts
 * runs it on every answer the API tests receive.
 */
import { gunzipSync } from "node:zlib";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { replies } from "./api-contract.ts";
import { jsonSchema } from "./api-docs.ts";

interface Route {
  key: string;
  pattern: RegExp;
  /** Literal segments win over parameters: /meetings/next before /meetings/{id}. */
  params: number;
}

const routes: Route[] = Object.keys(replies)
  .map((key) => {
    const [method, path] = key.split(" ") as [string, string];
    const source = path
      .split("/")
      .map((part) => (/^\{\w+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
      .join("/");
    return { key, pattern: new RegExp(`^${method} /api${source}$`), params: (path.match(/\{/g) ?? []).length };
  })
  .sort((a, b) => a.params - b.params);

const ajv = new Ajv2020({ strict: false, allErrors: true });
// The formats zod writes for its ISO and address schemas, checked as loosely as a client would.
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
ajv.addFormat("uri", (s: string) => URL.canParse(s));
const validators = new Map<string, ValidateFunction>();

/** The contract's entry for a request, e.g. "GET /goals/{id}" for GET /api/goals/3?x=1. */
export function routeOf(method: string, url: string): string | undefined {
  const path = new URL(url, "http://convene.test").pathname;
  return routes.find((r) => r.pattern.test(`${method.toUpperCase()} ${path}`))?.key;
}

/**
 * The problems with `body` as the answer to `method url` with `status`, or [] when it fits (or
 * the answer is not a documented JSON success: errors have their own shared schema).
 */
export function answerProblems(method: string, url: string, status: number, body: unknown): string[] {
  const key = routeOf(method, url);
  const reply = key ? replies[key] : undefined;
  if (!key || !reply || !("json" in reply) || status < 200 || status > 299) return [];
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(jsonSchema(reply.json));
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || "(body)"} ${e.message ?? "does not fit"}`);
}

/** Throws, naming the route and each misfit, when a JSON success answer does not fit its documented schema. */
export async function checkAnswer(method: string, url: string, res: Response): Promise<void> {
  if (!(res.headers.get("content-type") ?? "").startsWith("application/json")) return;
  // A test that asks for gzip reads the compressed bytes itself; unpack them here for the check.
  const bytes = Buffer.from(await res.clone().arrayBuffer());
  const text = res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  const problems = answerProblems(method, url, res.status, JSON.parse(text));
  if (problems.length) throw new Error(`The answer does not fit /api/openapi.json:\n${problems.slice(0, 10).join("\n")}`);
}
