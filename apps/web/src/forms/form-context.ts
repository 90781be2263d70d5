/** The contexts a kit field reads its form and field from, and how a field's error is chosen and named. */
import { createFormHookContexts, useStore } from "@tanstack/react-form";
import { createContext, useContext } from "react";

export const { fieldContext, formContext, useFieldContext, useFormContext } = createFormHookContexts();

/**
 * Where two forms share a page, each <form.Form idPrefix="theme"> starts its fields' ids with
 * its own word ("theme-name"), so ids stay unique and the summary's links land in the right form.
 */
export const IdPrefix = createContext("");

/** The element id of a field, from its name: "evidence[0].url" → "evidence-0-url". */
export const fieldId = (name: string, prefix = "") =>
  (prefix ? `${prefix}-${name}` : name).replace(/[^A-Za-z0-9_-]+/g, "-").replace(/-+$/, "");

/** The id of the current field's element, within its form. */
export function useFieldId(): string {
  const field = useFieldContext<unknown>();
  return fieldId(field.name, useContext(IdPrefix));
}

/** A validation error as the form holds it: a zod issue, a server message, or nothing. */
export function messageOf(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === "string") return error;
  if (Array.isArray(error)) return messageOf(error[0]);
  if (typeof error === "object" && "message" in error && typeof error.message === "string") return error.message;
  return undefined;
}

/**
 * The message to show under the current field. Nobody is scolded while still filling the form
 * in: messages appear when they first try to send it (or the server refuses what a field holds),
 * then follow every keystroke, so each disappears as soon as it is put right. Showing them on
 * leaving a field instead moved the page under the pointer, and a click meant for the button
 * landed on nothing.
 */
export function useShownError(): string | undefined {
  const field = useFieldContext<unknown>();
  const form = useFormContext();
  const attempts = useStore(form.store, (s) => s.submissionAttempts);
  const meta = useStore(field.store, (s) => s.meta);
  const server = messageOf(meta.errorMap.onServer);
  if (server) return server;
  if (attempts === 0) return undefined;
  return messageOf(meta.errors[0]);
}
