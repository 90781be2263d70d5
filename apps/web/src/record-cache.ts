/**
 * Storing a record the server has just returned, in every cached answer that holds it, instead of
 * refetching every list. A family's answers name the record `one` ({ goal }) or hold a list of
 * them under `many` ({ goals: [...] }).
 */
import type { QueryClient } from "@tanstack/react-query";

export interface RecordFamily {
  /** The first part of every query key of the family: "goals". */
  root: string;
  /** The key a detail answer holds the record under: "goal". */
  one: string;
  /** The key a list answer holds records under: "goals". */
  many: string;
  /** The record sits inside other answers (a measure inside its goal): read the family again. */
  refetch?: boolean;
}

type Identified = { id: number };

function replaceIn(data: unknown, family: RecordFamily, record: Identified): unknown {
  if (!data || typeof data !== "object") return data;
  const answer = data as Record<string, unknown>;
  let out = answer;
  const one = answer[family.one] as Identified | undefined;
  if (one && typeof one === "object" && one.id === record.id) out = { ...out, [family.one]: { ...one, ...record } };
  const many = answer[family.many];
  if (Array.isArray(many) && many.some((r: Identified) => r?.id === record.id)) {
    out = { ...out, [family.many]: many.map((r: Identified) => (r?.id === record.id ? { ...r, ...record } : r)) };
  }
  return out;
}

export function storeRecord(queryClient: QueryClient, family: RecordFamily, record: Identified) {
  if (family.refetch) {
    void queryClient.invalidateQueries({ queryKey: [family.root] });
    return;
  }
  queryClient.setQueriesData({ queryKey: [family.root] }, (data: unknown) => replaceIn(data, family, record));
  // Figures derived from the record (counts, charts, filtered lists) are marked stale but not
  // refetched now: the page in front of the person already shows the saved record.
  void queryClient.invalidateQueries({ queryKey: [family.root], refetchType: "none" });
}
