/**
 * The lists' CSVs (/api/data/<list>.csv): the page's filters respected, visibility filtered on the
 * server (an observer's file has no members-only or convenor-only row), formulas neutralised.
 */
import { addDays } from "@convene/domain";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, world } from "../test-support.ts";

const MARKER = "ZZ-CSV-MARKER";
const FORMULA = '=HYPERLINK("https://evil.example","Click")';
const inDays = (days: number) => addDays(new Date(), days).toISOString();

type World = Awaited<ReturnType<typeof world>>;

async function csvRows(w: World, path: string, cookie: string) {
  const res = await call(w.app, "GET", `/api/data/${path}`, { cookie });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
  const text = await res.text();
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  return { text, header: header!, rows, column: (name: string) => rows.map((r) => r[header!.indexOf(name)]!) };
}

describe("GET /api/data/<list>.csv", () => {
  let w: World;

  beforeAll(async () => {
    w = await world();
    const cookie = w.convenor.cookie;
    const create = async (path: string, body: Record<string, unknown>) => {
      const res = await call(w.app, "POST", path, { cookie, body });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
      return json(res);
    };
    // For each list: a public row titled with a formula, a members-only and a convenor-only row
    // carrying the marker, and a public row the filter below leaves out.
    for (const [visibility, title] of [
      ["public", FORMULA],
      ["members", `${MARKER} members`],
      ["convenor", `${MARKER} convenor`],
    ] as const) {
      await create("/api/roadmap", { title, workstream: "Parliament", startDate: "2026-02-01", endDate: "2026-04-30", visibility });
      await create("/api/milestones", { title, kind: "statement", date: "2026-03-04", visibility });
      await create("/api/meetings", { kind: "ad_hoc", title, startsAt: "2026-06-12T10:00:00Z", visibility });
      await create("/api/alerts", {
        title,
        situation: "Country X",
        kind: "emerging_threat",
        urgency: "high",
        ask: "Sign a statement",
        deadline: inDays(5),
        visibility,
      });
      await create("/api/resources", { title, url: "https://example.org/guide.pdf", tags: ["guides"], visibility });
    }
    await create("/api/roadmap", {
      title: "Next year's work",
      workstream: "Research",
      startDate: "2027-02-01",
      endDate: "2027-04-30",
      visibility: "public",
    });
    await create("/api/milestones", { title: "A parliamentary moment", kind: "parliamentary", date: "2026-05-01", visibility: "public" });
    await create("/api/meetings", { kind: "informal", title: "Expert speaker", startsAt: "2026-07-01T17:00:00Z", visibility: "public" });
    const { alert } = await create("/api/alerts", {
      title: "Withdrawn alert",
      situation: "Country Y",
      kind: "opportunity",
      urgency: "routine",
      ask: "Nothing now",
      deadline: inDays(5),
      visibility: "public",
    });
    expect((await call(w.app, "POST", `/api/alerts/${alert.id}/withdraw`, { cookie, body: { version: alert.version } })).status).toBe(200);
    await create("/api/resources", {
      title: "Annual report",
      url: "https://example.org/report.pdf",
      tags: ["reports"],
      visibility: "public",
    });
  });

  const cases = [
    { list: "roadmap.csv", filter: "from=2026-01-01&to=2026-12-31", left: "Next year's work" },
    { list: "milestones.csv", filter: "kind=statement&year=2026", left: "A parliamentary moment" },
    { list: "meetings.csv", filter: "kind=ad_hoc", left: "Expert speaker" },
    { list: "alerts.csv", filter: "state=open", left: "Withdrawn alert" },
    { list: "resources.csv", filter: "tag=guides", left: "Annual report" },
  ];

  it.each(cases)("$list respects the page's filters", async ({ list, filter, left }) => {
    const all = await csvRows(w, list, w.convenor.cookie);
    expect(all.column("title")).toContain(left);
    const filtered = await csvRows(w, `${list}?${filter}`, w.convenor.cookie);
    expect(filtered.column("title")).not.toContain(left);
    expect(filtered.column("title")).toEqual(expect.arrayContaining([`'${FORMULA}`, `${MARKER} members`, `${MARKER} convenor`]));
    expect(filtered.rows).toHaveLength(3);
  });

  it.each(cases)("$list holds only what the viewer may see", async ({ list }) => {
    const observer = await csvRows(w, list, w.observer.cookie);
    expect(observer.text).not.toContain(MARKER);
    expect(observer.column("visible_to").every((v) => v === "Public")).toBe(true);
    const member = await csvRows(w, list, w.member.cookie);
    expect(member.column("title")).toContain(`${MARKER} members`);
    expect(member.text).not.toContain(`${MARKER} convenor`);
  });

  it.each(cases)("$list neutralises a formula typed as a title", async ({ list }) => {
    const { column } = await csvRows(w, list, w.observer.cookie);
    expect(column("title")).toContain(`'${FORMULA}`);
    expect(column("title").some((t) => t.startsWith("="))).toBe(false);
  });

  it("answers 401 signed out and 400 naming a bad filter", async () => {
    for (const { list } of cases) expect((await call(w.app, "GET", `/api/data/${list}`)).status).toBe(401);
    const bad = await call(w.app, "GET", "/api/data/milestones.csv?kind=rumour", { cookie: w.member.cookie });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.fields.map((f: { field: string }) => f.field)).toEqual(["kind"]);
    const range = await call(w.app, "GET", "/api/data/roadmap.csv?from=2026-05-01&to=2026-01-01", { cookie: w.member.cookie });
    expect(range.status).toBe(400);
  });
});
