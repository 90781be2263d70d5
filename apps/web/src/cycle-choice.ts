/**
 * The cycle a person is looking at: chosen once in the header, kept in the URL (`?cycle=`) so a
 * pasted link shows the same year, and remembered in this browser for next time. A page that
 * belongs to one cycle (a goal, a meeting) shows that cycle whatever was chosen.
 */
import { cycleStartLabel } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useRouterState, useSearch } from "@tanstack/react-router";
import type { InferResponseType } from "hono/client";
import type { api } from "./api.ts";
import { cyclesQuery, goalQuery, meetingQuery } from "./queries.ts";

const KEY = "convene.cycle";

export function rememberCycle(id: number) {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    // Private browsing may refuse storage; the URL still carries the choice.
  }
}

function remembered(): number | undefined {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

type Cycles = InferResponseType<typeof api.cycles.$get, 200>;

/**
 * The cycle shown: the page's own, else the one the URL names, else the one chosen last time
 * here, else the server's default (the year people are in: `defaultCycle` in the domain).
 */
export function chooseCycle(cycles: Cycles | undefined, fromUrl: number | undefined, ofPage?: number) {
  const list = cycles?.cycles ?? [];
  const wanted = ofPage ?? fromUrl ?? remembered();
  return list.find((c) => c.id === wanted) ?? list.find((c) => c.id === cycles?.currentCycleId) ?? list[0];
}

/** A cycle's name for the picker, with "starts 10 May 2027" on one still ahead. */
export function cycleLabel(c: Cycles["cycles"][number]) {
  const starts = cycleStartLabel(c);
  return `${c.name}${c.state === "closed" ? " (closed)" : ""}${starts ? ` (${starts})` : ""}`;
}

/** The cycle of the goal or meeting the page shows, read from the record the page has loaded anyway. */
function usePageCycle() {
  // The deepest match's params: the header sits in the layout, above the goal's own route.
  const params = useRouterState({ select: (s) => s.matches.at(-1)?.params ?? {} }) as { goalId?: number; meetingId?: number };
  const goal = useQuery({ ...goalQuery(params.goalId ?? 0), enabled: params.goalId !== undefined });
  const meeting = useQuery({ ...meetingQuery(params.meetingId ?? 0), enabled: params.meetingId !== undefined });
  if (params.goalId !== undefined) return { id: goal.data?.goal.cycleId, list: "/goals" as const };
  if (params.meetingId !== undefined) return { id: meeting.data?.meeting.cycleId ?? undefined, list: "/meetings" as const };
  return undefined;
}

export function useCycleChoice() {
  const search = useSearch({ strict: false });
  const cycles = useQuery(cyclesQuery);
  const page = usePageCycle();
  const navigate = useNavigate();
  const list = cycles.data?.cycles ?? [];
  const cycle = chooseCycle(cycles.data, search.cycle, page?.id);
  const choose = (id: number) => {
    rememberCycle(id);
    // A goal belongs to its cycle; choosing another year leaves for that year's list.
    if (page?.id !== undefined && page.id !== id) void navigate({ to: page.list, search: { cycle: id } });
    // Every signed-in page sits under the "app" route, whose search holds the cycle.
    else void navigate({ to: ".", search: (prev) => ({ ...prev, cycle: id }) });
  };
  return { cycle, cycles: list, isLoading: cycles.isLoading, error: cycles.error, choose };
}
