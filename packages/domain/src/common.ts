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

/** Text that must be given: "Enter the title", "Title must be 300 characters or fewer". */
export const shortText = (label: string, max = 200, whenMissing = `Enter the ${label.toLowerCase()}`) =>
  z
    .string({ error: whenMissing })
    .trim()
    .min(1, { error: whenMissing })
    .max(max, { error: `${label} must be ${count(max)} characters or fewer` });

/** Text that may be left empty, with a limit: "Description must be 20,000 characters or fewer". */
export const longText = (max = 20_000, label = "This text") =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${count(max)} characters or fewer` });

/** A web address people can follow; the message says what a full one starts with. */
export const webAddress = (label = "the web address") =>
  z.url({ protocol: /^https?$/, error: `Enter ${label} in full, starting https:// or http://` });

export const optionalUrl = z
  .union([webAddress(), z.literal("")])
  .nullable()
  .transform((v) => (v === "" ? null : v));
