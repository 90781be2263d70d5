import { afterEach, describe, expect, it } from "vitest";
import { badFields, type Convene, call, json, makeCycle, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("GET /api/audit", () => {
  it("shows the convenor who changed what, newest first, filterable by record", async () => {
    const w = await world();
    convene = w.convene;
    const cycle = await makeCycle(w.app, w.convenor.cookie);
    await call(w.app, "PATCH", `/api/cycles/${cycle.id}`, { cookie: w.convenor.cookie, body: { updateIntervalDays: 30, version: 1 } });
    const res = await call(w.app, "GET", `/api/audit?entity=cycle&entityId=${cycle.id}`, { cookie: w.convenor.cookie });
    expect(res.status).toBe(200);
    const { entries } = await json(res);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect(entries[0]).toMatchObject({ userId: w.convenor.id, before: { updateIntervalDays: 42 }, after: { updateIntervalDays: 30 } });
    const limited = await json(await call(w.app, "GET", "/api/audit?limit=1", { cookie: w.convenor.cookie }));
    expect(limited.entries).toHaveLength(1);
    expect(limited).toMatchObject({ limit: 1, offset: 0, total: expect.any(Number) });
    const next = await json(
      await call(w.app, "GET", `/api/audit?entity=cycle&entityId=${cycle.id}&limit=1&offset=1`, { cookie: w.convenor.cookie }),
    );
    expect(next).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(next.entries.map((e: { action: string }) => e.action)).toEqual(["create"]);
  });

  it("is for the convenor only and names a bad limit", async () => {
    const w = await world();
    convene = w.convene;
    expect((await call(w.app, "GET", "/api/audit", { cookie: w.member.cookie })).status).toBe(403);
    expect((await call(w.app, "GET", "/api/audit", { cookie: w.observer.cookie })).status).toBe(403);
    expect((await call(w.app, "GET", "/api/audit")).status).toBe(401);
    const res = await call(w.app, "GET", "/api/audit?limit=0", { cookie: w.convenor.cookie });
    expect(res.status).toBe(400);
    expect(await badFields(res)).toEqual(["limit"]);
  });
});
