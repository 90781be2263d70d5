import { afterEach, describe, expect, it } from "vitest";
import { makeCycle, type TempDatabase, tempDatabase } from "../test-support.ts";
import { updateVersioned } from "./versioned.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe("versioned updates", () => {
  it("applies an edit based on the current version and bumps it", async () => {
    temp = await tempDatabase();
    const cycle = await makeCycle(temp.db);
    expect(await updateVersioned(temp.db, "cycles", cycle.id, 1, { name: "Renamed" })).toBe("updated");
    const row = await temp.db.selectFrom("cycles").selectAll().where("id", "=", cycle.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("refuses a stale edit as a conflict and changes nothing", async () => {
    temp = await tempDatabase();
    const cycle = await makeCycle(temp.db);
    await updateVersioned(temp.db, "cycles", cycle.id, 1, { name: "First" });
    expect(await updateVersioned(temp.db, "cycles", cycle.id, 1, { name: "Second" })).toBe("conflict");
    const row = await temp.db.selectFrom("cycles").selectAll().where("id", "=", cycle.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "First", version: 2 });
  });

  it("reports a row that does not exist as missing", async () => {
    temp = await tempDatabase();
    expect(await updateVersioned(temp.db, "goals", 12345, 1, { title: "x" })).toBe("missing");
  });
});
