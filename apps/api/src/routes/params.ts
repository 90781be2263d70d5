/** Path and query shapes shared by several routes. */
import { z } from "zod";

export const idParam = z.object({
  id: z.coerce.number({ error: "must be a number" }).int().positive({ error: "must be a positive whole number" }),
});
export const versionQuery = z.object({ version: z.coerce.number().int().positive() });
