/**
 * Better Auth's own reads and writes (users, passwords, sessions) inside Convene's transaction,
 * so that an account write and its audit entry commit or roll back together.
 *
 * Better Auth looks up the adapter to use in an AsyncLocalStorage before each query (that is how
 * its own `runWithTransaction` works); we put there an adapter built on our transaction and mark
 * it as a transaction already open, so Better Auth joins it instead of opening another. Without
 * this, its queries would run on the pool beside our transaction: outside it on PostgreSQL, and
 * waiting for it forever on SQLite's single connection.
 */
import { getCurrentDBAdapterAsyncLocalStorage } from "@better-auth/core/context";
import { type Db, engineOf } from "@convene/db";
import { getAdapter } from "better-auth/db/adapter";
import type { Auth } from "./auth.ts";

export type AuthContext = Awaited<Auth["$context"]>;

export async function authIn<T>(auth: Auth, trx: Db, work: (ctx: AuthContext) => Promise<T>): Promise<T> {
  const ctx = await auth.$context;
  // Better Auth reads its own booleans and dates: the transaction without Convene's row plugin is
  // the same connection as Better Auth's own database handle would be (OpenedDatabase.authDb).
  const adapter = await getAdapter({ ...ctx.options, database: { db: trx.withoutPlugins(), type: engineOf(trx) } });
  const storage = await getCurrentDBAdapterAsyncLocalStorage();
  const afterCommit: Array<() => Promise<void>> = [];
  const result = await storage.run({ adapter, pendingHooks: afterCommit, isTransactionActive: true }, () => work(ctx));
  // Convene sets no database hooks; any Better Auth queues still runs once the work is done.
  for (const hook of afterCommit) await hook();
  return result;
}
