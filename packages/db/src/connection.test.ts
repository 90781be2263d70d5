import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./connection.ts";
import { migrations } from "./migrations/index.ts";
import { type TempDatabase, tempDatabase } from "./test-support.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe("opening the database file", () => {
  it("uses write-ahead logging, synchronous=FULL and enforced foreign keys", async () => {
    temp = await tempDatabase();
    expect(temp.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(temp.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(temp.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("runs every migration", async () => {
    temp = await tempDatabase();
    const ran = await temp.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    expect(ran.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
    const tables = temp.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["organisations", "cycles", "goals", "measures", "progressUpdates", "user", "session"]));
  });

  it("reopens an existing file without migrating again or losing data", async () => {
    temp = await tempDatabase();
    await temp.db.insertInto("settings").values({ key: "k", value: "kept" }).execute();
    await temp.db.destroy();

    const again = await openDatabase(temp.path);
    try {
      const ran = again.sqlite.prepare("select count(*) from kysely_migration").pluck().get();
      expect(ran).toBe(Object.keys(migrations).length);
      expect(await again.db.selectFrom("settings").select("value").where("key", "=", "k").executeTakeFirst()).toEqual({ value: "kept" });
    } finally {
      await again.db.destroy();
    }
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
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
