/**
 * Organisations to offer when choosing one for something new: an organisation that has left the
 * group is no longer offered, except where the record being edited already names it.
 */
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { organisationsQuery } from "./queries.ts";

export function stillInGroup<O extends { id: number; leftOn: string | null }>(
  organisations: readonly O[] | undefined,
  keep: readonly (number | null | undefined)[] = [],
): O[] | undefined {
  return organisations?.filter((o) => o.leftOn === null || keep.includes(o.id));
}

/** An organisation's name as the record shows it once it has left: its history stays, marked. */
export const organisationLabel = (name: string, leftOn: string | null | undefined) => (leftOn ? `${name} (former member)` : name);

/** Labels organisations by id, marking those that have left: `label(id, name)`. */
export function useOrganisationLabel() {
  const organisations = useQuery(organisationsQuery).data?.organisations;
  return useCallback(
    (id: number, name: string) => organisationLabel(name, organisations?.find((o) => o.id === id)?.leftOn),
    [organisations],
  );
}
