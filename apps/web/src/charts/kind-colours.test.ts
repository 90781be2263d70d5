import { contributionKinds } from "@convene/domain";
import { describe, expect, it } from "vitest";
import { contrastWithWhite, kindColours } from "./kind-colours.ts";

describe("contribution kind colours", () => {
  it("gives every kind its own colour, each at least 3:1 against white", () => {
    const colours = contributionKinds.map((k) => kindColours[k]);
    expect(new Set(colours).size).toBe(contributionKinds.length);
    for (const c of colours) expect(contrastWithWhite(c), c).toBeGreaterThanOrEqual(3);
  });
});
