import { afterEach, describe, expect, it } from "vitest";
import { badFields, type Convene, call, makeCycle, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("the deck route's cycle parameter", () => {
  it("takes cycleId like the rest of the API, and still the older cycle", async () => {
    const w = await world();
    convene = w.convene;
    const cycle = await makeCycle(w.app, w.convenor.cookie);
    const byId = await call(w.app, "GET", `/api/exports/agm?cycleId=${cycle.id}`, { cookie: w.member.cookie });
    const byOld = await call(w.app, "GET", `/api/exports/agm?cycle=${cycle.id}`, { cookie: w.member.cookie });
    expect([byId.status, byOld.status]).toEqual([200, 200]);
    expect(await badFields(await call(w.app, "GET", "/api/exports/agm", { cookie: w.member.cookie }))).toEqual(["cycleId"]);
    const pptx = await call(w.app, "GET", `/api/exports/agm.pptx?cycleId=${cycle.id}`, { cookie: w.member.cookie });
    expect(pptx.status).toBe(200);
  });
});
