import { afterEach, describe, expect, it } from "vitest";
import { listOrganisations } from "../queries/organisations.ts";
import { type TempDatabase, tempDatabase } from "../test-support.ts";
import { seedCoalition, seedIfEmpty } from "./seed-coalition.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe("seeding the coalition", () => {
  it("loads the 19 member organisations with Protection Approaches as the only convenor", async () => {
    temp = await tempDatabase();
    const result = await seedCoalition(temp.db);
    expect(result.organisationsAdded).toBe(19);
    const orgs = await listOrganisations(temp.db);
    expect(orgs).toHaveLength(19);
    expect(orgs.filter((o) => o.isConvenor).map((o) => o.name)).toEqual(["Protection Approaches"]);
    expect(result.themesAdded).toBeGreaterThan(0);
    const group = await temp.db.selectFrom("settings").select("value").where("key", "=", "groupName").executeTakeFirst();
    expect(group?.value).toBe("UK Civil Society Atrocity Prevention Working Group");
  });

  it("is idempotent: seeding again adds nothing and keeps edits", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    await temp.db
      .updateTable("organisations")
      .set({ name: "Protection Approaches (renamed)" })
      .where("shortName", "=", "protection-approaches")
      .execute();
    const again = await seedCoalition(temp.db);
    expect(again).toEqual({ organisationsAdded: 0, themesAdded: 0, milestonesAdded: 0 });
    const orgs = await listOrganisations(temp.db);
    expect(orgs).toHaveLength(19);
    expect(orgs.some((o) => o.name === "Protection Approaches (renamed)")).toBe(true);
  });

  it("seeds only an empty database when asked to seed if empty", async () => {
    temp = await tempDatabase();
    expect(await seedIfEmpty(temp.db)).not.toBeNull();
    expect(await seedIfEmpty(temp.db)).toBeNull();
  });
});
