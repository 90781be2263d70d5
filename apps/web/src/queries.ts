/** What the dashboard reads, as TanStack Query options keyed so that one change refreshes the right views. */
import { queryOptions } from "@tanstack/react-query";
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
  status?: string | undefined;
  organisationId?: number | undefined;
  q?: string | undefined;
  deleted?: boolean | undefined;
}

export const goalsQuery = (f: GoalFilters) =>
  queryOptions({
    queryKey: ["goals", "list", f],
    queryFn: () =>
      call(
        api.goals.$get({
          query: {
            cycleId: f.cycleId?.toString(),
            themeId: f.themeId?.toString(),
            status: f.status as never,
            organisationId: f.organisationId?.toString(),
            q: f.q || undefined,
            deleted: f.deleted ? "true" : undefined,
          },
        }),
      ),
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

export const auditQuery = (entity?: string) =>
  queryOptions({ queryKey: ["audit", entity ?? "all"], queryFn: () => call(api.audit.$get({ query: { entity, limit: "200" } })) });

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
