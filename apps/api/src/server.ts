/** Builds a running Convene from a database path: used by `npm start`, the browser tests and the benchmark. */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Db, openDatabase, seedIfEmpty } from "@convene/db";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { type AuthOptions, createAuth } from "./auth.ts";
import type { AppDeps } from "./context.ts";
import { loadOrCreateSecret } from "./secret.ts";

export interface ConveneOptions {
  databasePath: string;
  publicUrl?: string | undefined;
  webDist?: string | undefined;
  /** Extra origins allowed to post (Vite's dev server). */
  extraOrigins?: string[];
  signInLimit?: AuthOptions["signInLimit"];
  /** Tests only: see `fastTestPasswordHasher`. */
  passwordHasher?: AuthOptions["passwordHasher"];
}

export async function createConvene(o: ConveneOptions) {
  const { db, sqlite } = await openDatabase(o.databasePath);
  const seeded = await seedIfEmpty(db);
  const trustedOrigins = [...(o.publicUrl ? [new URL(o.publicUrl).origin] : []), ...(o.extraOrigins ?? [])];
  const auth = createAuth({
    db,
    secret: loadOrCreateSecret(o.databasePath),
    baseURL: o.publicUrl,
    trustedOrigins,
    signInLimit: o.signInLimit,
    passwordHasher: o.passwordHasher,
  });
  const deps: AppDeps = { db, auth, publicUrl: o.publicUrl };
  const webDist = o.webDist && existsSync(join(o.webDist, "index.html")) ? o.webDist : undefined;
  const app = createApp(deps, { trustedOrigins, webDist });
  return {
    app,
    db: db as Db,
    auth,
    seeded,
    servesDashboard: webDist !== undefined,
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/** Listens on host:port (port 0 picks a free one) and resolves once it is accepting. */
export function listen(app: ReturnType<typeof createApp>, port: number, hostname: string) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({ port: info.port, close: () => new Promise((r) => server.close(() => r())) });
    });
    server.on("error", reject);
  });
}

export { fastTestPasswordHasher } from "./auth.ts";
