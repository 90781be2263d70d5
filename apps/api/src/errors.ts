/**
 * One error type and one handler produce every error body the API sends:
 * `{ "error": { "code", "message", "details"? } }` with the right status.
 */
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "bad_request"
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "two_factor_required"
  | "two_factor_kept"
  | "not_found"
  | "conflict"
  | "already_exists"
  | "cycle_closed"
  | "alert_closed"
  | "alert_withdrawn"
  | "deadline_passed"
  | "proposal_closed"
  | "proposal_withdrawn"
  | "statement_closed"
  | "last_convenor"
  | "convenor_organisation"
  | "already_left"
  | "gone"
  | "rate_limited"
  | "too_large"
  | "internal";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found.`);
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);
export const invalid = (field: string, message: string) =>
  new ApiError(400, "invalid_input", `${field}: ${message}`, { fields: [{ field, message }] });

/** The body for a stale edit: the current record, so the dashboard can show both versions. */
export const editConflict = (current: unknown) =>
  new ApiError(409, "conflict", "Someone else saved this first. Compare your changes with theirs.", { current });

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 401 ? "unauthenticated" : status === 403 ? "forbidden" : status === 404 ? "not_found" : "bad_request";
    // Hono's own messages ("Malformed JSON in request body") are already plain enough to pass on.
    return c.json(errorBody(code, err.message || "The request could not be read."), status as ContentfulStatusCode);
  }
  console.error(err);
  return c.json(errorBody("internal", "Something went wrong on the server. Try again; if it keeps happening, tell the convenor."), 500);
};
