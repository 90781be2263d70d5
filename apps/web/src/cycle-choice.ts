/**
 * The cycle a person is looking at: chosen once in the header, kept in the URL (`?cycle=`) so a
 * pasted link shows the same year, and remembered in this browser for next time.
 */
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import type { InferResponseType } from "hono/client";
import type { api } from "./api.ts";
import { cyclesQuery } from "./queries.ts";

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

/** The cycle shown: the one the URL names, else the one chosen last time here, else the current one. */
export function chooseCycle(cycles: Cycles | undefined, fromUrl: number | undefined) {
  const list = cycles?.cycles ?? [];
  const wanted = fromUrl ?? remembered();
  return list.find((c) => c.id === wanted) ?? list.find((c) => c.id === cycles?.currentCycleId) ?? list[0];
}

export function useCycleChoice() {
  const search = useSearch({ strict: false });
  const cycles = useQuery(cyclesQuery);
  const navigate = useNavigate();
  const list = cycles.data?.cycles ?? [];
  const cycle = chooseCycle(cycles.data, search.cycle);
  const choose = (id: number) => {
    rememberCycle(id);
    // Every signed-in page sits under the "app" route, whose search holds the cycle.
    void navigate({ to: ".", search: (prev) => ({ ...prev, cycle: id }) });
  };
  return { cycle, cycles: list, isLoading: cycles.isLoading, error: cycles.error, choose };
}
