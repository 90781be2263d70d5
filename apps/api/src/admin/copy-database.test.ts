import { join } from "node:path";
import { insertCycle, openDatabase, seedDemo, tableChecks } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fastTestPasswordHasher } from "../auth.ts";
import { createConvene } from "../server.ts";
import { createAccount } from "../services/accounts.ts";
import { runCli } from "./run.ts";
import { PUBLIC_URL, recordedIo, TEST_SECRET, tempContext } from "./test-io.ts";

const PASSWORD = "correct horse battery";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
});
afterEach(() => ctx.cleanup());

/** A database with the group's record, the demo cycle, a person with a password and a session. */
async function populate(location: string) {
  const convene = await createConvene({
    databasePath: location,
    secret: TEST_SECRET,
    publicUrl: PUBLIC_URL,
    passwordHasher: fastTestPasswordHasher,
  });
  try {
    await seedDemo(convene.db, { today: "2026-11-26" });
    await createAccount(
      convene.auth,
      convene.db,
      { email: "ana@example.org", name: "Ana", password: PASSWORD, role: "convenor", organisationId: null },
      null,
    );
    expect((await signIn(convene)).status).toBe(200);
  } finally {
    await convene.close();
  }
}

async function signIn(convene: Awaited<ReturnType<typeof createConvene>>) {
  return convene.app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: PUBLIC_URL },
    body: JSON.stringify({ email: "ana@example.org", password: PASSWORD }),
  });
}

async function checks(location: string) {
  const opened = await openDatabase(location);
  try {
    // By name: the dependency order may list independent tables differently on each engine.
    return (await tableChecks(opened.db)).sort((a, b) => a.table.localeCompare(b.table));
  } finally {
    await opened.close();
  }
}

describe("copy-database", () => {
  it("copies every table into an empty database, says what it checked, and refuses to copy over data", async () => {
    await populate(ctx.databasePath);
    const target = await freshTestDatabase(join(ctx.dir, "copy"));
    const io = recordedIo();
    expect(await runCli(["copy-database", "--to", target], io, ctx)).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toMatch(/^ {2}organisations +19 rows {2}sha256 [0-9a-f]{16}$/m);
    expect(io.out()).toMatch(/Copied \d+ rows in \d+ tables from .* to .*; every table's row count and checksum match\.\n$/);
    const before = await checks(ctx.databasePath);
    expect(before.find((t) => t.table === "goals")!.rows).toBeGreaterThan(5);
    expect(before.find((t) => t.table === "session")!.rows).toBe(1);
    expect(await checks(target)).toEqual(before);

    const again = recordedIo();
    expect(await runCli(["copy-database", "--to", target], again, ctx)).toBe(1);
    expect(again.err()).toMatch(
      /^Error: The target .* is not empty \(table "\w+" has \d+ rows\); copy only into a new, empty database\.\n$/,
    );
    expect(await checks(target)).toEqual(before);
  });

  it("needs --to, and will not copy a database onto itself", async () => {
    const io = recordedIo();
    expect(await runCli(["copy-database"], io, ctx)).toBe(2);
    expect(io.err()).toMatch(/--to is required/);
    const self = recordedIo();
    expect(await runCli(["copy-database", "--to", ctx.databasePath], self, ctx)).toBe(2);
    expect(self.err()).toMatch(/that is the database itself/);
  });

  it.runIf(testEngine === "postgres")(
    "round-trips the demo database SQLite → PostgreSQL → SQLite with equal checksums, and the copy works",
    async () => {
      const sqliteSource = join(ctx.dir, "source.db");
      await populate(sqliteSource);
      const postgres = ctx.databasePath; // a new, empty PostgreSQL database
      const sqliteBack = join(ctx.dir, "back.db");
      const original = await checks(sqliteSource);

      expect(await runCli(["copy-database", "--to", postgres], recordedIo(), { ...ctx, databasePath: sqliteSource })).toBe(0);
      expect(await checks(postgres)).toEqual(original);
      expect(await runCli(["copy-database", "--to", sqliteBack], recordedIo(), { ...ctx, databasePath: postgres })).toBe(0);
      expect(await checks(sqliteBack)).toEqual(original);

      // On the PostgreSQL copy people sign in with their passwords, and new rows get new keys.
      const convene = await createConvene({
        databasePath: postgres,
        secret: TEST_SECRET,
        publicUrl: PUBLIC_URL,
        passwordHasher: fastTestPasswordHasher,
      });
      try {
        expect((await signIn(convene)).status).toBe(200);
        const highest = await convene.db
          .selectFrom("cycles")
          .select((eb) => eb.fn.max("id").as("id"))
          .executeTakeFirstOrThrow();
        const added = await insertCycle(convene.db, {
          name: "After the copy",
          workshopDate: "2027-01-10",
          agmDate: "2027-12-10",
          updateIntervalDays: 42,
        });
        expect(added.id).toBe(Number(highest.id) + 1);
      } finally {
        await convene.close();
      }
    },
    60_000,
  );
});
