/** What the dashboard reads, as TanStack Query options keyed so that one change refreshes the right views. */
import type { ContributionKind, GoalStatus, MeetingKind, MilestoneKind } from "@convene/domain";
import { DEFAULT_PAGE_SIZE } from "@convene/domain/choices";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api, call } from "./api.ts";

export const meQuery = queryOptions({ queryKey: ["me"], queryFn: () => call(api.me.$get()), staleTime: 60_000 });

export const cyclesQuery = queryOptions({ queryKey: ["cycles"], queryFn: () => call(api.cycles.$get()), staleTime: 60_000 });

export const organisationsQuery = queryOptions({
  queryKey: ["organisations"],
  queryFn: () => call(api.organisations.$get()),
  staleTime: 5 * 60_000,
});

export const themesQuery = queryOptions({ queryKey: ["themes"], queryFn: () => call(api.themes.$get()), staleTime: 5 * 60_000 });

export interface GoalFilters {
  cycleId?: number | undefined;
  themeId?: number | undefined;
  status?: GoalStatus | undefined;
  organisationId?: number | undefined;
  q?: string | undefined;
  deleted?: boolean | undefined;
}

const goalFilterQuery = (f: GoalFilters) => ({
  cycleId: f.cycleId?.toString(),
  themeId: f.themeId?.toString(),
  status: f.status,
  organisationId: f.organisationId?.toString(),
  q: f.q || undefined,
  deleted: f.deleted ? ("true" as const) : undefined,
});

/** Every matching goal by name and version, for pickers (GET /api/goals/choices). */
export const goalsQuery = (f: GoalFilters) =>
  queryOptions({
    queryKey: ["goals", "choices", f],
    queryFn: () => call(api.goals.choices.$get({ query: goalFilterQuery(f) })),
  });

export interface GoalPageFilters extends GoalFilters {
  /** "title.asc", "dueDate.desc": one of the table's columns. */
  sort?: string | undefined;
  offset: number;
  limit: number;
}

/** The goals table's URL (router.tsx's goalsSearch), as its query asks it. */
export interface GoalsTableSearch {
  theme?: number | undefined;
  status?: GoalStatus | undefined;
  org?: number | undefined;
  q?: string | undefined;
  bin?: boolean | undefined;
  sort?: string | undefined;
  page?: number | undefined;
}

/** One page of the goals table for a URL: the page and its route's loader ask for the same. */
export const goalPageFilters = (search: GoalsTableSearch, cycleId: number | undefined): GoalPageFilters => ({
  cycleId,
  themeId: search.theme,
  status: search.status,
  organisationId: search.org,
  q: search.q,
  deleted: search.bin,
  sort: search.sort,
  offset: offsetOf(search.page, DEFAULT_PAGE_SIZE),
  limit: DEFAULT_PAGE_SIZE,
});

/** One page of the goals table; the previous page stays on screen while the next one loads. */
export const goalPageQuery = (f: GoalPageFilters) =>
  queryOptions({
    queryKey: ["goals", "page", f],
    queryFn: () =>
      call(
        api.goals.$get({
          query: { ...goalFilterQuery(f), sort: f.sort, offset: String(f.offset), limit: String(f.limit) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const goalQuery = (id: number) =>
  queryOptions({ queryKey: ["goals", "detail", id], queryFn: () => call(api.goals[":id"].$get({ param: { id: String(id) } })) });

export const overviewQuery = (cycleId: number) =>
  queryOptions({
    queryKey: ["goals", "overview", cycleId],
    queryFn: () => call(api.cycles[":id"].overview.$get({ param: { id: String(cycleId) }, query: {} })),
  });

export const organisationQuery = (id: number) =>
  queryOptions({
    queryKey: ["goals", "organisation", id],
    queryFn: () => call(api.organisations[":id"].$get({ param: { id: String(id) } })),
  });

export const accountsQuery = queryOptions({ queryKey: ["accounts"], queryFn: () => call(api.accounts.$get()) });
export const dormantAccountsQuery = queryOptions({ queryKey: ["accounts", "dormant"], queryFn: () => call(api.accounts.dormant.$get()) });

export const auditQuery = (entity: string | undefined, offset: number) =>
  queryOptions({
    queryKey: ["audit", entity ?? "all", offset],
    queryFn: () => call(api.audit.$get({ query: { entity, offset: String(offset), limit: String(DEFAULT_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });

export interface MilestoneFilters {
  kind?: MilestoneKind | undefined;
  year?: number | undefined;
  organisationId?: number | undefined;
  goalId?: number | undefined;
  order?: "asc" | "desc" | undefined;
}

const milestoneFilterQuery = (f: MilestoneFilters) => ({
  kind: f.kind,
  year: f.year?.toString(),
  organisationId: f.organisationId?.toString(),
  goalId: f.goalId?.toString(),
  order: f.order,
});

/** Every matching milestone, for pickers and a goal's own list (GET /api/milestones/choices). */
export const milestonesQuery = (f: MilestoneFilters) =>
  queryOptions({
    queryKey: ["milestones", "choices", f],
    queryFn: () => call(api.milestones.choices.$get({ query: milestoneFilterQuery(f) })),
  });

/** One page of the timeline, with the years the filter offers. */
export const milestonePageQuery = (f: MilestoneFilters & { offset: number }) =>
  queryOptions({
    queryKey: ["milestones", "list", f],
    queryFn: () =>
      call(api.milestones.$get({ query: { ...milestoneFilterQuery(f), offset: String(f.offset), limit: String(DEFAULT_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });

export const standingGoalsQuery = (cycleId: number | undefined) =>
  queryOptions({
    queryKey: ["goals", "standing", cycleId ?? null],
    queryFn: () => call(api["standing-goals"].$get({ query: { cycleId: cycleId?.toString() } })),
  });

/** Every matching meeting, oldest first, for pickers (GET /api/meetings/choices). */
export const meetingsQuery = (f: { kind?: MeetingKind | undefined; cycleId?: number | undefined; deleted?: boolean | undefined } = {}) =>
  queryOptions({
    queryKey: ["meetings", "choices", f],
    queryFn: () =>
      call(
        api.meetings.choices.$get({
          query: { kind: f.kind, cycleId: f.cycleId?.toString(), deleted: f.deleted ? "true" : undefined },
        }),
      ),
  });

/** One page of the meetings page's upcoming (soonest first) or past (latest first) meetings. */
export const meetingPageQuery = (f: { kind?: MeetingKind | undefined; when: "upcoming" | "past"; offset: number }) =>
  queryOptions({
    queryKey: ["meetings", "list", f],
    queryFn: () =>
      call(api.meetings.$get({ query: { kind: f.kind, when: f.when, offset: String(f.offset), limit: String(DEFAULT_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });

export const meetingQuery = (id: number) =>
  queryOptions({ queryKey: ["meetings", "detail", id], queryFn: () => call(api.meetings[":id"].$get({ param: { id: String(id) } })) });

export const nextMeetingQuery = (cycleId: number | undefined) =>
  queryOptions({
    queryKey: ["meetings", "next", cycleId ?? 0],
    queryFn: () => call(api.meetings.next.$get({ query: { cycleId: cycleId?.toString() } })),
  });

export const meetingAttendanceQuery = queryOptions({
  queryKey: ["meetings", "attendance"],
  queryFn: () => call(api.meetings.attendance.$get()),
});

export const goalMeetingsQuery = (goalId: number) =>
  queryOptions({
    queryKey: ["meetings", "for-goal", goalId],
    queryFn: () => call(api.meetings["for-goal"][":id"].$get({ param: { id: String(goalId) } })),
  });

export const calendarLinkQuery = queryOptions({
  queryKey: ["meetings", "calendar-link"],
  queryFn: () => call(api.meetings["calendar-link"].$get()),
});

/** The AGM report and its slide list, for one cycle and audience (observers always get public). */
export const agmQuery = (cycleId: number, audience: "members" | "public") =>
  queryOptions({
    queryKey: ["goals", "agm", cycleId, audience],
    queryFn: () => call(api.exports.agm.$get({ query: { cycle: String(cycleId), audience } })),
  });

export const alertsQuery = (state?: "open" | "closed" | "withdrawn") =>
  queryOptions({ queryKey: ["alerts", "list", state ?? "all"], queryFn: () => call(api.alerts.$get({ query: { state } })) });

/** One page of the alerts page's list (the banner and the overview read the first page, alertsQuery). */
export const alertPageQuery = (state: "open" | "closed" | "withdrawn" | undefined, offset: number) =>
  queryOptions({
    queryKey: ["alerts", "list", state ?? "all", offset],
    queryFn: () => call(api.alerts.$get({ query: { state, offset: String(offset), limit: String(DEFAULT_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });

export const alertQuery = (id: number) =>
  queryOptions({ queryKey: ["alerts", "detail", id], queryFn: () => call(api.alerts[":id"].$get({ param: { id: String(id) } })) });

/** Convenor only: the server answers 403 to anyone else. */
export const alertNotAnsweredQuery = (id: number) =>
  queryOptions({
    queryKey: ["alerts", "not-answered", id],
    queryFn: () => call(api.alerts[":id"]["not-answered"].$get({ param: { id: String(id) } })),
  });

export const resourcesQuery = (f: { tag?: string | undefined; q?: string | undefined }) =>
  queryOptions({
    queryKey: ["resources", f],
    queryFn: () => call(api.resources.$get({ query: { tag: f.tag || undefined, q: f.q || undefined } })),
  });

export const roadmapQuery = (range: { from?: string | undefined; to?: string | undefined } = {}) =>
  queryOptions({
    queryKey: ["roadmap", "list", range],
    queryFn: () => call(api.roadmap.$get({ query: { from: range.from, to: range.to } })),
  });

export const roadmapBinQuery = queryOptions({
  queryKey: ["roadmap", "bin"],
  queryFn: () => call(api.roadmap.$get({ query: { deleted: "true" } })),
});

export const roadmapProgressQuery = queryOptions({
  queryKey: ["roadmap", "progress"],
  queryFn: () => call(api.roadmap.progress.$get({ query: {} })),
});

/** "What's new since your last visit": refreshed whenever the person comes back to the overview. */
export const feedQuery = queryOptions({ queryKey: ["feed"], queryFn: () => call(api.feed.$get()) });

export const needsYouQuery = (cycleId: number) =>
  queryOptions({
    queryKey: ["needs-you", cycleId],
    queryFn: () => call(api.feed["needs-you"].$get({ query: { cycleId: String(cycleId) } })),
  });

export interface ContributionFilters {
  organisationId?: number | undefined;
  kind?: ContributionKind | undefined;
  cycleId?: number | undefined;
  goalId?: number | undefined;
}

/** The contributions page's URL, turned into its list's filters: the route's loader and the page use the same. */
export function contributionFilters(
  search: { org?: number | undefined; kind?: ContributionKind | undefined; goal?: number | undefined; allCycles?: boolean | undefined },
  cycleId: number | undefined,
): ContributionFilters {
  return { organisationId: search.org, kind: search.kind, cycleId: search.allCycles ? undefined : cycleId, goalId: search.goal };
}

/**
 * The whole filtered list, not a page of it: the page's charts (by organisation, by kind, over
 * time) and its totals are computed in the browser from every matching contribution, so a page
 * of 50 would draw them wrong. A cycle's contributions are a few hundred at most.
 */
export const contributionsQuery = (f: ContributionFilters) =>
  queryOptions({
    queryKey: ["contributions", "list", f],
    queryFn: () =>
      call(
        api.contributions.$get({
          query: {
            organisationId: f.organisationId?.toString(),
            kind: f.kind,
            cycleId: f.cycleId?.toString(),
            goalId: f.goalId?.toString(),
          },
        }),
      ),
  });

/** Convenor only: the server answers 403 to anyone else, so it is never fetched for them. */
export const participationQuery = (cycleId: number) =>
  queryOptions({
    queryKey: ["contributions", "participation", cycleId],
    queryFn: () => call(api.contributions.participation.$get({ query: { cycleId: String(cycleId) } })),
  });

export const proposalsQuery = queryOptions({ queryKey: ["proposals", "list"], queryFn: () => call(api.proposals.$get({ query: {} })) });

export const proposalQuery = (id: number) =>
  queryOptions({ queryKey: ["proposals", "detail", id], queryFn: () => call(api.proposals[":id"].$get({ param: { id: String(id) } })) });

/** Convenor only: the server answers 403 to anyone else, so it is never fetched for them. */
export const proposalResultsQuery = (id: number) =>
  queryOptions({
    queryKey: ["proposals", "results", id],
    queryFn: () => call(api.proposals[":id"].results.$get({ param: { id: String(id) } })),
  });

export const statementsQuery = queryOptions({ queryKey: ["statements", "list"], queryFn: () => call(api.statements.$get({ query: {} })) });

export const statementQuery = (id: number) =>
  queryOptions({
    queryKey: ["statements", "detail", id],
    queryFn: () => call(api.statements[":id"].$get({ param: { id: String(id) } })),
  });

/** The offset of page `page` (1, 2, …) for pages of `size`; anything unusable is the first page. */
export const offsetOf = (page: number | undefined, size: number) => (page && page > 1 ? (page - 1) * size : 0);

// Each paged list's query from its URL: the page and its route's loader (router.tsx) ask for the same.

export const alertsPageFor = (search: { state?: "open" | "closed" | "withdrawn" | undefined; page?: number | undefined }) =>
  alertPageQuery(search.state, offsetOf(search.page, DEFAULT_PAGE_SIZE));

export const milestonesPageFor = (search: {
  kind?: MilestoneKind | undefined;
  year?: number | undefined;
  org?: number | undefined;
  order?: "newest" | "oldest" | undefined;
  page?: number | undefined;
}) =>
  milestonePageQuery({
    kind: search.kind,
    year: search.year,
    organisationId: search.org,
    order: search.order === "oldest" ? "asc" : "desc",
    offset: offsetOf(search.page, DEFAULT_PAGE_SIZE),
  });

/** Upcoming and past meetings are paged apart by the server, each in its own order. */
export const meetingPagesFor = (search: { kind?: MeetingKind | undefined; page?: number | undefined; upcoming?: number | undefined }) => ({
  upcoming: meetingPageQuery({ kind: search.kind, when: "upcoming", offset: offsetOf(search.upcoming, DEFAULT_PAGE_SIZE) }),
  past: meetingPageQuery({ kind: search.kind, when: "past", offset: offsetOf(search.page, DEFAULT_PAGE_SIZE) }),
});

export const auditPageFor = (search: { entity?: string | undefined; page?: number | undefined }) =>
  auditQuery(search.entity, offsetOf(search.page, DEFAULT_PAGE_SIZE));
