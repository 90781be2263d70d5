import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDatabase, seedCoalition, seedDemo } from "@convene/db";
import { freshTestDatabase, testEngine } from "@convene/db/test-support";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgTool } from "./backup.ts";
import { runCli } from "./run.ts";
import { recordedIo, tempContext } from "./test-io.ts";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
  const { db } = await openDatabase(ctx.databasePath);
  await seedCoalition(db);
  await seedDemo(db, { today: "2026-11-26" });
  await db.destroy();
});
afterEach(() => ctx.cleanup());

const tables = [
  "organisations",
  "themes",
  "cycles",
  "goals",
  "goalSupporters",
  "measures",
  "measureValues",
  "progressUpdates",
  "auditEntries",
] as const;

async function rowCounts(path: string) {
  const { db } = await openDatabase(path);
  try {
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const { n } = await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      counts[t] = Number(n);
    }
    return counts;
  } finally {
    await db.destroy();
  }
}

describe("admin backup", () => {
  it.runIf(testEngine === "sqlite")(
    "writes a readable copy with the same rows, resolving --to from where the command was typed",
    async () => {
      const io = recordedIo();
      expect(await runCli(["backup", "--to", "copies/convene-backup.db"], io, ctx)).toBe(0);
      const target = join(ctx.dir, "copies/convene-backup.db");
      expect(io.out()).toMatch(new RegExp(`^Backed up .*convene\\.db to ${target.replace(/[.]/g, "\\.")} \\(\\d+\\.\\d KB\\)\\.\\n$`));
      expect(existsSync(`${target}.partial`)).toBe(false);
      const original = await rowCounts(ctx.databasePath);
      expect(original.goals).toBeGreaterThan(0);
      expect(await rowCounts(target)).toEqual(original);
    },
  );

  it.runIf(testEngine === "postgres")("dumps PostgreSQL with pg_dump, in a form pg_restore loads with the same rows", async () => {
    const io = recordedIo();
    expect(await runCli(["backup", "--to", "copies/convene.dump"], io, ctx)).toBe(0);
    const target = join(ctx.dir, "copies/convene.dump");
    expect(io.out()).toMatch(/^Backed up postgres:\/\/.* to .*convene\.dump \(\d+\.\d KB; restore with pg_restore/);
    expect(existsSync(`${target}.partial`)).toBe(false);
    const restored = await freshEmptyPostgres();
    await promisify(execFile)(await pgTool("pg_restore"), ["--no-owner", `--dbname=${restored}`, target]);
    const original = await rowCounts(ctx.databasePath);
    expect(original.goals).toBeGreaterThan(0);
    expect(await rowCounts(restored)).toEqual(original);
  });

  it("refuses to overwrite a file unless --force", async () => {
    const target = join(ctx.dir, "existing.db");
    writeFileSync(target, "keep me");
    const io = recordedIo();
    expect(await runCli(["backup", "--to", target], io, ctx)).toBe(1);
    expect(io.err()).toBe(`Error: ${target} already exists; choose another file, or add --force to replace it.\n`);

    expect(await runCli(["backup", "--to", target, "--force"], recordedIo(), ctx)).toBe(0);
    if (testEngine === "sqlite") expect(await rowCounts(target)).toEqual(await rowCounts(ctx.databasePath));
    else expect(readFileSync(target, "utf8")).not.toBe("keep me");
  });

  it("needs --to, and will not copy the database onto itself", async () => {
    const io = recordedIo();
    expect(await runCli(["backup"], io, ctx)).toBe(2);
    expect(io.err()).toBe("Error: --to FILE is required: where to write the copy.\n");
    if (testEngine === "postgres") return;
    const self = recordedIo();
    expect(await runCli(["backup", "--to", ctx.databasePath, "--force"], self, ctx)).toBe(2);
    expect(self.err()).toMatch(/that is the database itself/);
  });

  it.runIf(testEngine === "sqlite")("says so when there is no database yet", async () => {
    const io = recordedIo();
    expect(await runCli(["backup", "--to", "x.db"], io, { ...ctx, databasePath: join(ctx.dir, "missing.db") })).toBe(1);
    expect(io.err()).toMatch(/^Error: There is no database at .*missing\.db to back up\.\n$/);
  });
});

/** An empty PostgreSQL database with no tables at all (pg_restore makes them from the dump). */
async function freshEmptyPostgres(): Promise<string> {
  const url = await freshTestDatabase();
  const opened = await openDatabase(url, { migrate: false, poolSize: 1 });
  try {
    await sql`drop schema public cascade`.execute(opened.db);
    await sql`create schema public`.execute(opened.db);
  } finally {
    await opened.close();
  }
  return url;
}
