import { describe, expect, it } from "vitest";
import { accessOf, type User } from "./access.ts";

// Only the fields the rules read; the rest of an account does not change what it may do.
const person = (role: User["role"], organisationId: number | null, id = "u1") =>
  ({ id, role, organisationId, name: "Someone", email: "someone@example.org", organisation: null }) as unknown as User;

const goal = { cycleClosed: false, leadOrganisationId: 1, supportingOrganisationIds: [2] };

describe("what the signed-in person may do", () => {
  it("lets the convenor post on any open goal, and nobody on a closed cycle's goal", () => {
    expect(accessOf(person("convenor", null)).mayPostUpdate(goal)).toBe(true);
    expect(accessOf(person("convenor", null)).mayPostUpdate({ ...goal, cycleClosed: true })).toBe(false);
  });

  it("lets only the convenor edit a goal, and only while its cycle is open", () => {
    expect(accessOf(person("convenor", null)).mayEditGoal(goal)).toBe(true);
    expect(accessOf(person("convenor", null)).mayEditGoal({ cycleClosed: true })).toBe(false);
    expect(accessOf(person("member", 1)).mayEditGoal(goal)).toBe(false);
  });

  it("lets a member post only for a goal their organisation leads or supports", () => {
    expect(accessOf(person("member", 1)).mayPostUpdate(goal)).toBe(true);
    expect(accessOf(person("member", 2)).mayPostUpdate(goal)).toBe(true);
    expect(accessOf(person("member", 3)).mayPostUpdate(goal)).toBe(false);
    expect(accessOf(person("member", null)).mayPostUpdate(goal)).toBe(false);
    expect(accessOf(person("observer", 1)).mayPostUpdate(goal)).toBe(false);
  });

  it("offers convenor-only visibility to the convenor alone", () => {
    expect(accessOf(person("convenor", null)).visibilityChoices).toContain("convenor");
    expect(accessOf(person("member", 1)).visibilityChoices).toEqual(["public", "members"]);
  });

  it("lets whoever added a record change it, and the convenor change anything", () => {
    expect(accessOf(person("member", 1, "u1")).mayEdit({ createdById: "u1" })).toBe(true);
    expect(accessOf(person("member", 1, "u1")).mayEdit({ createdById: "u2" })).toBe(false);
    expect(accessOf(person("convenor", null, "c")).mayEdit({ createdById: "u2" })).toBe(true);
    expect(accessOf(null).mayEdit({ createdById: null })).toBe(false);
  });

  it("lets an alert be edited while open, by whoever raised it or the convenor", () => {
    expect(accessOf(person("member", 1, "u1")).mayEditAlert({ state: "open", raisedById: "u1" })).toBe(true);
    expect(accessOf(person("member", 1, "u1")).mayEditAlert({ state: "closed", raisedById: "u1" })).toBe(false);
    expect(accessOf(person("member", 1, "u1")).mayEditAlert({ state: "open", raisedById: "u2" })).toBe(false);
    expect(accessOf(person("convenor", null)).mayEditAlert({ state: "open", raisedById: "u2" })).toBe(true);
  });
});
