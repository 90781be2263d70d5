import { afterEach, describe, expect, it } from "vitest";
import { listResources, resourceTags } from "../queries/resources.ts";
import { type TempDatabase, tempDatabase } from "../test-support.ts";
import { seedCoalition } from "./seed-coalition.ts";
import { seedResources } from "./seed-resources.ts";

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe("seeding the shared resources", () => {
  it("adds the self-care and mutual-support guide, public, with its link left empty", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    const [guide, ...rest] = await listResources(temp.db, "anonymous", {});
    expect(rest).toEqual([]);
    expect(guide).toMatchObject({ visibility: "public", url: null, tags: ["self-care", "mutual support"] });
    expect(guide?.title).toMatch(/mutual support and self care/);
    expect(await resourceTags(temp.db, "observer")).toEqual(["mutual support", "self-care"]);
  });

  it("is idempotent, and does not bring back a guide the convenor deleted", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    expect(await seedResources(temp.db)).toBe(0);
    await temp.db.updateTable("resources").set({ deletedAt: new Date().toISOString() }).execute();
    await seedCoalition(temp.db);
    expect(await listResources(temp.db, "convenor", {})).toEqual([]);
    expect(await temp.db.selectFrom("resources").select("id").execute()).toHaveLength(1);
  });

  it("finds resources by tag and by words, escaping LIKE wildcards", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    expect(await listResources(temp.db, "member", { tag: "self-care" })).toHaveLength(1);
    expect(await listResources(temp.db, "member", { tag: "reports" })).toHaveLength(0);
    expect(await listResources(temp.db, "member", { q: "Covid" })).toHaveLength(1);
    expect(await listResources(temp.db, "member", { q: "100%" })).toHaveLength(0);
  });
});
