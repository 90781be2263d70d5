/**
 * The cycle a person is looking at: chosen once in the header, kept in the URL (`?cycle=`) so a
 * pasted link shows the same year, and remembered in this browser for next time.
 */
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
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

export function useCycleChoice() {
  const search = useSearch({ strict: false }) as { cycle?: number };
  const cycles = useQuery(cyclesQuery);
  const navigate = useNavigate();
  const list = cycles.data?.cycles ?? [];
  const wanted = search.cycle ?? remembered();
  const cycle = list.find((c) => c.id === wanted) ?? list.find((c) => c.id === cycles.data?.currentCycleId) ?? list[0];
  const choose = (id: number) => {
    rememberCycle(id);
    void navigate({ to: ".", search: (prev: Record<string, unknown>) => ({ ...prev, cycle: id }) } as never);
  };
  return { cycle, cycles: list, isLoading: cycles.isLoading, error: cycles.error, choose };
}
