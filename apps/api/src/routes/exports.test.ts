import { allText, chartValues, openDeck, texts } from "@convene/slides/read-deck";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, makeCycle, makeGoal, makeMeasure, organisationIds, world } from "../test-support.ts";

const MARKER = "ZZ-PRIVATE-MARKER";

async function deck(res: Response) {
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe("GET /api/exports/agm(.pptx)", () => {
  let w: Awaited<ReturnType<typeof world>>;
  let cycle: { id: number; version: number; name: string };

  beforeAll(async () => {
    w = await world();
    const { app, convenor } = w;
    const cookie = convenor.cookie;
    cycle = await makeCycle(app, cookie, { workshopDate: "2026-01-10", agmDate: "2026-12-10" });
    const next = await makeCycle(app, cookie, { workshopDate: "2027-01-10", agmDate: "2027-12-10" });
    const themes = await json(await call(app, "GET", "/api/themes", { cookie }));
    const [themeA, themeB] = themes.themes as { id: number; name: string }[];
    const [org1, org2] = await organisationIds(w.convene);

    const pub = await makeGoal(app, cookie, {
      cycleId: cycle.id,
      title: "Public goal on early warning",
      visibility: "public",
      themeId: themeA!.id,
      leadOrganisationId: org1,
      status: "on_track",
    });
    const pub2 = await makeGoal(app, cookie, {
      cycleId: cycle.id,
      title: "Public goal achieved",
      visibility: "public",
      themeId: themeB!.id,
      status: "achieved",
    });
    const members = await makeGoal(app, cookie, {
      cycleId: cycle.id,
      title: `${MARKER} members goal`,
      visibility: "members",
      themeId: themeA!.id,
      leadOrganisationId: org2,
      status: "at_risk",
    });
    await makeGoal(app, cookie, {
      cycleId: cycle.id,
      title: `${MARKER} convenor goal`,
      visibility: "convenor",
      themeId: themeB!.id,
      status: "off_track",
    });

    const m1 = await makeMeasure(app, cookie, { goalId: pub.id, baseline: 0, target: 10 });
    const m2 = await makeMeasure(app, cookie, { goalId: members.id, baseline: 0, target: 10 });
    await makeMeasure(app, cookie, { goalId: pub2.id, kind: "milestone", name: "Published" });
    const post = (body: Record<string, unknown>) => call(app, "POST", "/api/updates", { cookie, body });
    expect(
      (await post({ goalId: pub.id, values: [{ measureId: m1.id, value: 4 }], visibility: "public", note: "Public note" })).status,
    ).toBe(201);
    // A members-only update on a PUBLIC goal: its value must not move the public figures.
    expect(
      (await post({ goalId: pub.id, values: [{ measureId: m1.id, value: 9 }], visibility: "members", note: `${MARKER} update` })).status,
    ).toBe(201);
    expect(
      (
        await post({
          goalId: members.id,
          values: [{ measureId: m2.id, value: 5 }],
          visibility: "convenor",
          note: `${MARKER} convenor update`,
        })
      ).status,
    ).toBe(201);
    // Carry the public goal forward.
    expect((await call(app, "POST", `/api/goals/${pub.id}/copy-forward`, { cookie, body: { cycleId: next.id } })).status).toBe(201);

    // Road map items, milestones and meetings in the cycle: one public, one members-only, one convenor-only each.
    const created = async (path: string, body: Record<string, unknown>) => {
      const res = await call(app, "POST", path, { cookie, body });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
      return json(res);
    };
    for (const [visibility, title] of [
      ["public", "Public road map item"],
      ["members", `${MARKER} members road map item`],
      ["convenor", `${MARKER} convenor road map item`],
    ] as const) {
      await created("/api/roadmap", { title, workstream: "Parliament", startDate: "2025-11-01", endDate: "2026-03-31", visibility });
      await created("/api/milestones", {
        title: title.replace("road map item", "milestone"),
        kind: "statement",
        date: "2026-05-01",
        datePrecision: "month",
        visibility,
        notes: `${MARKER} notes`,
      });
      const { meeting } = await created("/api/meetings", {
        kind: "ad_hoc",
        title: title.replace("road map item", "meeting"),
        startsAt: "2026-06-12T10:00:00Z",
        visibility,
        agenda: `${MARKER} agenda`,
      });
      const put = await call(app, "PUT", `/api/meetings/${meeting.id}/attendance`, {
        cookie,
        body: { version: meeting.version, attendance: [org1, org2].map((organisationId) => ({ organisationId, status: "attended" })) },
      });
      expect(put.status).toBe(200);
      await created("/api/contributions", {
        organisationId: org1,
        kind: "drafted",
        date: "2026-07-01",
        description: `${MARKER} ${visibility} contribution`,
        hours: 2,
        visibility,
      });
    }
    // Outside the cycle: neither on the road map slide nor among the year's milestones.
    await created("/api/roadmap", {
      title: "Earlier work",
      workstream: "Research",
      startDate: "2024-01-01",
      endDate: "2024-06-30",
      visibility: "public",
    });
    await created("/api/milestones", { title: "Earlier milestone", kind: "statement", date: "2024-05-01", visibility: "public" });
  });

  const url = (path: string, q: Record<string, string | number>) =>
    `/api/exports/${path}?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`;

  it("answers 401 signed out, 400 naming bad fields, 404 for an unknown cycle", async () => {
    expect((await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id }))).status).toBe(401);
    const bad = await call(w.app, "GET", url("agm", { cycle: "x", audience: "everyone" }), { cookie: w.member.cookie });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(["audience", "cycle"]);
    expect((await call(w.app, "GET", url("agm.pptx", { cycle: 99_999 }), { cookie: w.convenor.cookie })).status).toBe(404);
  });

  it("lets observers have the public deck only", async () => {
    expect(
      (await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "members" }), { cookie: w.observer.cookie })).status,
    ).toBe(403);
    const res = await call(w.app, "GET", url("agm", { cycle: cycle.id }), { cookie: w.observer.cookie });
    expect((await json(res)).report.audience).toBe("public");
  });

  it("sends a PowerPoint attachment named for the cycle and audience", async () => {
    const res = await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "public" }), {
      cookie: w.member.cookie,
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    // A .pptx is a zip already: gzipping it again would cost CPU for nothing.
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="agm-${cycle.id}-public.pptx"`);
    const { slides } = await openDeck(await deck(res));
    expect(slides.length).toBeGreaterThan(5);
  });

  it("titles each slide as the preview lists it, with chart values matching the report's figures", async () => {
    const preview = await json(
      await call(w.app, "GET", url("agm", { cycle: cycle.id, audience: "members" }), { cookie: w.convenor.cookie }),
    );
    const opened = await openDeck(
      await deck(await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "members" }), { cookie: w.convenor.cookie })),
    );
    expect(opened.slides).toHaveLength(preview.slides.length);
    for (const [i, s] of (preview.slides as { title: string }[]).entries())
      expect(texts(opened.slides[i]!)).toContain(s.title.replace(/'/g, "&apos;"));
    const titles = preview.slides.map((s: { title: string }) => s.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "The year in numbers",
        "Progress by theme",
        "Goals by status",
        "Progress over the year",
        "Goals carried forward",
        "Thank you",
      ]),
    );

    const report = preview.report;
    // The members' deck: three goals (the convenor-only one is not for members).
    expect(report.goals).toHaveLength(3);
    const values = opened.charts.map(chartValues).map((series) => series[0]);
    expect(values).toContainEqual(
      report.progressByTheme.map((t: { progress: number | null }) => Math.round((t.progress ?? 0) * 1000) / 10),
    );
    const statusCounts = ["not_started", "on_track", "at_risk", "off_track", "achieved", "dropped"].map(
      (s) => report.goals.filter((g: { status: string }) => g.status === s).length,
    );
    expect(values).toContainEqual(statusCounts);
    expect(report.carriedForward.map((g: { title: string }) => g.title)).toEqual(["Public goal on early warning"]);
  });

  it("fills the road map, milestones, meetings and contributions from the records the audience may see", async () => {
    const report = async (audience: string) =>
      (await json(await call(w.app, "GET", url("agm", { cycle: cycle.id, audience }), { cookie: w.convenor.cookie }))).report;
    const members = await report("members");
    expect(members.roadmap.map((r: { title: string }) => r.title)).toEqual(["Public road map item", `${MARKER} members road map item`]);
    expect(members.roadmap[0]).toMatchObject({ workstream: "Parliament", start: "2025-11-01", end: "2026-03-31", status: "Planned" });
    expect(members.milestones.map((m: { title: string }) => m.title)).toEqual(["Public milestone", `${MARKER} members milestone`]);
    expect(members.milestones[0]).toMatchObject({ date: "2026-05-01", datePrecision: "month" });
    expect(members.meetings).toHaveLength(2);
    // Contributions are counted per organisation, and only those the audience may see.
    expect(members.contributions).toEqual([{ organisation: expect.any(String), count: 2, hours: 4 }]);
    expect((await report("public")).contributions).toEqual([{ organisation: expect.any(String), count: 1, hours: 2 }]);
    expect(members.meetings[0]).toMatchObject({
      date: "2026-06-12",
      kind: "Ad hoc meeting",
      organisationsAttending: 2,
      attendanceRecorded: true,
    });

    const pub = await report("public");
    expect(pub.roadmap.map((r: { title: string }) => r.title)).toEqual(["Public road map item"]);
    expect(pub.milestones.map((m: { title: string }) => m.title)).toEqual(["Public milestone"]);
    expect(pub.meetings.map((m: { title: string }) => m.title)).toEqual(["Public meeting"]);

    const opened = await openDeck(
      await deck(await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "public" }), { cookie: w.convenor.cookie })),
    );
    const all = opened.slides.map(texts).join("\n");
    expect(all).toContain("Public road map item");
    expect(all).toContain("May 2026");
    expect(all).toContain("2 organisations attended");
    expect(all).not.toContain("Earlier");
  });

  it("compares progress since the workshop in the deck, with the milestones since", async () => {
    const res = await call(w.app, "GET", url("agm", { cycle: cycle.id, audience: "members" }), { cookie: w.convenor.cookie });
    const { report, slides } = await json(res);
    // The first cycle: the comparison starts at its own workshop.
    expect(report.since).toMatchObject({ since: "2026-01-10", basis: "workshop" });
    expect(report.since.goals.map((g: { title: string }) => g.title).sort()).toEqual(
      report.goals.map((g: { title: string }) => g.title).sort(),
    );
    expect(report.since.newMilestones.map((m: { title: string }) => m.title)).toEqual(["Public milestone", `${MARKER} members milestone`]);
    const titles = slides.map((s: { title: string }) => s.title);
    expect(titles).toContain("Since the workshop");
    // Since the workshop the new milestones are the year's: the deck does not repeat the timeline.
    expect(titles).toContain("The year's milestones");
    expect(titles).not.toContain("New milestones since the workshop");
  });

  it("leaks nothing private into a public deck, its notes or an observer's export", async () => {
    for (const who of [w.convenor, w.member, w.observer]) {
      const bytes = await deck(await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "public" }), { cookie: who.cookie }));
      expect(await allText(bytes)).not.toContain(MARKER);
      const preview = await call(w.app, "GET", url("agm", { cycle: cycle.id, audience: "public" }), { cookie: who.cookie });
      const body = await preview.text();
      expect(body).not.toContain(MARKER);
      const report = JSON.parse(body).report;
      expect(report.goals.map((g: { title: string }) => g.title).sort()).toEqual(["Public goal achieved", "Public goal on early warning"]);
      // Public figures use only the public value (4 of 10), not the members-only 9.
      expect(report.goals.find((g: { title: string }) => g.title === "Public goal on early warning").progress).toBe(0.4);
      expect(report.figures.progressUpdates).toBe(1);
      expect(report.since.newMilestones.map((m: { title: string }) => m.title)).toEqual(["Public milestone"]);
    }
    const observerDefault = await deck(await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id }), { cookie: w.observer.cookie }));
    expect(await allText(observerDefault)).not.toContain(MARKER);
    // The members' deck has the members' marker but never the convenor-only one.
    const membersText = await allText(
      await deck(await call(w.app, "GET", url("agm.pptx", { cycle: cycle.id, audience: "members" }), { cookie: w.convenor.cookie })),
    );
    expect(membersText).toContain(`${MARKER} members goal`);
    expect(membersText).not.toContain(`${MARKER} convenor`);
  });
  it("names every organisation in full on the deck, and ends no slide text in an ellipsis", async () => {
    const long = ["Commission for International Justice and Accountability", "Uyghur Human Rights and Democracy Advocacy Network"];
    for (const [i, name] of long.entries()) {
      const body = { name, shortName: `long-name-${i + 1}` };
      expect((await call(w.app, "POST", "/api/organisations", { cookie: w.convenor.cookie, body })).status).toBe(201);
    }
    const q = { cycle: cycle.id, audience: "members" };
    const { report } = await json(await call(w.app, "GET", url("agm", q), { cookie: w.convenor.cookie }));
    const names: string[] = report.organisations.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(long));
    const opened = await openDeck(await deck(await call(w.app, "GET", url("agm.pptx", q), { cookie: w.convenor.cookie })));
    const decodeXml = (t: string) =>
      t.replace(/&(apos|quot|lt|gt|amp);/g, (_m, e: string) => ({ apos: "'", quot: '"', lt: "<", gt: ">", amp: "&" })[e]!);
    const paragraphs = opened.slides.flatMap(texts).map(decodeXml);
    for (const p of paragraphs) expect(p).not.toMatch(/(…|\.\.\.)$/);
    for (const name of names) expect(paragraphs).toContain(name);
  });
});
