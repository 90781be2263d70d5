/**
 * One paging contract for every list that can grow (goals, contributions, audit, milestones,
 * meetings, alerts): the request names `limit` and `offset`, the answer repeats them with the
 * total, so a client can show "Showing 51–100 of 2,000" and ask for the next page.
 */
import { z } from "zod";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./choices.ts";

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "The page size must be a number" })
    .int({ error: "The page size must be a whole number" })
    .min(1, { error: "The page size must be at least 1" })
    .max(MAX_PAGE_SIZE, { error: `The page size must be ${MAX_PAGE_SIZE} or fewer` })
    .default(DEFAULT_PAGE_SIZE),
  offset: z.coerce
    .number({ error: "The offset must be a number" })
    .int({ error: "The offset must be a whole number" })
    .min(0, { error: "The offset cannot be negative" })
    .default(0),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** What a paged answer carries beside its rows. */
export const pageInfoSchema = z.object({
  total: z.number().int().min(0),
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/** A paged answer holding its rows under `key` ({ goals: [...], total, limit, offset }). */
export function pagedAnswerSchema<K extends string, T extends z.ZodType>(key: K, row: T) {
  return pageInfoSchema.extend({ [key]: z.array(row) } as { [k in K]: z.ZodArray<T> });
}

/** `sort` as lists write it in their URL: "title.asc", "dueDate.desc". */
export function sortSchema<K extends string>(keys: readonly [K, ...K[]]) {
  return z
    .string()
    .regex(new RegExp(`^(${keys.join("|")})\\.(asc|desc)$`), {
      error: `Sort by one of ${keys.join(", ")}, then .asc or .desc (for example ${keys[0]}.asc)`,
    })
    .transform((s) => {
      const [key, dir] = s.split(".") as [K, "asc" | "desc"];
      return { key, desc: dir === "desc" };
    });
}
export type Sort<K extends string> = { key: K; desc: boolean };

/** The page (1, 2, …) that holds `offset`, and the number of pages, for a pager. */
export function pageNumbers(info: PageInfo): { page: number; pages: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(info.total / info.limit));
  const page = Math.floor(info.offset / info.limit) + 1;
  return { page, pages, first: info.total === 0 ? 0 : info.offset + 1, last: Math.min(info.total, info.offset + info.limit) };
}
