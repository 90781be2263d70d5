/**
 * Milestones: dated moments of the group's collective advocacy (a government publication, an
 * open letter and its replies, an election pledge…), with evidence and the organisations that
 * contributed. A date is kept only as precisely as it is known: a day, a month, a season or a
 * year, stored as the ISO date of the start of that period plus the precision.
 */
import { z } from "zod";
import { milestoneKinds } from "./choices.ts";
import { calendarDate, longText, shortText, webAddress } from "./common.ts";
import { visibilitySchema } from "./visibility.ts";

export const datePrecisions = ["day", "month", "season", "year"] as const;
export const datePrecisionSchema = z.enum(datePrecisions, { error: "Choose how exact the date is" });
export type DatePrecision = z.infer<typeof datePrecisionSchema>;

export const datePrecisionLabels: Record<DatePrecision, string> = {
  day: "Exact day",
  month: "Month",
  season: "Season",
  year: "Year only",
};

export { milestoneKinds } from "./choices.ts";
export const milestoneKindSchema = z.enum(milestoneKinds, { error: "Choose the kind of milestone" });
export type MilestoneKind = z.infer<typeof milestoneKindSchema>;

export const milestoneKindLabels: Record<MilestoneKind, string> = {
  government_publication: "Government publication",
  parliamentary: "Parliamentary",
  election_pledge: "Election pledge",
  open_letter: "Open letter",
  reply: "Reply",
  statement: "Statement",
  report: "Report",
  event: "Event",
  meeting: "Meeting",
};

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const seasons = ["spring", "summer", "autumn", "winter"] as const;
export type Season = (typeof seasons)[number];
/** The month (1–12) each season starts in, as the UK reckons them (meteorological seasons). */
export const seasonStartMonth: Record<Season, number> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

/** The season a month (1–12) falls in; January and February belong to the winter that began the December before. */
export function seasonOf(month: number): Season {
  if (month >= 3 && month <= 5) return "spring";
  if (month >= 6 && month <= 8) return "summer";
  if (month >= 9 && month <= 11) return "autumn";
  return "winter";
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The ISO date of the start of the period a date falls in at a precision: 2019-10-14 is
 * 2019-10-01 to the month, 2019-09-01 to the season (autumn), 2019-01-01 to the year.
 * Every stored milestone date is normalised like this, so sorting and the year filter agree.
 */
export function startOfPeriod(date: string, precision: DatePrecision): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  switch (precision) {
    case "day":
      return date;
    case "month":
      return `${y}-${pad(m)}-01`;
    case "year":
      return `${y}-01-01`;
    case "season": {
      const season = seasonOf(m);
      // January and February 2020 are in the winter that began in December 2019.
      const year = season === "winter" && m < 3 ? y - 1 : y;
      return `${year}-${pad(seasonStartMonth[season])}-01`;
    }
  }
}

/**
 * A date shown only as precisely as it is known: "12 December 2019", "June 2018",
 * "Autumn 2019", "Winter 2019–20", "2019".
 */
export function formatPreciseDate(date: string, precision: DatePrecision): string {
  const start = startOfPeriod(date, precision);
  const [y, m, d] = [Number(start.slice(0, 4)), Number(start.slice(5, 7)), Number(start.slice(8, 10))];
  switch (precision) {
    case "day":
      return `${d} ${months[m - 1]} ${y}`;
    case "month":
      return `${months[m - 1]} ${y}`;
    case "year":
      return String(y);
    case "season": {
      const season = seasonOf(m);
      const name = season[0]!.toUpperCase() + season.slice(1);
      return season === "winter" ? `${name} ${y}–${String(y + 1).slice(2)}` : `${name} ${y}`;
    }
  }
}

/** The year a milestone is grouped under on the timeline (a winter counts in the year it began). */
export const yearOf = (date: string, precision: DatePrecision) => Number(startOfPeriod(date, precision).slice(0, 4));

export const evidenceLinkSchema = z.object({
  title: shortText("Link title", 300, "Enter a title for the link"),
  url: webAddress("the link's web address").max(2000, { error: "The web address must be 2,000 characters or fewer" }),
});
export type EvidenceLink = z.infer<typeof evidenceLinkSchema>;

const uniqueIds = (what: string) =>
  z
    .array(z.number().int().positive())
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { error: `Choose ${what} only once` });

const milestoneFields = {
  title: shortText("Title", 300),
  kind: milestoneKindSchema,
  date: calendarDate("date of the milestone"),
  datePrecision: datePrecisionSchema,
  description: longText(20_000, "Description"),
  outcome: longText(5_000, "Outcome"),
  evidence: z.array(evidenceLinkSchema).max(50, { error: "A milestone can have at most 50 evidence links" }),
  organisationIds: uniqueIds("an organisation"),
  goalIds: uniqueIds("a goal"),
  visibility: visibilitySchema,
  /** What the source leaves uncertain: "the text gives the year only", "the letter's own date is not known". */
  notes: longText(5_000, "Notes"),
};

export const milestoneInputSchema = z.object({
  ...milestoneFields,
  datePrecision: milestoneFields.datePrecision.default("day"),
  description: milestoneFields.description.default(""),
  outcome: milestoneFields.outcome.default(""),
  evidence: milestoneFields.evidence.default([]),
  organisationIds: milestoneFields.organisationIds.default([]),
  goalIds: milestoneFields.goalIds.default([]),
  visibility: milestoneFields.visibility.default("members"),
  notes: milestoneFields.notes.default(""),
});
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;

export const milestonePatchSchema = z
  .object(milestoneFields)
  .partial()
  .extend({ version: z.number({ error: "version is required" }).int().positive() })
  // A date means nothing without its precision: "2019-01-01" could be New Year's Day or "2019".
  .refine((p) => (p.date === undefined) === (p.datePrecision === undefined), {
    error: "Change the date and how exact it is together",
    path: ["datePrecision"],
  });
export type MilestonePatch = z.infer<typeof milestonePatchSchema>;

export const milestoneListQuerySchema = z.object({
  kind: milestoneKindSchema.optional(),
  year: z.coerce.number({ error: "The year must be a number, like 2019" }).int().min(1900).max(2200).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  goalId: z.coerce.number().int().positive().optional(),
});
export type MilestoneListQuery = z.infer<typeof milestoneListQuerySchema>;
