import { describe, expect, it } from "vitest";
import { audienceOf, canSee, narrowest, visibilities, visibleLevels } from "./index.ts";

describe("visibility", () => {
  it("lets the convenor see everything", () => {
    expect(visibleLevels("convenor")).toEqual(["public", "members", "convenor"]);
  });

  it("lets members see public and members records, not the convenor's", () => {
    expect(visibleLevels("member")).toEqual(["public", "members"]);
    expect(canSee("member", "convenor")).toBe(false);
  });

  it("shows observers and anonymous visitors only what is public", () => {
    for (const viewer of ["observer", "anonymous"] as const) {
      expect(visibleLevels(viewer)).toEqual(["public"]);
      expect(canSee(viewer, "public")).toBe(true);
      expect(canSee(viewer, "members")).toBe(false);
      expect(canSee(viewer, "convenor")).toBe(false);
    }
  });

  it("gives the narrower audience of two, in either order", () => {
    expect(narrowest("public", "members")).toBe("members");
    expect(narrowest("members", "public")).toBe("members");
    expect(narrowest("convenor", "public")).toBe("convenor");
    expect(narrowest("members", "convenor")).toBe("convenor");
    for (const v of visibilities) expect(narrowest(v, v)).toBe(v);
  });

  it("names the least-privileged audience of each visibility, who can see it and nothing narrower", () => {
    expect(audienceOf("public")).toBe("anonymous");
    expect(audienceOf("members")).toBe("member");
    expect(audienceOf("convenor")).toBe("convenor");
    for (const v of visibilities) {
      expect(canSee(audienceOf(v), v)).toBe(true);
      expect(visibleLevels(audienceOf(v)).at(-1)).toBe(v);
    }
  });
});
