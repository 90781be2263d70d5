/**
 * The closed lists of choices, with no zod in sight: the dashboard's router reads its search
 * parameters against them on every page, the sign-in page included, and importing them from here
 * keeps zod (about 24 KiB gzipped) out of pages that show no form that needs it. Each list's
 * schema, type and labels stay in its own module, which re-exports the list (the visibility
 * labels live here too: the form kit's visibility field shows them on the sign-in page's bundle).
 */

/** Who may see a record; see visibility.ts. */
export const visibilities = ["public", "members", "convenor"] as const;
export const visibilityLabels: Record<(typeof visibilities)[number], string> = {
  public: "Public",
  members: "Members",
  convenor: "Convenor only",
};

export const goalStatuses = ["not_started", "on_track", "at_risk", "off_track", "achieved", "dropped"] as const;

export const milestoneKinds = [
  "government_publication",
  "parliamentary",
  "election_pledge",
  "open_letter",
  "reply",
  "statement",
  "report",
  "event",
  "meeting",
] as const;

export const meetingKinds = ["annual_workshop", "agm", "ad_hoc", "informal"] as const;

export const alertStates = ["open", "closed", "withdrawn"] as const;

export const contributionKinds = [
  "led",
  "co_led",
  "signed",
  "drafted",
  "researched",
  "convened",
  "spoke",
  "hosted",
  "attended",
  "funded",
  "in_kind",
] as const;

/** The goals table's sortable columns, in the order the table shows them. */
export const goalSortKeys = ["title", "theme", "lead", "status", "progress", "dueDate", "lastUpdate", "visibility"] as const;

/** A page of a list that can grow (paging.ts): 50 rows unless asked, at most 200. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
