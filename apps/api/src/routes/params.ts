/** Path and query shapes shared by several routes. */
import { z } from "zod";

/**
 * A record id in a path: a positive whole number written in decimal digits only, so "0x10",
 * "1e3", " 1" and "1\n" are refused (400) rather than read as some other record.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/, { error: "must be a positive whole number" })
  .transform((s) => Number(s));

export const idParam = z.object({ id: pathId });
export const versionQuery = z.object({ version: z.coerce.number().int().positive() });
