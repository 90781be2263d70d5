/**
 * What the signed-in person may do, decided here and nowhere else. The server enforces every
 * rule again; these only decide what the dashboard offers, so nobody is shown a form they
 * would be refused.
 */
import type { Visibility } from "@convene/domain";
import { visibilities } from "@convene/domain/choices";
import { useQuery } from "@tanstack/react-query";
import type { Me } from "./api.ts";
import { meQuery } from "./queries.ts";

export type User = NonNullable<Me["user"]>;

export function accessOf(user: User | null | undefined) {
  const role = user?.role;
  const isConvenor = role === "convenor";
  const isMember = role === "member";
  /** A member account tied to an organisation: it speaks (logs, answers, posts) for that organisation. */
  const speaksForOrganisation = isMember && user?.organisationId != null;
  return {
    user: user ?? null,
    isConvenor,
    isMember,
    isObserver: role === "observer",
    speaksForOrganisation,
    /** Raising alerts, adding resources, reading what needs an answer: the convenor and members. */
    takesPart: isConvenor || isMember,
    /** Logging contributions and posting for an organisation. */
    mayLogContributions: isConvenor || speaksForOrganisation,
    /** Who a record may be shown to: only the convenor may keep something to themself. */
    visibilityChoices: (isConvenor ? visibilities : visibilities.filter((v) => v !== "convenor")) as readonly Visibility[],
    /** Editing a goal and its measures: the convenor, while its cycle is open (a closed cycle is history). */
    mayEditGoal: (goal: { cycleClosed: boolean }) => isConvenor && !goal.cycleClosed,
    /** Posting progress on a goal: the convenor, or a member of its lead or a supporting organisation, while its cycle is open. */
    mayPostUpdate: (goal: { cycleClosed: boolean; leadOrganisationId: number | null; supportingOrganisationIds: readonly number[] }) =>
      !goal.cycleClosed &&
      (isConvenor ||
        (speaksForOrganisation &&
          (goal.leadOrganisationId === user?.organisationId || goal.supportingOrganisationIds.includes(user?.organisationId ?? -1)))),
    /** Changing a record people add (a resource, a contribution): whoever added it, and the convenor as keeper of the record. */
    mayEdit: (record: { createdById: string | null }) => isConvenor || (user != null && record.createdById === user.id),
    /** Editing an alert while it is open: whoever raised it, and the convenor. */
    mayEditAlert: (alert: { state: string; raisedById: string | null }) =>
      alert.state === "open" && (isConvenor || (user != null && alert.raisedById === user.id)),
    /** The words for whose account this is, beside the name. */
    roleWords: isMember ? (user?.organisation?.name ?? "Member") : isConvenor ? "Convenor" : "Observer",
  };
}

export type Access = ReturnType<typeof accessOf>;

export function useAccess(): Access {
  const me = useQuery(meQuery);
  return accessOf(me.data?.user);
}

/** Thrown before a convenor-only route loads for anyone else; the route shows why, not a form. */
export class NotAllowed extends Error {
  constructor() {
    super("Only the convenor can do this");
  }
}
