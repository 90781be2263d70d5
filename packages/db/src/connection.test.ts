import { readFileSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseProblem, openDatabase } from "./connection.ts";
import { containsText, foldForSearch } from "./engine.ts";
import { migrations } from "./migrations/index.ts";
import { makeCycle, type TempDatabase, tempDatabase, testEngine } from "./test-support.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe.runIf(testEngine === "sqlite")("opening the database file", () => {
  it("uses write-ahead logging, synchronous=FULL and enforced foreign keys", async () => {
    temp = await tempDatabase();
    expect(temp.sqlite?.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(temp.sqlite?.pragma("synchronous", { simple: true })).toBe(2);
    expect(temp.sqlite?.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("gives the first migrations the SQLite schema they made before PostgreSQL was supported", async () => {
    // Existing databases were migrated by the SQLite-only migrations; the engine-neutral ones
    // must make exactly the same tables, or those databases and new ones would differ.
    const sqlite = new SQLite(":memory:");
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const first = Object.fromEntries(Object.entries(migrations).filter(([name]) => name.startsWith("2026-11-26")));
    const result = await new Migrator({ db, provider: { getMigrations: async () => first } }).migrateToLatest();
    expect(result.error).toBeUndefined();
    const schema = sqlite.prepare("select type, name, sql from sqlite_master where name not like 'kysely_%' order by type, name").all();
    const frozen = JSON.parse(readFileSync(join(import.meta.dirname, "migrations/sqlite-schema-2026-11-26.json"), "utf8"));
    expect(schema).toEqual(frozen);
    await db.destroy();
  });
});

describe("opening the database", () => {
  it("runs every migration", async () => {
    temp = await tempDatabase();
    const ran = await temp.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .orderBy("name" as never)
      .execute();
    expect(ran.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations).sort());
    const tables = (await temp.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(["organisations", "cycles", "goals", "measures", "progressUpdates", "user", "session", "rateLimit"]),
    );
  });

  it("reopens an existing database without migrating again or losing data", async () => {
    temp = await tempDatabase();
    await temp.db.insertInto("settings").values({ key: "k", value: "kept" }).execute();
    await temp.close();

    const again = await openDatabase(temp.path);
    try {
      const { n } = await again.db
        .selectFrom("kysely_migration" as never)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(n).toBe(Object.keys(migrations).length);
      expect(await again.db.selectFrom("settings").select("value").where("key", "=", "k").executeTakeFirst()).toEqual({ value: "kept" });
    } finally {
      await again.close();
    }
  });

  it("refuses a database migrated by a newer Convene, and writes nothing to it", async () => {
    temp = await tempDatabase();
    await temp.db
      .insertInto("kysely_migration" as never)
      .values({ name: "2099-01-01-01-future", timestamp: new Date().toISOString() } as never)
      .execute();
    await temp.close();
    const error = await openDatabase(temp.path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseProblem);
    expect((error as Error).message).toMatch(/newer Convene \(migration 2099-01-01-01-future\)/);
  });

  it("refuses a row that points at nothing", async () => {
    temp = await tempDatabase();
    await expect(
      temp.db
        .insertInto("goals")
        .values({
          cycleId: 999,
          title: "orphan",
          description: "",
          status: "not_started",
          visibility: "public",
          leadOrganisationId: null,
          themeId: null,
          dueDate: null,
          copiedFromGoalId: null,
          deletedAt: null,
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  it("numbers keys, fills defaults and counts with plain numbers", async () => {
    temp = await tempDatabase();
    const a = await makeCycle(temp.db);
    const b = await makeCycle(temp.db);
    expect(b.id).toBe(a.id + 1);
    expect(a.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const { n } = await temp.db
      .selectFrom("cycles")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(2);
    const { yes } = await sql<{ yes: number }>`select ${sql.lit(1)} = ${sql.lit(1)} as yes`.execute(temp.db).then((r) => r.rows[0]!);
    expect(yes).toBe(1);
  });

  it("searches text ignoring case and accents, the same on both engines", async () => {
    temp = await tempDatabase();
    await temp.db
      .insertInto("themes")
      .values(["Génocide prevention", "ÉCOLE", "50% done_now"].map((name) => ({ name, description: "" })))
      .execute();
    const find = async (words: string) =>
      (
        await temp!.db
          .selectFrom("themes")
          .select("name")
          .where(containsText(temp!.db, ["name"], words))
          .orderBy("name")
          .execute()
      ).map((r) => r.name);
    expect(await find("genocide")).toEqual(["Génocide prevention"]);
    expect(await find("GÉNO")).toEqual(["Génocide prevention"]);
    expect(await find("ecole")).toEqual(["ÉCOLE"]);
    expect(await find("0% d")).toEqual(["50% done_now"]);
    expect(await find("e_n")).toEqual(["50% done_now"]);
    expect(await find("%")).toEqual(["50% done_now"]);
    expect(foldForSearch("Łódź Ørsted")).toBe("lodz orsted");
  });
});

describe("a database Convene cannot use", () => {
  it("names an address that does not parse", async () => {
    await expect(openDatabase("postgres://user:pw@[bad")).rejects.toThrow(/DATABASE_URL is not a valid address/);
  });

  it("names a server that cannot be reached, without its password", async () => {
    const error = (await openDatabase("postgres://convene:secret-pw@127.0.0.1:9/convene").catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DatabaseProblem);
    expect(error.message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:9/);
    expect(error.message).not.toContain("secret-pw");
  });
});
