/**
 * Request validation with the domain's zod schemas, through hono-openapi's validator so the
 * same schemas also describe the API in /api/openapi.json. A failure answers 400 naming each
 * bad field.
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import { errorBody } from "./errors.ts";

function fieldName(path: StandardSchemaV1.Issue["path"]): string {
  if (!path || path.length === 0) return "body";
  return path.map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".");
}

export function validate<Target extends keyof ValidationTargets, Schema extends StandardSchemaV1>(target: Target, schema: Schema) {
  return validator(target, schema, (result, c) => {
    if (!result.success) {
      const fields = result.error.map((issue) => ({ field: fieldName(issue.path), message: issue.message }));
      const message = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
      return c.json(errorBody("invalid_input", message, { fields }), 400);
    }
  });
}
