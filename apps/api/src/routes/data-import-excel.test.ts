/** Spreadsheet imports as Excel saves them, re-importing goals the cycle has, and the visibility of uploaded updates. */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeCycle, makeGoal, makeMeasure, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

/** BOM, CRLF, "50%", "1,000", "2,5" and a trailing empty row, as Excel writes "CSV UTF-8". */
const excelCsv = readFileSync(new URL("./fixtures/excel-goals.csv", import.meta.url), "utf8");

async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  const post = (path: string, body: Record<string, unknown>) => call(w.app, "POST", path, { cookie: w.convenor.cookie, body });
  return { ...w, cycle, post };
}

describe("importing an Excel-saved goals sheet", () => {
  it("reads the BOM, CRLF, per cent, thousands and a decimal comma, and previews every column", async () => {
    const { cycle, post, app, convenor } = await setup();
    expect(excelCsv.startsWith("\uFEFF") && excelCsv.includes("\r\n")).toBe(true);
    const preview = await json(await post("/api/data/goals/import/preview", { cycleId: cycle.id, csv: excelCsv }));
    expect(preview.problems).toEqual([]);
    expect(preview.existing).toEqual([]);
    expect(preview.goals).toEqual([
      expect.objectContaining({
        row: 2,
        title: "Raise the share of MPs briefed",
        description: "Brief **every** party's spokespeople, twice.",
        leadName: "Burma Campaign",
        supporterNames: ["Crisis Action", "eyeWitness"],
        dueDate: "2027-03-31",
        measures: [{ name: "MPs briefed", kind: "numeric", unit: "%", baseline: 0, target: 50, current: 12.5 }],
      }),
      expect.objectContaining({
        row: 3,
        measures: [
          { name: "People reached", kind: "numeric", unit: "people", baseline: 0, target: 1000, current: 2.5 },
          { name: "Report published", kind: "milestone", done: false },
        ],
      }),
    ]);

    const res = await post("/api/data/goals/import", { cycleId: cycle.id, csv: excelCsv });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({ updated: [], skipped: [], measures: 3 });
    const goal = await json(await call(app, "GET", `/api/goals/${body.created[1]}`, { cookie: convenor.cookie }));
    expect(goal.goal.measures.map((m: { target: number | null }) => m.target)).toEqual([1000, 1]);
  });

  it("refuses a comma it cannot read one way, and a % sign on a measure not in per cent, naming row and column", async () => {
    const { cycle, post } = await setup();
    const csv = [
      "title,measure_name,unit,baseline,target,current",
      'Goal A,Count,people,0,"1,500","2,5"',
      'Goal B,Other,people,0,10,"1,500"',
      "Goal C,Share,people,0,50%,",
      'Goal D,Odd,people,0,"1,2,3",',
    ].join("\r\n");
    const res = await post("/api/data/goals/import", { cycleId: cycle.id, csv });
    expect(res.status).toBe(400);
    const problems = (await json(res)).error.details.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["3:current", "4:target", "5:target"]);
    expect(problems[0]!.message).toMatch(/could be read more than one way/);
    expect(problems[1]!.message).toMatch(/not counted in per cent/);
  });
});

describe("importing goals the cycle already has", () => {
  it("warns in the preview, refuses without a choice, then skips or updates them", async () => {
    const { cycle, post, app, convenor } = await setup();
    const first = await json(await post("/api/data/goals/import", { cycleId: cycle.id, csv: excelCsv }));
    const [briefed, roundTables] = first.created as number[];

    const preview = await json(await post("/api/data/goals/import/preview", { cycleId: cycle.id, csv: excelCsv }));
    expect(preview.existing).toEqual([
      { row: 2, title: "Raise the share of MPs briefed", goalId: briefed },
      { row: 3, title: "Hold regional round tables", goalId: roundTables },
    ]);
    expect(preview.goals.map((g: { existingGoalId: number }) => g.existingGoalId)).toEqual([briefed, roundTables]);

    const refused = await post("/api/data/goals/import", { cycleId: cycle.id, csv: excelCsv });
    expect(refused.status).toBe(409);
    const error = (await json(refused)).error;
    expect(error.code).toBe("already_exists");
    expect(error.message).toMatch(/2 goals in the file already exist in this cycle/);
    expect(error.details.existing).toHaveLength(2);

    const skipped = await json(await post("/api/data/goals/import", { cycleId: cycle.id, csv: excelCsv, existing: "skip" }));
    expect(skipped).toMatchObject({ created: [], updated: [], skipped: [briefed, roundTables] });

    const changed = `${excelCsv.replace('"1,000"', '"2,000"').replace("On track,31/03/2027", "At risk,30/04/2027")}New goal,,,,,,,,,,,,,,,\r\n`;
    const updated = await json(await post("/api/data/goals/import", { cycleId: cycle.id, csv: changed, existing: "update" }));
    expect(updated).toMatchObject({ updated: [briefed, roundTables], skipped: [], measures: 1 });
    expect(updated.created).toHaveLength(1);
    const a = (await json(await call(app, "GET", `/api/goals/${briefed}`, { cookie: convenor.cookie }))).goal;
    expect(a).toMatchObject({ status: "at_risk", dueDate: "2027-04-30", description: "Brief **every** party's spokespeople, twice." });
    const b = (await json(await call(app, "GET", `/api/goals/${roundTables}`, { cookie: convenor.cookie }))).goal;
    expect(b.measures.map((m: { target: number | null }) => m.target)).toEqual([2000, 1]);
    const goals = await json(await call(app, "GET", `/api/goals?cycleId=${cycle.id}`, { cookie: convenor.cookie }));
    expect(goals.goals ?? goals.items).toHaveLength(3);

    const bad = await post("/api/data/goals/import", { cycleId: cycle.id, csv: excelCsv, existing: "merge" });
    expect(bad.status).toBe(400);
  });
});

describe("a member's progress upload", () => {
  it("posts the updates with the visibility chosen, and reads Excel's numbers", async () => {
    const { app, convenor, member, cycle } = await setup();
    const goal = await makeGoal(app, convenor.cookie, {
      cycleId: cycle.id,
      visibility: "public",
      leadOrganisationId: member.organisationId,
    });
    const share = await makeMeasure(app, convenor.cookie, { goalId: goal.id, name: "Share", unit: "%", baseline: 0, target: 100 });
    const count = await makeMeasure(app, convenor.cookie, { goalId: goal.id, name: "Count", baseline: 0, target: 5000 });
    const csv = `\uFEFFgoal_id,measure_id,new_value,note\r\n${goal.id},${share.id},12.5%,Moved\r\n${goal.id},${count.id},"1,250",\r\n,,,\r\n`;
    const body = { csv, visibility: "public" };
    const preview = await json(await call(app, "POST", "/api/data/updates/import/preview", { cookie: member.cookie, body }));
    expect(preview.problems).toEqual([]);
    expect(preview.updates[0]).toMatchObject({ visibility: "public", values: [{ to: 12.5 }, { to: 1250 }] });
    const res = await call(app, "POST", "/api/data/updates/import", { cookie: member.cookie, body });
    expect(res.status).toBe(201);
    const [id] = (await json(res)).created;
    const row = await convene!.db.selectFrom("progressUpdates").select("visibility").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.visibility).toBe("public");
  });
});
