/** The zod schemas that validate every API input and every form: what they accept and what they refuse. */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  cycleInputSchema,
  cyclePatchSchema,
  goalInputSchema,
  goalPatchSchema,
  isoDateSchema,
  measureInputSchema,
  organisationInputSchema,
  progressUpdateInputSchema,
  unitFor,
} from "./index.ts";

/** The paths of the fields a schema complains about. */
function badFields(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("dates", () => {
  it("accept real calendar dates written as YYYY-MM-DD", () => {
    expect(isoDateSchema.safeParse("2026-11-26").success).toBe(true);
    expect(isoDateSchema.safeParse("2028-02-29").success).toBe(true);
  });

  it.each(["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-5", "26-01-05", "", "next Tuesday", "2026-01-05T10:00:00Z"])(
    "refuse %j",
    (value) => {
      expect(isoDateSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe("cycle", () => {
  const cycle = { name: "2026–27", workshopDate: "2026-01-10", agmDate: "2026-12-10" };

  it("defaults the update interval to six weeks", () => {
    expect(cycleInputSchema.parse(cycle).updateIntervalDays).toBe(42);
  });

  it("allows the AGM on the workshop day but not before it, naming agmDate", () => {
    expect(cycleInputSchema.safeParse({ ...cycle, agmDate: cycle.workshopDate }).success).toBe(true);
    expect(badFields(cycleInputSchema, { ...cycle, agmDate: "2025-12-31" })).toEqual(["agmDate"]);
    expect(badFields(cyclePatchSchema, { workshopDate: "2026-05-01", agmDate: "2026-04-01", version: 1 })).toEqual(["agmDate"]);
  });

  it("refuses an empty name and impossible dates", () => {
    expect(badFields(cycleInputSchema, { ...cycle, name: "  " })).toEqual(["name"]);
    expect(badFields(cycleInputSchema, { ...cycle, workshopDate: "2026-02-30" })).toContain("workshopDate");
  });

  it("needs the version it was based on to be edited", () => {
    expect(badFields(cyclePatchSchema, { name: "x" })).toEqual(["version"]);
  });
});

describe("goal", () => {
  const goal = { cycleId: 1, title: "Publish a national strategy" };

  it("fills in defaults: members-only, not started, no organisations", () => {
    expect(goalInputSchema.parse(goal)).toMatchObject({
      description: "",
      themeId: null,
      leadOrganisationId: null,
      supportingOrganisationIds: [],
      status: "not_started",
      dueDate: null,
      visibility: "members",
    });
  });

  it("trims the title and refuses a blank one", () => {
    expect(goalInputSchema.parse({ ...goal, title: "  Trimmed  " }).title).toBe("Trimmed");
    expect(badFields(goalInputSchema, { ...goal, title: "   " })).toEqual(["title"]);
  });

  it("refuses a lead organisation that is also a supporter", () => {
    expect(badFields(goalInputSchema, { ...goal, leadOrganisationId: 3, supportingOrganisationIds: [2, 3] })).toEqual([
      "supportingOrganisationIds",
    ]);
    expect(badFields(goalPatchSchema, { leadOrganisationId: 3, supportingOrganisationIds: [3], version: 1 })).toEqual([
      "supportingOrganisationIds",
    ]);
  });

  it("refuses an organisation listed twice as a supporter", () => {
    expect(badFields(goalInputSchema, { ...goal, supportingOrganisationIds: [2, 2] })).toEqual(["supportingOrganisationIds"]);
  });

  it("refuses an unknown status or visibility and a bad due date", () => {
    expect(badFields(goalInputSchema, { ...goal, status: "done" })).toEqual(["status"]);
    expect(badFields(goalInputSchema, { ...goal, visibility: "secret" })).toEqual(["visibility"]);
    expect(badFields(goalInputSchema, { ...goal, dueDate: "2026-02-30" })).toEqual(["dueDate"]);
  });
});

describe("measure", () => {
  it("takes a numeric measure with a baseline and a different target", () => {
    expect(measureInputSchema.parse({ kind: "numeric", name: "MPs briefed", baseline: 0, target: 20 })).toMatchObject({
      unit: "",
      weight: 1,
    });
  });

  it("refuses a target equal to the baseline, naming target", () => {
    expect(badFields(measureInputSchema, { kind: "numeric", name: "MPs briefed", baseline: 5, target: 5 })).toEqual(["target"]);
  });

  it("refuses a negative weight and non-finite numbers", () => {
    expect(badFields(measureInputSchema, { kind: "numeric", name: "n", baseline: 0, target: 1, weight: -1 })).toEqual(["weight"]);
    expect(badFields(measureInputSchema, { kind: "numeric", name: "n", baseline: 0, target: Number.POSITIVE_INFINITY })).toContain(
      "target",
    );
  });

  it("takes a milestone as not done by default", () => {
    expect(measureInputSchema.parse({ kind: "milestone", name: "Open letter sent" })).toMatchObject({ done: false, weight: 1 });
  });

  it("refuses an unknown kind", () => {
    expect(measureInputSchema.safeParse({ kind: "vibes", name: "n" }).success).toBe(false);
  });
});

describe("progress update", () => {
  it("needs a note, a status or a value, and says so on the note", () => {
    expect(badFields(progressUpdateInputSchema, { goalId: 1 })).toEqual(["note"]);
    expect(badFields(progressUpdateInputSchema, { goalId: 1, note: "   " })).toEqual(["note"]);
  });

  it("accepts any one of them alone", () => {
    expect(progressUpdateInputSchema.safeParse({ goalId: 1, note: "Met the minister" }).success).toBe(true);
    expect(progressUpdateInputSchema.safeParse({ goalId: 1, status: "at_risk" }).success).toBe(true);
    expect(progressUpdateInputSchema.safeParse({ goalId: 1, values: [{ measureId: 2, value: 3 }] }).success).toBe(true);
  });

  it("defaults to members-only and to the poster's organisation", () => {
    expect(progressUpdateInputSchema.parse({ goalId: 1, note: "x" })).toMatchObject({ visibility: "members", organisationId: null });
  });

  it("refuses a measure named twice, confidence out of range and non-numbers", () => {
    const twice = {
      goalId: 1,
      values: [
        { measureId: 2, value: 1 },
        { measureId: 2, value: 2 },
      ],
    };
    expect(badFields(progressUpdateInputSchema, twice)).toEqual(["values"]);
    expect(badFields(progressUpdateInputSchema, { goalId: 1, note: "x", confidence: 11 })).toEqual(["confidence"]);
    expect(badFields(progressUpdateInputSchema, { goalId: 1, values: [{ measureId: 2, value: "3" }] })).toContain("values.0.value");
  });
});

describe("organisation", () => {
  it("takes letters, digits and hyphens in a short name", () => {
    expect(organisationInputSchema.safeParse({ name: "Peace Direct", shortName: "peace-direct" }).success).toBe(true);
    expect(badFields(organisationInputSchema, { name: "Peace Direct", shortName: "peace direct" })).toEqual(["shortName"]);
  });

  it("takes an empty website as none and refuses other schemes", () => {
    expect(organisationInputSchema.parse({ name: "A", shortName: "a", website: "" }).website).toBeNull();
    expect(badFields(organisationInputSchema, { name: "A", shortName: "a", website: "javascript:alert(1)" })).toEqual(["website"]);
  });
});

describe("messages", () => {
  /** The message a person would read under the field a schema complains about. */
  function messageFor(schema: z.ZodType, input: unknown, field: string): string | undefined {
    const result = schema.safeParse(input);
    return result.success ? undefined : result.error.issues.find((i) => i.path.join(".") === field)?.message;
  }

  it("say in plain words what to do, naming the field, never showing a pattern", () => {
    const cycle = { name: "2026–27", workshopDate: "2026-06-10", agmDate: "2026-12-10" };
    expect(messageFor(cycleInputSchema, { ...cycle, workshopDate: "" }, "workshopDate")).toBe("Enter the workshop date");
    expect(messageFor(cycleInputSchema, { ...cycle, workshopDate: "2026-02-30" }, "workshopDate")).toBe(
      "The workshop date must be a real date",
    );
    expect(messageFor(cycleInputSchema, { ...cycle, agmDate: "2026-01-01" }, "agmDate")).toBe("The AGM must be on or after the workshop");
    expect(messageFor(goalInputSchema, { cycleId: 1, title: " " }, "title")).toBe("Enter the title");
    expect(messageFor(goalInputSchema, { cycleId: 1, title: "x".repeat(301) }, "title")).toBe("Title must be 300 characters or fewer");
    expect(messageFor(goalInputSchema, { cycleId: 1, title: "x", dueDate: "31/3/2027" }, "dueDate")).toBe(
      "The due date must be a real date",
    );
  });
});

describe("a measure's unit beside a value", () => {
  it("takes the singular for exactly 1 and leaves other units alone", () => {
    expect(unitFor(1, "meetings")).toBe("meeting");
    expect(unitFor(1, "submissions")).toBe("submission");
    expect(unitFor(1, "enquiries")).toBe("enquiry");
    expect(unitFor(1, "days")).toBe("day");
    expect(unitFor(2, "meetings")).toBe("meetings");
    expect(unitFor(1.5, "meetings")).toBe("meetings");
    for (const u of ["%", "people", "access", "focus", "analysis", "£", "staff"]) expect(unitFor(1, u)).toBe(u);
  });
});
