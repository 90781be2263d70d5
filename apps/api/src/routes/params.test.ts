import { afterEach, describe, expect, it } from "vitest";
import { badFields, type Convene, call, makeCycle, makeGoal, world } from "../test-support.ts";

let open: Convene | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe("ids in paths", () => {
  it("are read only as decimal digits: anything else is a bad id, not another record", async () => {
    const { convene, app, convenor } = await world();
    open = convene;
    const cycle = await makeCycle(app, convenor.cookie);
    const goal = await makeGoal(app, convenor.cookie, { cycleId: cycle.id });
    expect((await call(app, "GET", `/api/goals/${goal.id}`, { cookie: convenor.cookie })).status).toBe(200);
    for (const id of [`0x${goal.id.toString(16)}`, `${goal.id}%0A`, `%20${goal.id}`, `${goal.id}.0`, `${goal.id}e0`, "0", "-1", "1e3"]) {
      const res = await call(app, "GET", `/api/goals/${id}`, { cookie: convenor.cookie });
      expect(res.status, id).toBe(400);
      expect(await badFields(res), id).toEqual(["id"]);
    }
  });
});
