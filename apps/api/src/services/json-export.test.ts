import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, primaryKeyColumns, seedDemo } from "@convene/db";
import { freshTestDatabase } from "@convene/db/test-support";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../admin/run.ts";
import { recordedIo, tempContext } from "../admin/test-io.ts";
import { type Convene, call, json, makeCycle, makeGoal, makeMeasure, world } from "../test-support.ts";
import { exportableTables, exportDatabase, RestoreProblem, restoreDatabase } from "./json-export.ts";

let convene: Convene | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
  cleanup?.();
  cleanup = undefined;
});

async function populated() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  const goal = await makeGoal(w.app, w.convenor.cookie, { cycleId: cycle.id, leadOrganisationId: w.member.organisationId });
  const m = await makeMeasure(w.app, w.convenor.cookie, { goalId: goal.id, baseline: 1.5, target: 7.25 });
  await call(w.app, "POST", "/api/updates", {
    cookie: w.member.cookie,
    body: { goalId: goal.id, values: [{ measureId: m.id, value: 3.5 }] },
  });
  await seedDemo(w.convene.db, { today: "2026-11-26" });
  return w;
}

async function allRows(db: Convene["db"], tables: string[]) {
  const out: Record<string, unknown[]> = {};
  // Rows in key order; tables keyed by more than one column compare as sets.
  for (const t of tables) {
    const key = await primaryKeyColumns(db, t);
    const rows = (await sql`select * from ${sql.table(t)} order by ${sql.join(key.map((k) => sql.ref(k)))}`.execute(db)).rows;
    out[t] = rows.every((r) => typeof (r as { id?: unknown }).id === "number") ? rows : rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe("JSON export and restore", () => {
  it("restores into an empty database with the same rows in every table", async () => {
    const w = await populated();
    const doc = await exportDatabase(w.convene.db);
    const tables = await exportableTables(w.convene.db);
    expect(Object.keys(doc.tables)).toEqual(tables);

    const ctx = await tempContext();
    cleanup = ctx.cleanup;
    const file = join(ctx.dir, "export.json");
    writeFileSync(file, JSON.stringify(doc));
    const io = recordedIo();
    expect(await runCli(["restore", "--from", file], io, ctx)).toBe(0);
    expect(io.out()).toMatch(/Restored \d+ rows/);
    expect(io.out()).toMatch(/Password link for convenor/);

    const { db } = await openDatabase(ctx.databasePath);
    try {
      const before = await allRows(w.convene.db, tables);
      const after = await allRows(db, tables);
      for (const t of tables) {
        if (t === "auditEntries") {
          // The restore leaves one audit entry of its own, then the convenors' new password links leave theirs.
          expect(after[t]!.slice(0, before[t]!.length), t).toEqual(before[t]);
          expect(after[t]![before[t]!.length]).toMatchObject({ action: "restore", entity: "database" });
        } else expect(after[t], t).toEqual(before[t]);
      }
      expect(before.goals!.length).toBeGreaterThan(5);
      // A second restore is refused: the database is no longer empty.
      const again = recordedIo();
      expect(await runCli(["restore", "--from", file], again, ctx)).toBe(1);
      expect(again.err()).toMatch(/not empty/);
    } finally {
      await db.destroy();
    }
  });

  it("refuses what is not an export, a newer one, unknown tables and columns, leaving nothing behind", async () => {
    const w = await populated();
    const doc = await exportDatabase(w.convene.db);
    const { db } = await openDatabase(await freshTestDatabase());
    // As the restore command runs it: in one transaction, so a refusal halfway keeps nothing.
    const restoreInto = (data: unknown) => db.transaction().execute((trx) => restoreDatabase(trx, data));
    try {
      await expect(restoreInto({ hello: 1 })).rejects.toThrow(RestoreProblem);
      await expect(restoreInto({ ...doc, version: 2 })).rejects.toThrow(/version 2/);
      await expect(restoreInto({ ...doc, schema: { migrations: ["2099-01-01-future"] } })).rejects.toThrow(/newer Convene/);
      await expect(restoreInto({ ...doc, tables: { ...doc.tables, nonsense: [] } })).rejects.toThrow(/nonsense/);
      const badGoals = [...(doc.tables.goals ?? []), { id: 9999, colour: "blue" }];
      await expect(restoreInto({ ...doc, tables: { ...doc.tables, goals: badGoals } })).rejects.toThrow(/colour/);
      const n = await db.selectFrom("organisations").select("id").execute();
      expect(n).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe("restore command line", () => {
  it("needs --from and a JSON file", async () => {
    const ctx = await tempContext();
    cleanup = ctx.cleanup;
    expect(await runCli(["restore"], recordedIo(), ctx)).toBe(2);
    const file = join(ctx.dir, "x.json");
    writeFileSync(file, "not json");
    const io = recordedIo();
    expect(await runCli(["restore", "--from", file], io, ctx)).toBe(1);
    expect(io.err()).toMatch(/not JSON/);
  });
});

describe("export of later tables", () => {
  it("includes tables added by later migrations without any change to the exporter", async () => {
    const w = await world();
    convene = w.convene;
    await sql`create table "milestonesTest" (id integer primary key, "goalId" integer references goals(id), title text)`.execute(
      w.convene.db,
    );
    await sql`insert into "milestonesTest" (id, title) values (1, 'Open letter')`.execute(w.convene.db);
    const res = await call(w.app, "GET", "/api/data/export.json", { cookie: w.convenor.cookie });
    const doc = await json(res);
    const order = Object.keys(doc.tables);
    expect(doc.tables.milestonesTest).toEqual([{ id: 1, goalId: null, title: "Open letter" }]);
    expect(order.indexOf("goals")).toBeLessThan(order.indexOf("milestonesTest"));
  });
});
