import { describe, expect, it } from "vitest";
import { alertAnswerSchema, alertInputSchema, answerRefusal, compareAlerts, tallyAnswers } from "./alert.ts";
import { daysUntil } from "./dates.ts";
import { parseTags, resourceInputSchema } from "./resource.ts";

const now = new Date("2026-12-01T12:00:00.000Z");

describe("answerRefusal", () => {
  it("allows answers to an open alert before its deadline", () => {
    expect(answerRefusal({ state: "open", deadline: "2026-12-01T12:00:01.000Z" }, now)).toBeNull();
  });
  it("refuses at and after the deadline", () => {
    expect(answerRefusal({ state: "open", deadline: "2026-12-01T12:00:00.000Z" }, now)?.code).toBe("deadline_passed");
    expect(answerRefusal({ state: "open", deadline: "2026-11-30T09:00:00.000Z" }, now)?.code).toBe("deadline_passed");
  });
  it("refuses closed and withdrawn alerts, whatever the deadline", () => {
    expect(answerRefusal({ state: "closed", deadline: "2027-01-01T00:00:00.000Z" }, now)?.code).toBe("alert_closed");
    expect(answerRefusal({ state: "withdrawn", deadline: "2027-01-01T00:00:00.000Z" }, now)?.code).toBe("alert_withdrawn");
  });
});

describe("tallyAnswers", () => {
  it("counts each kind of answer and the total", () => {
    expect(tallyAnswers([{ response: "join" }, { response: "join" }, { response: "need_info" }])).toEqual({
      join: 2,
      cannot: 0,
      need_info: 1,
      total: 3,
    });
    expect(tallyAnswers([])).toEqual({ join: 0, cannot: 0, need_info: 0, total: 0 });
  });
});

describe("compareAlerts and daysUntil", () => {
  it("puts open alerts first by nearest deadline, then the rest newest first", () => {
    const list = [
      { id: 1, state: "closed" as const, deadline: "2026-10-01T00:00:00Z" },
      { id: 2, state: "open" as const, deadline: "2026-12-09T00:00:00Z" },
      { id: 3, state: "withdrawn" as const, deadline: "2026-11-01T00:00:00Z" },
      { id: 4, state: "open" as const, deadline: "2026-12-02T00:00:00Z" },
    ];
    expect([...list].sort(compareAlerts).map((a) => a.id)).toEqual([4, 2, 3, 1]);
  });
  it("rounds the days left up, so an alert due later today is 'in 1 day'", () => {
    expect(daysUntil("2026-12-04T12:00:00.000Z", now)).toBe(3);
    expect(daysUntil("2026-12-01T18:00:00.000Z", now)).toBe(1);
    expect(daysUntil("2026-11-30T12:00:00.000Z", now)).toBe(-1);
  });
});

describe("alert and resource schemas", () => {
  it("fills defaults and names bad fields", () => {
    const ok = alertInputSchema.parse({ title: "T", situation: "X", ask: "Act", deadline: "2026-12-02T17:00:00.000Z" });
    expect(ok).toMatchObject({ kind: "emerging_threat", urgency: "high", visibility: "members" });
    const bad = alertInputSchema.safeParse({ title: " ", situation: "X", ask: "", deadline: "2026-12-02" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["ask", "deadline", "title"]);
    expect(alertAnswerSchema.safeParse({ response: "maybe" }).success).toBe(false);
  });
  it("takes tags as a comma list, lower-cased and without repeats", () => {
    expect(parseTags(" Self-care, mutual support,,Self-care ")).toEqual(["self-care", "mutual support", "self-care"]);
    expect(resourceInputSchema.parse({ title: "Guide", tags: ["Self-care", "self-care"] }).tags).toEqual(["self-care"]);
    expect(resourceInputSchema.parse({ title: "Guide", url: "" }).url).toBeNull();
    expect(resourceInputSchema.safeParse({ title: "Guide", url: "javascript:alert(1)" }).success).toBe(false);
  });
});
