import { addDays } from "@convene/domain";
import { allText } from "@convene/slides/read-deck";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, makeCycle, organisationIds, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const MEMBERS_ONLY = "MARKER-members-only";
const UNNAMED = "MARKER-unnamed-organisation";

/** Closed and published records, public and members-only, with one unnamed signatory whose organisation carries a marker. */
async function setup() {
  const w = await world();
  convene = w.convene;
  const cookie = w.convenor.cookie;
  const cycle = await makeCycle(w.app, cookie);
  const [named, unnamed] = await organisationIds(w.convene);
  await w.convene.db.updateTable("organisations").set({ name: UNNAMED }).where("id", "=", unnamed!).execute();
  for (const [question, visibility] of [
    ["Public question", "public"],
    [`${MEMBERS_ONLY} question`, "members"],
  ] as const) {
    const { proposal } = await json(
      await call(w.app, "POST", "/api/proposals", {
        cookie,
        body: { question, kind: "consent", closesAt: addDays(new Date(), 3).toISOString(), quorum: 1, visibility },
      }),
    );
    await call(w.app, "PUT", `/api/proposals/${proposal.id}/position`, { cookie, body: { organisationId: named, stance: "agree" } });
    const closed = await call(w.app, "POST", `/api/proposals/${proposal.id}/close`, {
      cookie,
      body: { version: proposal.version, outcome: `Outcome of ${question}` },
    });
    expect(closed.status).toBe(200);
  }
  const at = new Date().toISOString();
  for (const [title, visibility] of [
    ["Public letter", "public"],
    [`${MEMBERS_ONLY} letter`, "members"],
  ] as const) {
    const { statement } = await json(
      await call(w.app, "POST", "/api/statements", {
        cookie,
        body: { title, text: "Dear leaders", deadline: addDays(new Date(), 3).toISOString(), visibility },
      }),
    );
    await w.convene.db
      .insertInto("statementSignatures")
      .values(
        [named!, unnamed!].map((organisationId) => ({
          statementId: statement.id,
          organisationId,
          named: organisationId === named ? 1 : 0,
          confirmedTextVersion: 1,
          signedById: null,
          signedByName: "Signer",
          createdAt: at,
          updatedAt: at,
        })),
      )
      .execute();
    await w.convene.db
      .insertInto("statementRecipients")
      .values({
        statementId: statement.id,
        name: "The Prime Minister",
        sentOn: "2026-11-20",
        repliedOn: "2026-11-25",
        replyText: "",
        replyUrl: null,
        replySummary: `Reply to ${title}`,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    const published = await call(w.app, "POST", `/api/statements/${statement.id}/publish`, {
      cookie,
      body: { version: statement.version, publishedOn: "2026-11-19" },
    });
    expect(published.status).toBe(200);
  }
  return { ...w, cycle };
}

describe("decisions and letters on the public page and in the AGM deck", () => {
  it("the public page shows closed public proposals' outcomes and public statements with named signatories only", async () => {
    const w = await setup();
    await call(w.app, "PUT", "/api/data/settings/public-page", { cookie: w.convenor.cookie, body: { enabled: true } });
    const res = await call(w.app, "GET", "/api/public");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(MEMBERS_ONLY);
    expect(text).not.toContain(UNNAMED);
    const body = JSON.parse(text);
    expect(body.decisions).toEqual([
      expect.objectContaining({ question: "Public question", outcome: "Outcome of Public question", organisations: 1 }),
    ]);
    expect(body.statements).toHaveLength(1);
    expect(body.statements[0]).toMatchObject({ title: "Public letter", publishedOn: "2026-11-19" });
    expect(body.statements[0].signatories).toHaveLength(1);
    expect(body.statements[0].recipients).toEqual([
      expect.objectContaining({ name: "The Prime Minister", replySummary: "Reply to Public letter" }),
    ]);
  });

  it("the deck has both slides; the public deck holds no members-only record, and no deck counts an unnamed signatory", async () => {
    const w = await setup();
    const deckText = async (audience: string) => {
      const res = await call(w.app, "GET", `/api/exports/agm.pptx?cycleId=${w.cycle.id}&audience=${audience}`, {
        cookie: w.convenor.cookie,
      });
      expect(res.status).toBe(200);
      return allText(new Uint8Array(await res.arrayBuffer()));
    };
    const publicDeck = await deckText("public");
    expect(publicDeck).toContain("Decisions taken this year");
    expect(publicDeck).toContain("Outcome of Public question");
    expect(publicDeck).toContain("Letters and statements, and the replies");
    expect(publicDeck).toContain("Reply to Public letter");
    expect(publicDeck).toContain("1 named signatory");
    expect(publicDeck).not.toContain(MEMBERS_ONLY);
    const membersDeck = await deckText("members");
    expect(membersDeck).toContain(`Outcome of ${MEMBERS_ONLY} question`);
    expect(membersDeck).not.toContain("2 named signatories");
  });
});
