import { describe, expect, it } from "vitest";
import { progressBasis, progressNote } from "./progress-basis.ts";

describe("progressNote", () => {
  it("explains an achieved goal whose visible updates fall short, to everyone but the convenor", () => {
    expect(progressNote("achieved", 0, "observer")).toBe(
      "Marked achieved. Its progress counts only the updates shared publicly, which show 0 %.",
    );
    expect(progressNote("achieved", null, "anonymous")).toBe(
      "Marked achieved. Its progress counts only the updates shared publicly, none of which has a figure yet.",
    );
    expect(progressNote("achieved", 0.5, "member")).toBe(
      "Marked achieved. Its progress counts only the updates shared with members or publicly, which show 50 %.",
    );
    expect(progressNote("achieved", 0.2, "convenor")).toBeNull();
  });

  it("says nothing when status and progress agree", () => {
    expect(progressNote("achieved", 1, "observer")).toBeNull();
    expect(progressNote("on_track", 0, "observer")).toBeNull();
  });
});

describe("progressBasis", () => {
  it("names what each viewer's figures count", () => {
    expect(progressBasis("observer")).toBe("Progress counts only the updates shared publicly.");
    expect(progressBasis("member")).toBe("Progress counts only the updates shared with members or publicly.");
    expect(progressBasis("convenor")).toBe("Progress counts every update.");
  });
});
