import { afterEach, describe, expect, it } from "vitest";
import { readCsv } from "../services/csv.ts";
import { auditOf, badFields, type Convene, call, json, makeCycle, makeGoal, makeMeasure, organisationIds, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const MARKER = "ZZSECRET-MARKER";

/** A cycle with a public, a members-only and a convenor-only goal (the last two carry a marker), and an update on each. */
async function setup() {
  const w = await world();
  convene = w.convene;
  const cycle = await makeCycle(w.app, w.convenor.cookie);
  const [org1, org2] = await organisationIds(w.convene);
  const pub = await makeGoal(w.app, w.convenor.cookie, {
    cycleId: cycle.id,
    title: "Public goal",
    description: '=HYPERLINK("http://evil")',
    visibility: "public",
    status: "at_risk",
    leadOrganisationId: org1,
  });
  const members = await makeGoal(w.app, w.convenor.cookie, {
    cycleId: cycle.id,
    title: `Members goal ${MARKER}`,
    visibility: "members",
    status: "on_track",
    leadOrganisationId: org2,
    supportingOrganisationIds: [org1!],
  });
  const secret = await makeGoal(w.app, w.convenor.cookie, {
    cycleId: cycle.id,
    title: `Convenor goal ${MARKER}`,
    visibility: "convenor",
    status: "on_track",
  });
  const pm = await makeMeasure(w.app, w.convenor.cookie, { goalId: pub.id, name: "Briefings" });
  const mm = await makeMeasure(w.app, w.convenor.cookie, { goalId: members.id });
  for (const [goal, measure, visibility] of [
    [pub, pm, "members"],
    [members, mm, "members"],
  ] as const) {
    const res = await call(w.app, "POST", "/api/updates", {
      cookie: w.convenor.cookie,
      body: { goalId: goal.id, note: `update ${MARKER}`, values: [{ measureId: measure.id, value: 5 }], visibility },
    });
    expect(res.status).toBe(201);
  }
  return { ...w, cycle, pub, members, secret, pm, mm, org1: org1!, org2: org2! };
}

async function text(res: Response) {
  return (await res.text()).replace(/^\uFEFF/, "");
}

describe("GET /api/data/goals.csv", () => {
  it("follows the goals page's filters and sort, and neutralises formula cells", async () => {
    const { app, convenor, cycle, members, secret } = await setup();
    const res = await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}&status=on_track&sort=title.asc`, {
      cookie: convenor.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const { rows } = readCsv(await text(res));
    expect(rows.map((r) => Number(r.cells.id))).toEqual([secret.id, members.id]); // "Convenor goal" < "Members goal"
    const desc = readCsv(
      await text(await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}&sort=title.desc`, { cookie: convenor.cookie })),
    );
    expect(desc.rows.map((r) => r.cells.title?.slice(0, 6))).toEqual(["Public", "Member", "Conven"]);

    const raw = await text(await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}&q=Public`, { cookie: convenor.cookie }));
    expect(raw).toContain(`"'=HYPERLINK`);
    expect(raw).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("gives an observer only public goals, and a member no convenor-only ones", async () => {
    const { app, observer, member, cycle } = await setup();
    const obs = await text(await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}`, { cookie: observer.cookie }));
    expect(readCsv(obs).rows).toHaveLength(1);
    expect(obs).not.toContain(MARKER);
    const mem = await text(await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}`, { cookie: member.cookie }));
    expect(readCsv(mem).rows.map((r) => r.cells.title)).toHaveLength(2);
    expect(mem).not.toContain("Convenor goal");
  });

  it("asks for sign-in (401) and names a bad filter (400)", async () => {
    const { app, convenor } = await setup();
    expect((await call(app, "GET", "/api/data/goals.csv")).status).toBe(401);
    const bad = await call(app, "GET", "/api/data/goals.csv?status=sleeping", { cookie: convenor.cookie });
    expect(bad.status).toBe(400);
    expect(await badFields(bad)).toContain("status");
  });
});

describe("GET /api/data/export.json", () => {
  it("is for the convenor only", async () => {
    const { app, observer, member, convenor } = await setup();
    expect((await call(app, "GET", "/api/data/export.json")).status).toBe(401);
    const obs = await call(app, "GET", "/api/data/export.json", { cookie: observer.cookie });
    expect(obs.status).toBe(403);
    expect(await obs.text()).not.toContain(MARKER);
    expect((await call(app, "GET", "/api/data/export.json", { cookie: member.cookie })).status).toBe(403);
    const res = await call(app, "GET", "/api/data/export.json", { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.format).toBe("convene-export");
    expect(doc.version).toBe(1);
    expect(doc.schema.migrations).toContain("2026-11-26-01-core");
    expect(Object.keys(doc.tables)).toEqual(expect.arrayContaining(["organisations", "goals", "measureValues", "user", "auditEntries"]));
    for (const secret of ["session", "account", "verification", "invitations"]) expect(doc.tables[secret]).toBeUndefined();
    expect(JSON.stringify(doc)).not.toMatch(/"password"|tokenHash/);
    const order = Object.keys(doc.tables);
    expect(order.indexOf("cycles")).toBeLessThan(order.indexOf("goals"));
    expect(order.indexOf("goals")).toBeLessThan(order.indexOf("measures"));
    expect(order.indexOf("progressUpdates")).toBeLessThan(order.indexOf("measureValues"));
  });
});

describe("the public page", () => {
  it("is 404 until the convenor turns it on, then shows only public goals to anyone", async () => {
    const { app, convenor, member, pub } = await setup();
    expect((await call(app, "GET", "/api/public")).status).toBe(404);
    expect((await call(app, "PUT", "/api/data/settings/public-page", { cookie: member.cookie, body: { enabled: true } })).status).toBe(403);
    expect((await call(app, "PUT", "/api/data/settings/public-page", { body: { enabled: true } })).status).toBe(401);
    const bad = await call(app, "PUT", "/api/data/settings/public-page", { cookie: convenor.cookie, body: { enabled: "yes" } });
    expect(await badFields(bad)).toEqual(["enabled"]);
    const on = await call(app, "PUT", "/api/data/settings/public-page", { cookie: convenor.cookie, body: { enabled: true } });
    expect(on.status).toBe(200);
    expect((await auditOf(convene!, "setting", "publicPage"))[0]?.action).toBe("setting");
    expect((await json(await call(app, "GET", "/api/data/settings", { cookie: convenor.cookie }))).publicPage).toBe(true);

    const hidden = await call(app, "POST", "/api/milestones", {
      cookie: convenor.cookie,
      body: { date: "2026-01-01", datePrecision: "day", title: `Private ${MARKER}`, kind: "statement", visibility: "members" },
    });
    expect(hidden.status).toBe(201);

    const res = await call(app, "GET", "/api/public");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(MARKER);
    const page = JSON.parse(body);
    expect(page.goals.map((g: { id: number }) => g.id)).toEqual([pub.id]);
    // The members-only update's value is not public: the public goal shows its starting value.
    expect(page.goals[0].measures[0].current).toBe(0);
    // The seeded public history shows, dated only as precisely as it is known; a members-only milestone does not.
    expect(page.milestones.map((m: { dateLabel: string }) => m.dateLabel)).toContain("June 2017");
    expect(page.milestones.some((m: { title: string }) => m.title.includes(MARKER))).toBe(false);

    await call(app, "PUT", "/api/data/settings/public-page", { cookie: convenor.cookie, body: { enabled: false } });
    expect((await call(app, "GET", "/api/public")).status).toBe(404);
  });
});

const goalCsv = (rows: string[]) =>
  ["title,theme,lead,status,visibility,measure_name,measure_kind,baseline,target,current,done", ...rows].join("\n");

describe("importing goals from a spreadsheet", () => {
  it("previews, then creates goals with measures in one go, with audit entries", async () => {
    const { app, convenor, cycle, convene } = await setup();
    const theme = await convene.db.selectFrom("themes").select("name").executeTakeFirstOrThrow();
    const org = await convene.db.selectFrom("organisations").select(["id", "shortName"]).executeTakeFirstOrThrow();
    const csv = goalCsv([
      `New goal A,${theme.name},${org.shortName},On track,Public,Meetings,number,0,6,2,`,
      "New goal A,,,,,Strategy published,done/not done,,,,yes",
      `"=HYPERLINK(""http://evil"",""click"")",,,,members,,,,,,`,
    ]);
    const preview = await call(app, "POST", "/api/data/goals/import/preview", {
      cookie: convenor.cookie,
      body: { cycleId: cycle.id, csv },
    });
    expect(preview.status).toBe(200);
    const p = await json(preview);
    expect(p.ok).toBe(true);
    expect(p.goals).toHaveLength(2);
    expect(p.goals[0]).toMatchObject({
      row: 2,
      title: "New goal A",
      themeName: theme.name,
      measures: [
        { name: "Meetings", baseline: 0, target: 6, current: 2 },
        { name: "Strategy published", done: true },
      ],
    });
    const before = await convene.db.selectFrom("goals").select("id").execute();
    expect(before).toHaveLength(3); // the preview wrote nothing

    const res = await call(app, "POST", "/api/data/goals/import", { cookie: convenor.cookie, body: { cycleId: cycle.id, csv } });
    expect(res.status).toBe(201);
    const { created } = await json(res);
    expect(created).toHaveLength(2);
    const goal = await json(await call(app, "GET", `/api/goals/${created[0]}`, { cookie: convenor.cookie }));
    expect(goal.goal).toMatchObject({ status: "on_track", visibility: "public", leadOrganisationId: org.id });
    expect(goal.goal.measures.map((m: { current: number }) => m.current)).toEqual([2, 1]);
    expect((await auditOf(convene, "goal", created[0]))[0]?.action).toBe("create");

    // The formula cell is stored as typed and neutralised on the way out.
    const out = await text(await call(app, "GET", `/api/data/goals.csv?cycleId=${cycle.id}`, { cookie: convenor.cookie }));
    expect(out).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
  });

  it("names the row and column of every problem, and writes nothing when any row is bad", async () => {
    const { app, convenor, cycle, convene } = await setup();
    const csv = goalCsv([
      "Good goal,,,On track,members,Meetings,number,0,6,,",
      "Bad goal,No such theme,nobody,Sleeping,everyone,Count,number,ten,5,,",
      ",,,,,,,,,,",
      "Another,,,,,Done yet,done/not done,,,,perhaps",
    ]);
    const res = await call(app, "POST", "/api/data/goals/import", { cookie: convenor.cookie, body: { cycleId: cycle.id, csv } });
    expect(res.status).toBe(400);
    const problems = (await json(res)).error.details.problems as { row: number; column: string }[];
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(
      expect.arrayContaining(["3:theme", "3:lead", "3:status", "3:visibility", "3:baseline", "5:done"]),
    );
    expect(problems.every((p) => p.row !== 2 && p.row !== 4)).toBe(true);
    expect(await convene.db.selectFrom("goals").select("id").execute()).toHaveLength(3);
  });

  it("refuses wrong columns, a file that is not CSV, too many rows and too many bytes", async () => {
    const { app, convenor, cycle } = await setup();
    const post = (csv: string) =>
      call(app, "POST", "/api/data/goals/import/preview", { cookie: convenor.cookie, body: { cycleId: cycle.id, csv } });
    const wrong = await json(await post("name,colour\nA,blue"));
    expect(wrong.ok).toBe(false);
    expect(wrong.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 1, column: "colour" }), expect.objectContaining({ row: 1, column: "title" })]),
    );
    const broken = await json(await post('title\n"unclosed'));
    expect(broken.problems[0].message).toMatch(/could not be read as CSV/);
    const empty = await json(await post(""));
    expect(empty.ok).toBe(false);
    const many = await post(`title\n${Array.from({ length: 2001 }, (_, i) => `Goal ${i}`).join("\n")}`);
    expect(many.status).toBe(413);
    expect((await json(many)).error.message).toMatch(/at most 2000 can be imported/);
    const huge = await post(`title\n${"x".repeat(1_600_000)}`);
    expect(huge.status).toBe(413);
    expect((await json(huge)).error.code).toBe("too_large");
    const big = await post(`title\n${"x".repeat(1_100_000)}`);
    expect(big.status).toBe(413);
  });

  it("is the convenor's: 401, 403, 400 naming the field, 409 for a closed cycle", async () => {
    const { app, convenor, member, observer, cycle } = await setup();
    const body = { cycleId: cycle.id, csv: "title\nA" };
    expect((await call(app, "POST", "/api/data/goals/import", { body })).status).toBe(401);
    expect((await call(app, "POST", "/api/data/goals/import", { cookie: member.cookie, body })).status).toBe(403);
    expect((await call(app, "POST", "/api/data/goals/import/preview", { cookie: observer.cookie, body })).status).toBe(403);
    expect(
      await badFields(await call(app, "POST", "/api/data/goals/import", { cookie: convenor.cookie, body: { cycleId: "x", csv: 1 } })),
    ).toEqual(expect.arrayContaining(["cycleId", "csv"]));
    expect(
      await badFields(
        await call(app, "POST", "/api/data/goals/import", { cookie: convenor.cookie, body: { cycleId: 99999, csv: "title\nA" } }),
      ),
    ).toEqual(["cycleId"]);
  });
});

describe("members' measure sheet and progress import", () => {
  it("downloads their organisation's goals, and posts filled-in values as updates through the usual rules", async () => {
    const { app, member, cycle, pub, members, pm, mm, convene } = await setup();
    const sheet = await text(await call(app, "GET", `/api/data/my-measures.csv?cycleId=${cycle.id}`, { cookie: member.cookie }));
    const { header, rows } = readCsv(sheet);
    expect(header).toContain("new_value");
    expect(rows.map((r) => Number(r.cells.goal_id)).sort()).toEqual([pub.id, members.id].sort());
    expect(rows.find((r) => Number(r.cells.measure_id) === mm.id)?.cells.current_value).toBe("5");

    const filled = ["goal_id,measure_id,new_value,note", `${pub.id},${pm.id},7,Two more briefings`, `${members.id},${mm.id},,`].join("\n");
    const preview = await json(
      await call(app, "POST", "/api/data/updates/import/preview", { cookie: member.cookie, body: { csv: filled } }),
    );
    expect(preview.ok).toBe(true);
    expect(preview.updates).toEqual([
      expect.objectContaining({
        goalId: pub.id,
        note: "Two more briefings",
        values: [expect.objectContaining({ measureId: pm.id, to: 7 })],
      }),
    ]);
    const res = await call(app, "POST", "/api/data/updates/import", { cookie: member.cookie, body: { csv: filled } });
    expect(res.status).toBe(201);
    const [id] = (await json(res)).created;
    const update = await convene.db.selectFrom("progressUpdates").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(update).toMatchObject({ organisationId: member.organisationId, visibility: "members", note: "Two more briefings" });
    expect((await auditOf(convene, "progress_update", id))[0]?.action).toBe("create");
  });

  it("writes nothing when one row is bad, and refuses goals the organisation has no part in", async () => {
    const { app, member, observer, pub, pm, secret, convenor, cycle } = await setup();
    const other = await makeGoal(app, convenor.cookie, { cycleId: cycle.id, visibility: "members", title: "Not ours" });
    const om = await makeMeasure(app, convenor.cookie, { goalId: other.id });
    const csv = [
      "goal_id,measure_id,new_value",
      `${pub.id},${pm.id},8`,
      `${other.id},${om.id},3`,
      `${pub.id},${pm.id},9`,
      `${secret.id},1,1`,
      `${pub.id},${pm.id},lots`,
    ].join("\n");
    const before = await convene!.db.selectFrom("progressUpdates").select("id").execute();
    const res = await call(app, "POST", "/api/data/updates/import", { cookie: member.cookie, body: { csv } });
    expect(res.status).toBe(400);
    const problems = (await json(res)).error.details.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(["3:goal_id", "4:measure_id", "5:goal_id", "6:new_value"]);
    expect(problems[0]!.message).toMatch(/lead or supporting/);
    expect(await convene!.db.selectFrom("progressUpdates").select("id").execute()).toHaveLength(before.length);
    expect((await call(app, "POST", "/api/data/updates/import", { cookie: observer.cookie, body: { csv } })).status).toBe(403);
    expect((await call(app, "GET", `/api/data/my-measures.csv?cycleId=${cycle.id}`, { cookie: observer.cookie })).status).toBe(403);
    expect((await call(app, "GET", "/api/data/my-measures.csv?cycleId=99999", { cookie: member.cookie })).status).toBe(404);
  });
});

describe("GET /api/cycles/:id/compare", () => {
  it("compares progress since a date, defaulting to the previous AGM, as the viewer may see it", async () => {
    const { app, convenor, observer, cycle, pub, members } = await setup();
    const today = new Date().toISOString().slice(0, 10);
    const res = await call(app, "GET", `/api/cycles/${cycle.id}/compare?since=2026-01-01&asOf=${today}`, { cookie: convenor.cookie });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.defaultSince).toEqual({ date: "2026-01-10", basis: "workshop" });
    const row = body.goals.find((g: { id: number }) => g.id === members.id);
    expect(row).toMatchObject({ before: null, after: 0.5, isNew: true });
    const obs = await json(await call(app, "GET", `/api/cycles/${cycle.id}/compare`, { cookie: observer.cookie }));
    expect(obs.goals.map((g: { id: number }) => g.id)).toEqual([pub.id]);
    expect(JSON.stringify(obs)).not.toContain(MARKER);
    expect((await call(app, "GET", `/api/cycles/${cycle.id}/compare`)).status).toBe(401);
    expect(await badFields(await call(app, "GET", `/api/cycles/${cycle.id}/compare?since=yesterday`, { cookie: convenor.cookie }))).toEqual(
      ["since"],
    );
    expect((await call(app, "GET", "/api/cycles/99999/compare", { cookie: convenor.cookie })).status).toBe(404);
  });

  it("lists the milestones dated since, only those the viewer may see", async () => {
    const { app, convenor, observer, cycle } = await setup();
    for (const [visibility, title, date] of [
      ["public", "Public statement", "2026-02-01"],
      ["members", `Members statement ${MARKER}`, "2026-03-01"],
      ["convenor", `Convenor statement ${MARKER}`, "2026-03-02"],
      ["public", "Before the date", "2025-12-01"],
    ] as const) {
      const res = await call(app, "POST", "/api/milestones", {
        cookie: convenor.cookie,
        body: { title, kind: "statement", date, datePrecision: "day", visibility },
      });
      expect(res.status).toBe(201);
    }
    const titles = async (cookie: string) =>
      (await json(await call(app, "GET", `/api/cycles/${cycle.id}/compare?since=2026-01-01`, { cookie }))).newMilestones.map(
        (m: { title: string }) => m.title,
      );
    expect(await titles(convenor.cookie)).toEqual(["Public statement", `Members statement ${MARKER}`, `Convenor statement ${MARKER}`]);
    expect(await titles(observer.cookie)).toEqual(["Public statement"]);
  });
});
