/** Turning zod issues (the same schemas the API uses) and API field problems into per-field messages. */
import type { z } from "zod";
import { ApiFailure } from "./api.ts";

export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    out[key] ??= issue.message;
  }
  return out;
}

export function apiFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiFailure)) return {};
  const out: FieldErrors = {};
  for (const f of error.details?.fields ?? []) out[f.field.split(".")[0] ?? f.field] ??= f.message;
  return out;
}
