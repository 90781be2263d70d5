/** The one way a list query is paged: its rows from `offset`, at most `limit`, and how many there are in all. */
import type { PageInfo, PageQuery } from "@convene/domain";
import type { Kysely, SelectQueryBuilder } from "kysely";

/**
 * Runs `query` (already filtered and sorted, with a unique last sort key so pages never overlap)
 * for one page, and counts every row it would give. The count wraps the query without its order,
 * so a query with joins or grouping counts its rows, not the joined ones.
 */
export async function pageOf<O>(
  db: Kysely<any>,
  query: SelectQueryBuilder<any, any, O>,
  page: PageQuery,
): Promise<{ rows: O[] } & PageInfo> {
  const [rows, counted] = await Promise.all([
    query.limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom(query.clearOrderBy().as("listed"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n), limit: page.limit, offset: page.offset };
}
