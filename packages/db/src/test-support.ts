/**
 * Helpers for the storage tests: a fresh, migrated database in its own temporary folder, and
 * small factories that write rows directly (the API's rules are tested in apps/api).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GoalStatus, Visibility } from "@convene/domain";
import type { Kysely } from "kysely";
import pg from "pg";
import { type OpenedDatabase, openDatabase } from "./connection.ts";
import type { Engine } from "./engine.ts";
import { insertGoal } from "./queries/goals.ts";
import { refreshGoalProgress } from "./queries/stored-progress.ts";
import type { Database } from "./schema.ts";

/**
 * The engine this test run uses: SQLite for `npm test`, PostgreSQL for `npm run test:postgres`,
 * whose global setup (test-postgres-setup.ts) provides a server and a migrated template database.
 */
export const testEngine: Engine = process.env.CONVENE_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

let admin: Promise<pg.Client> | undefined;
let databases = 0;

/**
 * Where a test's own, empty database lives: a file in `dir` (or ":memory:" without one) on
 * SQLite; on PostgreSQL a new database copied from the migrated template, so that a test never
 * sees another's rows and creating one costs a file copy, not a migration.
 */
export async function freshTestDatabase(dir?: string): Promise<string> {
  if (testEngine === "sqlite") return dir ? join(dir, "convene.db") : ":memory:";
  const server = process.env.CONVENE_TEST_PG_SERVER;
  const template = process.env.CONVENE_TEST_PG_TEMPLATE;
  const prefix = process.env.CONVENE_TEST_PG_PREFIX;
  if (!server || !template || !prefix) throw new Error("test:postgres runs with its global setup (vitest.postgres.config.ts).");
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    return client;
  })();
  const client = await admin;
  databases += 1;
  const name = `${prefix}${process.pid}_${databases}`;
  // FILE_COPY copies the template's files at a checkpoint, which the test server (fsync off)
  // makes cheap: faster here than PostgreSQL 15's default of copying through the WAL.
  await client.query(`create database "${name}" template "${template}" strategy file_copy`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TempDatabase extends OpenedDatabase {
  dir: string;
  path: string;
  /** Closes the database and removes its folder. */
  dispose: () => Promise<void>;
}

export async function tempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "convene-db-"));
  const path = await freshTestDatabase(dir);
  const opened = await openDatabase(path);
  return {
    ...opened,
    dir,
    path,
    dispose: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
const next = () => {
  n += 1;
  return n;
};

export async function makeCycle(db: Kysely<Database>, fields: { closedAt?: string | null } = {}) {
  return db
    .insertInto("cycles")
    .values({ name: `Cycle ${next()}`, workshopDate: "2026-01-10", agmDate: "2026-12-10", closedAt: fields.closedAt ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeOrganisation(db: Kysely<Database>) {
  const i = next();
  return db
    .insertInto("organisations")
    .values({ name: `Organisation ${i}`, shortName: `org-${i}`, isConvenor: 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeGoal(
  db: Kysely<Database>,
  fields: { cycleId: number; visibility?: Visibility; status?: GoalStatus; leadOrganisationId?: number | null; title?: string },
) {
  return insertGoal(db, {
    cycleId: fields.cycleId,
    title: fields.title ?? `Goal ${next()}`,
    description: "",
    themeId: null,
    leadOrganisationId: fields.leadOrganisationId ?? null,
    supportingOrganisationIds: [],
    status: fields.status ?? "on_track",
    dueDate: null,
    visibility: fields.visibility ?? "public",
  });
}

/** A numeric measure from `baseline` to `target`, starting at its baseline. */
export async function makeMeasure(
  db: Kysely<Database>,
  goalId: number,
  baseline = 0,
  target = 10,
  recordedAt = "2026-01-10T09:00:00.000Z",
) {
  const m = await db
    .insertInto("measures")
    .values({ goalId, name: `Measure ${next()}`, kind: "numeric", unit: "", baseline, target, weight: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("measureValues").values({ measureId: m.id, updateId: null, value: baseline, recordedAt }).execute();
  // Written directly, so the stored progress is brought up to date as the app's writes do.
  await refreshGoalProgress(db, [goalId]);
  return m;
}

/** A progress update with new values for some measures. */
export async function makeUpdate(
  db: Kysely<Database>,
  goalId: number,
  fields: { visibility: Visibility; values?: { measureId: number; value: number }[]; createdAt?: string },
) {
  const createdAt = fields.createdAt ?? "2026-03-01T09:00:00.000Z";
  const { id } = await db
    .insertInto("progressUpdates")
    .values({
      goalId,
      authorId: null,
      authorName: "Tester",
      organisationId: null,
      note: "news",
      status: null,
      confidence: null,
      visibility: fields.visibility,
      createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const v of fields.values ?? []) {
    await db.insertInto("measureValues").values({ measureId: v.measureId, updateId: id, value: v.value, recordedAt: createdAt }).execute();
  }
  await refreshGoalProgress(db, [goalId]);
  return id;
}
