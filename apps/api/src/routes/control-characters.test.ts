/** Text with control characters is refused at the API with a 400 naming the field; multi-line text keeps its lines. */
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeCycle, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

describe("control characters in what people type", () => {
  it("refuses a NUL in a title and a line break in a name, and keeps the lines of minutes", async () => {
    const w = await world();
    convene = w.convene;
    const cycle = await makeCycle(w.app, w.convenor.cookie);

    const goal = await call(w.app, "POST", "/api/goals", {
      cookie: w.convenor.cookie,
      body: { cycleId: cycle.id, title: "The\u0000plan", visibility: "members" },
    });
    expect(goal.status).toBe(400);
    expect((await json(goal)).error).toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "title", message: "Title must not contain control characters" }] },
    });

    const invited = await call(w.app, "POST", "/api/accounts/invitations", {
      cookie: w.convenor.cookie,
      body: { email: "new@example.org", name: "New\nPerson", role: "observer" },
    });
    expect(invited.status).toBe(400);
    expect((await json(invited)).error.details.fields).toEqual([
      { field: "name", message: "The name must not contain control characters" },
    ]);

    const minutes = "1. Apologies\n\t- none\r\n2. Actions";
    const meeting = await call(w.app, "POST", "/api/meetings", {
      cookie: w.convenor.cookie,
      body: { kind: "ad_hoc", title: "Check-in", startsAt: "2026-06-12T10:00:00Z", minutes },
    });
    expect(meeting.status).toBe(201);
    expect((await json(meeting)).meeting.minutes).toBe(minutes);
  });
});
