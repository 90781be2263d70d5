import { describe, expect, it } from "vitest";
import {
  alertAnsweredRecipients,
  alertAudience,
  alertAudienceSentence,
  alertRaisedDeliveries,
  alertRaisedRecipients,
  alertRaisedText,
  answersByLink,
  emailsAtOnce,
  type Recipient,
  retryDelayMs,
} from "./notification.ts";

const p = (id: string, role: Recipient["role"], extra: Partial<Recipient> = {}): Recipient => ({
  id,
  role,
  organisationId: role === "member" ? 1 : null,
  organisationActive: role === "member",
  banned: false,
  ...extra,
});

const people = [
  p("convenor", "convenor"),
  p("raiser", "member"),
  p("colleague", "member"),
  p("left", "member", { organisationActive: false }),
  p("banned", "member", { banned: true }),
  p("observer", "observer"),
];
const ids = (list: Recipient[]) => list.map((r) => r.id);

describe("who is told of an alert", () => {
  it("tells members of the organisations still in the group and the convenor, not the raiser", () => {
    expect(ids(alertRaisedRecipients({ visibility: "members", raisedById: "raiser" }, people))).toEqual(["convenor", "colleague"]);
  });

  it("never tells anyone below the alert's level", () => {
    expect(ids(alertRaisedRecipients({ visibility: "convenor", raisedById: "raiser" }, people))).toEqual(["convenor"]);
    // Observers are not asked to answer, even a public alert.
    expect(ids(alertRaisedRecipients({ visibility: "public", raisedById: null }, people))).toEqual(["convenor", "raiser", "colleague"]);
  });

  it("tells the raiser and the convenor of an answer, never the person answering", () => {
    expect(ids(alertAnsweredRecipients({ visibility: "members", raisedById: "raiser" }, "colleague", people))).toEqual([
      "convenor",
      "raiser",
    ]);
    expect(ids(alertAnsweredRecipients({ visibility: "members", raisedById: "raiser" }, "convenor", people))).toEqual(["raiser"]);
  });
});

describe("how and when", () => {
  it("emails urgent alerts at once and leaves the rest to the inbox", () => {
    expect(emailsAtOnce("alert_raised", "critical")).toBe(true);
    expect(emailsAtOnce("alert_raised", "high")).toBe(true);
    expect(emailsAtOnce("alert_raised", "routine")).toBe(false);
    expect(emailsAtOnce("alert_answered", "critical")).toBe(false);
  });

  it("says what the alert asks and by when", () => {
    const text = alertRaisedText({
      title: "Arrests",
      situation: "Country X",
      urgency: "high",
      deadline: "2026-12-05T17:00:00.000Z",
      ask: "Sign",
    });
    expect(text).toEqual({ title: "New alert: Arrests", summary: "High urgency, Country X. Answer by 5 December 2026. The ask: Sign" });
  });

  it("names what the alert carries, with its deadline", () => {
    const text = alertRaisedText({
      title: "Arrests",
      situation: "Country X",
      urgency: "high",
      deadline: "2026-12-05T17:00:00.000Z",
      ask: "Sign the letter",
      carries: { kind: "statement", id: 3, title: "Open letter", deadline: "2026-12-04T17:00:00.000Z", state: "open" },
    });
    expect(text.summary).toBe(
      "High urgency, Country X. Answer by 5 December 2026. The ask: Sign the letter. Sign “Open letter” by 4 December 2026.",
    );
  });

  it("does not double the full stop of a situation written as a sentence", () => {
    const text = alertRaisedText({
      title: "Arrests",
      situation: "Arrests after the vote. ",
      urgency: "critical",
      deadline: "2026-12-05T17:00:00.000Z",
      ask: "Sign",
    });
    expect(text.summary).toBe("Critical urgency, Arrests after the vote. Answer by 5 December 2026. The ask: Sign");
  });

  it("backs off from a minute to at most six hours", () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelayMs(50)).toBe(6 * 60 * 60_000);
  });
});

describe("who will be told, and how", () => {
  const alert = { visibility: "members" as const, raisedById: "raiser", urgency: "critical" as const };
  const others = [...people, p("other", "member", { organisationId: 2 })];

  it("emails an urgent alert at once to everyone told, unless they turned alerts off", () => {
    const plan = alertRaisedDeliveries(alert, others, () => "digest");
    expect(plan.map((d) => [d.person.id, d.email])).toEqual([
      ["convenor", true],
      ["colleague", true],
      ["other", true],
    ]);
    const off = alertRaisedDeliveries(alert, others, (person) => (person.id === "other" ? "off" : "digest"));
    expect(off.find((d) => d.person.id === "other")?.email).toBe(false);
    // A routine alert waits for the digest, except for someone who asked for each one at once.
    const routine = alertRaisedDeliveries({ ...alert, urgency: "routine" }, others, (person) =>
      person.id === "other" ? "instant" : "digest",
    );
    expect(routine.map((d) => [d.person.id, d.email])).toEqual([
      ["convenor", false],
      ["colleague", false],
      ["other", true],
    ]);
  });

  it("counts people and organisations by email and only in the dashboard, in a sentence", () => {
    const plan = alertRaisedDeliveries(alert, others, (person) => (person.id === "other" ? "off" : "instant"));
    const on = alertAudience(plan, true);
    expect(on).toEqual({
      emailOn: true,
      people: 3,
      organisations: 2,
      byEmail: { people: 2, organisations: 1 },
      dashboardOnly: { people: 1, organisations: 1 },
    });
    expect(alertAudienceSentence(on)).toBe("2 people in 1 organisation by email, 1 only in the dashboard");
    const off = alertAudience(plan, false);
    expect(alertAudienceSentence(off)).toBe("3 people in 2 organisations only in the dashboard");
    expect(alertAudienceSentence(alertAudience([], true))).toBe("Nobody will be told: no one else may see an alert at this level.");
  });

  it("gives answer links only to members answering for an organisation still in the group", () => {
    expect(people.filter(answersByLink).map((r) => r.id)).toEqual(["raiser", "colleague"]);
  });
});
