import { describe, expect, it } from "vitest";
import {
  changesText,
  contributingOrganisations,
  needsConfirmation,
  signatureInputSchema,
  signRefusal,
  statementInputSchema,
} from "./statement.ts";

const now = new Date("2026-12-01T12:00:00.000Z");
const open = { state: "open" as const, deadline: "2026-12-05T17:00:00.000Z" };

describe("statement input", () => {
  it("asks for the text in plain words", () => {
    const r = statementInputSchema.safeParse({ title: "Letter", text: " ", deadline: "2026-12-05T17:00:00Z" });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["text", "Enter the text of the statement"]]);
  });
  it("asks whether to be listed publicly", () => {
    expect(signatureInputSchema.safeParse({ textVersion: 1 }).error?.issues[0]?.path).toEqual(["named"]);
  });
});

describe("who may sign", () => {
  const marked = [{ userId: "u1", organisationId: 1 }];
  it("only someone marked for that organisation, while open and before the deadline", () => {
    expect(signRefusal(open, marked, { userId: "u1", organisationId: 1 }, now)).toBeNull();
    expect(signRefusal(open, marked, { userId: "u2", organisationId: 1 }, now)?.status).toBe(403);
    expect(signRefusal(open, marked, { userId: "u1", organisationId: 2 }, now)?.status).toBe(403);
    expect(signRefusal({ ...open, state: "published" }, marked, { userId: "u1", organisationId: 1 }, now)?.status).toBe(409);
    expect(signRefusal({ ...open, deadline: "2026-12-01T12:00:00.000Z" }, marked, { userId: "u1", organisationId: 1 }, now)?.code).toBe(
      "deadline_passed",
    );
  });
});

describe("confirmations", () => {
  it("a text change asks every earlier signature to confirm again", () => {
    expect(changesText({ text: "A" }, { text: "B" })).toBe(true);
    expect(changesText({ text: "A" }, { text: "A" })).toBe(false);
    expect(changesText({ text: "A" }, {})).toBe(false);
    expect(needsConfirmation({ confirmedTextVersion: 1 }, 2)).toBe(true);
    expect(needsConfirmation({ confirmedTextVersion: 2 }, 2)).toBe(false);
  });
  it("a milestone names only named signatories confirmed on the final text", () => {
    const sigs = [
      { organisationId: 1, named: true, confirmedTextVersion: 2 },
      { organisationId: 2, named: false, confirmedTextVersion: 2 },
      { organisationId: 3, named: true, confirmedTextVersion: 1 },
    ];
    expect(contributingOrganisations(sigs, 2)).toEqual([1]);
  });
});
