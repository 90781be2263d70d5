/** An API 400 lands on the fields it names, in the same words the form itself would use. */
import type { AnyFormApi } from "@tanstack/react-form";
import { ApiFailure } from "../api.ts";

/**
 * Puts each `details.fields` message of a refused request on its field (the API names nested
 * fields "evidence.0.url"; the form calls them "evidence[0].url"). What was typed stays as it
 * was; the messages clear as soon as the person changes the form. Returns whether any field
 * was named, so the caller knows whether a general message is still needed.
 */
export function showServerErrors(form: AnyFormApi, error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return false;
  const fields: Record<string, string> = {};
  for (const f of error.details?.fields ?? []) {
    const name = f.field.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
    if (form.getFieldMeta(name)) fields[name] ??= f.message;
  }
  if (Object.keys(fields).length === 0) return false;
  form.setErrorMap({ onServer: { fields } });
  return true;
}
