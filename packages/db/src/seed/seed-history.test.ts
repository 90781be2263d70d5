/**
 * The seeded 2017–2019 history checked against the group's own words (working-group.txt, a copy
 * of the seed text): every date is as precise as the text allows and no more, every name comes
 * from the text, and what the text leaves uncertain is marked.
 */
import { readFileSync } from "node:fs";
import { formatPreciseDate } from "@convene/domain";
import { afterEach, describe, expect, it } from "vitest";
import { listMilestones } from "../queries/milestones.ts";
import { type TempDatabase, tempDatabase } from "../test-support.ts";
import { seedCoalition, seedIfEmpty } from "./seed-coalition.ts";
import { historyMilestones, seedHistory, standingGoals } from "./seed-history.ts";

const text = readFileSync(new URL("./working-group.txt", import.meta.url), "utf8").replace(/\s+/g, " ");

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

/** Each seeded record, the words of the text it rests on, and the date those words allow. */
const expected = [
  {
    key: "history-2017-informal-coordination",
    quote: "In June of 2017, Protection Approaches began informal coordination with like-minded organisations",
    shown: "June 2017",
    kind: "event",
    organisations: ["Protection Approaches"],
  },
  {
    key: "history-2018-first-formal-meeting",
    quote: "We held our first formal meeting in June of 2018",
    shown: "June 2018",
    kind: "meeting",
    organisations: [],
  },
  {
    key: "history-2018-civil-society-report",
    quote: "In 2018 Protection Approaches authored a paper concerned with UK civil society contributions",
    shown: "2018",
    kind: "report",
    organisations: ["Protection Approaches"],
  },
  {
    key: "history-2019-government-approach",
    quote: "in 2019 the UK Government published for the first time its multi-departmental approach to atrocity prevention",
    shown: "2019",
    kind: "government_publication",
    organisations: [],
  },
  {
    key: "history-2019-autumn-workshop-self-care",
    quote:
      "At the Autumn 2019 annual workshop, it was agreed that the working group would place greater emphasis on self-care and mutual support",
    shown: "Autumn 2019",
    kind: "meeting",
    organisations: [],
  },
  {
    key: "history-2019-election-open-letter",
    quote: "sent an open letter to all political party leaders ahead of the General Election on 12th December 2019",
    shown: "2019",
    kind: "open_letter",
    organisations: [],
  },
  {
    key: "history-2019-party-commitments",
    quote: "all major political parties committed to prioritising atrocity prevention during the next parliament",
    // Undated in the text: the year comes from the letter they answered, and the record says so.
    dateFrom: "ahead of the General Election on 12th December 2019",
    shown: "2019",
    kind: "election_pledge",
    organisations: [],
  },
] as const;

describe("the seeded history", () => {
  it("rests every record on words the seed text really contains", () => {
    for (const e of expected) {
      expect(text, e.key).toContain(e.quote);
      if ("dateFrom" in e) expect(text, e.key).toContain(e.dateFrom);
    }
    expect(historyMilestones().map((m) => m.seedKey)).toEqual(expected.map((e) => e.key));
  });

  it("dates each record as precisely as its words allow, and no more", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    const seeded = await listMilestones(temp.db, "anonymous");
    expect(seeded).toHaveLength(expected.length);
    const byTitle = new Map(historyMilestones().map((m) => [m.seedKey, m.title]));
    for (const e of expected) {
      const m = seeded.find((s) => s.title === byTitle.get(e.key));
      expect(m, e.key).toBeDefined();
      const shown = formatPreciseDate(m!.date, m!.datePrecision);
      expect(shown, e.key).toBe(e.shown);
      // The words behind the record give its date at exactly this precision.
      const words = shown.replace(/^June /, "June of ");
      expect("dateFrom" in e ? e.dateFrom : e.quote, e.key).toContain(words);
      expect(m!.kind, e.key).toBe(e.kind);
      expect(
        m!.organisations.map((o) => o.name),
        e.key,
      ).toEqual(e.organisations);
      expect(m!.visibility, e.key).toBe("public");
      // Nothing the text dates to a month, season or year is shown to the day.
      expect(m!.datePrecision, e.key).not.toBe("day");
      // What the text leaves uncertain is said.
      expect(m!.notes.length, e.key).toBeGreaterThan(20);
    }
  });

  it("marks the open letter's own date, and the parties' replies, as not known", () => {
    const letter = historyMilestones().find((m) => m.seedKey === "history-2019-election-open-letter")!;
    expect(letter.datePrecision).toBe("year");
    expect(letter.notes).toMatch(/own date is not known/);
    expect(letter.notes).toContain("12 December 2019");
    const pledge = historyMilestones().find((m) => m.seedKey === "history-2019-party-commitments")!;
    expect(pledge.notes).toMatch(/^Date uncertain/);
  });

  it("names only organisations the text names", () => {
    for (const m of historyMilestones()) {
      for (const shortName of m.organisations) expect(shortName).toBe("protection-approaches");
    }
    expect(text).toContain("Protection Approaches");
  });

  it("keeps the call for a whole-of-government strategy as a standing goal, not a milestone", () => {
    expect(text).toContain("continues to work to secure an integrated and cross-cutting national strategy");
    expect(standingGoals.map((g) => g.key)).toEqual(["national-strategy"]);
    expect(standingGoals[0]!.title).toMatch(/integrated, cross-cutting national strategy/);
    expect(historyMilestones().some((m) => /whole.of.government strategy/i.test(m.title))).toBe(false);
  });

  it("is idempotent and keeps the convenor's edits and deletions", async () => {
    temp = await tempDatabase();
    await seedCoalition(temp.db);
    const first = await temp.db.selectFrom("milestones").select(["id", "title"]).orderBy("id").execute();
    await temp.db.updateTable("milestones").set({ title: "Renamed" }).where("id", "=", first[0]!.id).execute();
    await temp.db.updateTable("milestones").set({ deletedAt: "2026-11-26T10:00:00.000Z" }).where("id", "=", first[1]!.id).execute();
    expect(await seedHistory(temp.db)).toEqual({ milestonesAdded: 0 });
    expect((await seedCoalition(temp.db)).milestonesAdded).toBe(0);
    const after = await listMilestones(temp.db, "convenor");
    expect(after).toHaveLength(expected.length - 1);
    expect(after[0]!.title).toBe("Renamed");
  });

  it("is loaded on a fresh start, and once into a database made before milestones existed", async () => {
    temp = await tempDatabase();
    await seedIfEmpty(temp.db);
    expect(await listMilestones(temp.db, "anonymous")).toHaveLength(expected.length);

    await temp.db.deleteFrom("milestones").execute();
    await temp.db.deleteFrom("settings").where("key", "=", "historySeeded").execute();
    expect(await seedIfEmpty(temp.db)).toBeNull();
    expect(await listMilestones(temp.db, "anonymous")).toHaveLength(expected.length);
    // Once only: after that, a deleted record stays deleted.
    await temp.db.deleteFrom("milestones").execute();
    await seedIfEmpty(temp.db);
    expect(await listMilestones(temp.db, "anonymous")).toHaveLength(0);
  });
});
