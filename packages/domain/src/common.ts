import { z } from "zod";

/*
 * Messages here are the words a person reads under a field, and the words the API sends back in a
 * 400's `details.fields`: GOV.UK style, a whole sentence naming the field ("Enter the due date"),
 * never a pattern or an ISO example. Each field passes its own name so the sentence fits it.
 */

const missing = (input: unknown) => input === undefined || input === null || input === "";

/** An ISO calendar date (YYYY-MM-DD) that really exists, named for its messages ("the due date"). */
export const calendarDate = (name = "date") =>
  z.iso.date({
    error: (issue) => (missing(issue.input) ? `Enter the ${name}` : `The ${name} must be a real date`),
  });

/** Any ISO calendar date; fields use `calendarDate("…")` so their message names them. */
export const isoDateSchema = calendarDate();
export type IsoDate = z.infer<typeof isoDateSchema>;

/** An ISO date and time with its offset, as the API takes them, named for its messages ("the start"). */
export const dateAndTime = (name = "date and time") =>
  z.iso.datetime({
    offset: true,
    error: (issue) => (missing(issue.input) ? `Enter the ${name}` : `The ${name} must be a real date and time`),
  });

export const dateTimeSchema = dateAndTime();

export const idSchema = z.coerce.number().int().positive();

/** Every edit names the version it was based on; a stale one is refused with 409. */
export const versionSchema = z.object({ version: z.number().int().positive() });

const count = (n: number) => n.toLocaleString("en-GB");

/** Whether text is one line (names, titles) or may run over several (descriptions, notes, minutes). */
export type Lines = "single" | "multi";

/**
 * Whether text holds a control character: NUL, escape, backspace, DEL and the rest of C0 and C1.
 * Text over several lines may hold tab, line feed and carriage return (a pasted Windows line end).
 */
export function hasControlCharacters(text: string, lines: Lines): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    if (control && !(lines === "multi" && (code === 0x09 || code === 0x0a || code === 0x0d))) return true;
  }
  return false;
}

/**
 * The one rule every text field keeps: no control characters ("Title must not contain control
 * characters"). They are invisible on screen, break CSV, calendar and slide exports, and a NUL
 * is refused by PostgreSQL outright.
 */
export const withoutControlCharacters = <S extends z.ZodString>(schema: S, label: string, lines: Lines = "single") =>
  schema.refine((text) => !hasControlCharacters(text, lines), { error: `${label} must not contain control characters` });

/** Text that must be given: "Enter the title", "Title must be 300 characters or fewer". One line unless `lines` says otherwise. */
export const shortText = (label: string, max = 200, whenMissing = `Enter the ${label.toLowerCase()}`, lines: Lines = "single") =>
  withoutControlCharacters(
    z
      .string({ error: whenMissing })
      .trim()
      .min(1, { error: whenMissing })
      .max(max, { error: `${label} must be ${count(max)} characters or fewer` }),
    label,
    lines,
  );

/** Text that may be left empty, with a limit: "Description must be 20,000 characters or fewer". Several lines unless `lines` says otherwise. */
export const longText = (max = 20_000, label = "This text", lines: Lines = "multi") =>
  withoutControlCharacters(
    z
      .string()
      .trim()
      .max(max, { error: `${label} must be ${count(max)} characters or fewer` }),
    label,
    lines,
  );

/** A web address people can follow; the message says what a full one starts with. */
export const webAddress = (label = "the web address") =>
  z.url({ protocol: /^https?$/, error: `Enter ${label} in full, starting https:// or http://` });

export const optionalUrl = z
  .union([webAddress(), z.literal("")])
  .nullable()
  .transform((v) => (v === "" ? null : v));
