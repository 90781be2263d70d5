import { z } from "zod";

/** An ISO calendar date (YYYY-MM-DD) that really exists. */
export const isoDateSchema = z.iso.date({ error: "must be a date written as YYYY-MM-DD" });
export type IsoDate = z.infer<typeof isoDateSchema>;

/** An ISO date and time with its offset, as the API takes them: "2026-06-12T10:00:00Z". */
export const dateTimeSchema = z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-06-12T10:00:00Z" });

export const idSchema = z.coerce.number().int().positive();

/** Every edit names the version it was based on; a stale one is refused with 409. */
export const versionSchema = z.object({ version: z.number().int().positive() });

export const shortText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} cannot be empty` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const longText = (max = 20_000) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

export const optionalUrl = z
  .union([z.url({ protocol: /^https?$/, error: "must be a web address starting http:// or https://" }), z.literal("")])
  .nullable()
  .transform((v) => (v === "" ? null : v));
