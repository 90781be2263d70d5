/**
 * vitest global setup for `npm run test:postgres`: a PostgreSQL server for the whole run and a
 * migrated template database that each test copies (see freshTestDatabase in test-support.ts).
 *
 * With DATABASE_URL set, its server is used (the user needs CREATEDB; every database this run
 * makes is dropped at the end). Otherwise a throwaway cluster (throwaway-postgres.ts) serves the
 * run and is removed at the end.
 */
import pg from "pg";
import { openDatabase } from "./connection.ts";
import { startThrowawayCluster } from "./throwaway-postgres.ts";

const runId = `${Date.now().toString(36)}_${process.pid}`;
const prefix = `convene_test_${runId}_`;
const template = `${prefix}template`;

export default async function setup(): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  const cluster = external ? undefined : await startThrowawayCluster();
  const server = external ?? cluster!.url;

  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${template}" template template0 encoding 'UTF8'`);
  const url = new URL(server);
  url.pathname = `/${template}`;
  const opened = await openDatabase(url.toString(), { poolSize: 1 });
  await opened.close();

  process.env.CONVENE_TEST_ENGINE = "postgres";
  process.env.CONVENE_TEST_PG_SERVER = server;
  process.env.CONVENE_TEST_PG_TEMPLATE = template;
  process.env.CONVENE_TEST_PG_PREFIX = prefix;

  return async () => {
    if (cluster) {
      await admin.end().catch(() => {});
      cluster.stop();
      return;
    }
    const { rows } = await admin.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
