import { describe, expect, it } from "vitest";
import { wrapLabel } from "./category-tick.tsx";

describe("wrapping a category label", () => {
  it("keeps a short name whole", () => {
    expect(wrapLabel("National strategy", 24)).toEqual(["National strategy"]);
  });

  it("breaks between words, never inside one", () => {
    expect(wrapLabel("Uyghur Human Rights and Democracy", 20)).toEqual(["Uyghur Human Rights", "and Democracy"]);
  });

  it("ends a name too long for two lines after a whole word", () => {
    const lines = wrapLabel("Commission for International Justice and Accountability", 20);
    expect(lines).toEqual(["Commission for", "International…"]);
    for (const l of lines)
      for (const w of l.replace("…", "").split(" ")) expect("Commission for International Justice and Accountability").toContain(w);
  });
});
