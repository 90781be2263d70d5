import { describe, expect, it } from "vitest";
import {
  defaultPreferences,
  digestGroups,
  digestPeriod,
  emailPlan,
  isQuiet,
  notificationPreferencesSchema,
  sendableFrom,
} from "./notification-preferences.ts";

const london = { ...defaultPreferences("Europe/London"), quietFrom: "22:00", quietTo: "07:00" };

describe("notification preferences", () => {
  it("refuse a time zone that is not an IANA name", () => {
    expect(notificationPreferencesSchema.safeParse({ ...london, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(notificationPreferencesSchema.safeParse({ ...london, timeZone: "Asia/Kolkata" }).success).toBe(true);
  });
  it("need both ends of quiet hours, and seven days off are refused", () => {
    expect(notificationPreferencesSchema.safeParse({ ...london, quietTo: null }).success).toBe(false);
    expect(notificationPreferencesSchema.safeParse({ ...london, daysOff: [0, 1, 2, 3, 4, 5, 6] }).success).toBe(false);
  });
  it("send urgent alerts at once whatever the kind's mode, except off", () => {
    expect(emailPlan(london, "alert_raised", true)).toBe("now");
    expect(emailPlan(london, "alert_raised", false)).toBe("digest");
    expect(emailPlan({ ...london, kinds: { ...london.kinds, alert_raised: "off" } }, "alert_raised", true)).toBe("none");
  });
});

describe("quiet hours", () => {
  it("run past midnight in the person's own time zone", () => {
    // 23:30 in London in winter is 23:30 UTC; in Kolkata it is 05:00 the next morning.
    expect(isQuiet(london, new Date("2026-12-02T23:30:00Z"))).toBe(true);
    expect(isQuiet(london, new Date("2026-12-02T12:00:00Z"))).toBe(false);
    expect(isQuiet({ ...london, timeZone: "Asia/Kolkata" }, new Date("2026-12-02T12:00:00Z"))).toBe(false);
    expect(isQuiet({ ...london, timeZone: "Asia/Kolkata" }, new Date("2026-12-02T17:00:00Z"))).toBe(true);
  });
  it("hold an email until they end, and urgent alerts only if the person did not allow them through", () => {
    const night = new Date("2026-12-02T23:30:00Z");
    expect(sendableFrom(london, night, false, []).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(sendableFrom(london, night, true, []).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(sendableFrom({ ...london, urgentBreaksQuiet: true }, night, true, [])).toBe(night);
  });
  it("count a day off as quiet all day", () => {
    // 2 December 2026 is a Wednesday.
    const p = { ...london, quietFrom: null, quietTo: null, daysOff: [3] };
    expect(sendableFrom(p, new Date("2026-12-02T12:00:00Z"), false, []).toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
  it("hold everything but urgent alerts through a rest period, then through quiet hours after it", () => {
    const rest = { startsAt: "2026-12-01T00:00:00Z", endsAt: "2026-12-05T23:00:00Z" };
    const at = new Date("2026-12-02T12:00:00Z");
    expect(sendableFrom(london, at, false, [rest]).toISOString()).toBe("2026-12-06T07:00:00.000Z");
    expect(sendableFrom(london, at, true, [rest])).toBe(at);
  });
});

describe("digest periods", () => {
  it("are each day from 08:00 for a daily digest, and each week from Monday 08:00 for a weekly one", () => {
    const daily = { ...london, digestFrequency: "daily" as const };
    expect(digestPeriod(daily, new Date("2026-12-02T07:59:00Z"))).toEqual({ key: "daily:2026-12-02", due: false });
    expect(digestPeriod(daily, new Date("2026-12-02T08:00:00Z"))).toEqual({ key: "daily:2026-12-02", due: true });
    expect(digestPeriod(london, new Date("2026-11-30T07:00:00Z"))).toEqual({ key: "weekly:2026-11-30", due: false });
    expect(digestPeriod(london, new Date("2026-12-06T20:00:00Z"))).toEqual({ key: "weekly:2026-11-30", due: true });
  });
  it("group by kind, newest first, capped with how many more", () => {
    const items = Array.from({ length: 13 }, (_, i) => ({
      kind: "alert_answered" as const,
      title: `Answer ${i}`,
      summary: "",
      path: `/alerts/${i}`,
      createdAt: `2026-12-01T10:${String(i).padStart(2, "0")}:00Z`,
    }));
    const groups = digestGroups([...items, { ...items[0]!, kind: "alert_raised", title: "Raised" }], 10);
    expect(groups.map((g) => [g.kind, g.items.length, g.more])).toEqual([
      ["alert_raised", 1, 0],
      ["alert_answered", 10, 3],
    ]);
    expect(groups[1]!.items[0]!.title).toBe("Answer 12");
  });
});
