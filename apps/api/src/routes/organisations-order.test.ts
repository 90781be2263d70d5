import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("the organisations list's order", () => {
  it("sorts names without regard to case, so eyeWitness sits among the E's", async () => {
    const w = await world();
    convene = w.convene;
    const body = await json(await call(w.app, "GET", "/api/organisations", { cookie: w.member.cookie }));
    const names = (body.organisations ?? body.items).map((o: { name: string }) => o.name) as string[];
    expect(names).toContain("eyeWitness");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB", { sensitivity: "base" })));
  });
});
