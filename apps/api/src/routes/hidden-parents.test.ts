/** A route that lists records under one record answers for a record hidden from the viewer exactly as for a missing one. */
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeCycle, makeGoal, world } from "../test-support.ts";

let open: Convene | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe("records listed under a hidden parent", () => {
  it("GET /meetings/for-goal/{id} tells nothing of a convenor-only goal's decisions", async () => {
    const { convene, app, convenor, member, observer } = await world();
    open = convene;
    const cycle = await makeCycle(app, convenor.cookie);
    const secret = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "convenor", title: "The secret plan" });
    const meeting = await json(
      await call(app, "POST", "/api/meetings", {
        cookie: convenor.cookie,
        body: { kind: "ad_hoc", title: "Open meeting", startsAt: "2026-06-12T10:00:00Z", visibility: "public" },
      }),
    );
    const decided = await call(app, "POST", `/api/meetings/${meeting.meeting.id}/decisions`, {
      cookie: convenor.cookie,
      body: { action: "change_goal", text: "We drop the secret plan", goalId: secret.id, goalVersion: secret.version, status: "dropped" },
    });
    expect(decided.status).toBe(201);

    const asConvenor = await json(await call(app, "GET", `/api/meetings/for-goal/${secret.id}`, { cookie: convenor.cookie }));
    expect(asConvenor.meetings).toHaveLength(1);
    for (const viewer of [member, observer]) {
      const hidden = await call(app, "GET", `/api/meetings/for-goal/${secret.id}`, { cookie: viewer.cookie });
      const missing = await call(app, "GET", "/api/meetings/for-goal/999999", { cookie: viewer.cookie });
      expect(hidden.status).toBe(missing.status);
      expect(await hidden.text()).toBe(await missing.text());
    }
  });
});
