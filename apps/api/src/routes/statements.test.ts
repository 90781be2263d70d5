import { inflateSync } from "node:zlib";
import { addDays } from "@convene/domain";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { type Convene, call, json, organisationIds, person, world } from "../test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

const inDays = (days: number) => addDays(new Date(), days).toISOString();
const MARKER = "UNNAMED-MARKER-7f3a";

async function setup() {
  const w = await world();
  convene = w.convene;
  const orgs = await organisationIds(w.convene);
  const other = await person(w.convene, "member", orgs[1]);
  const res = await call(w.app, "POST", "/api/statements", {
    cookie: w.convenor.cookie,
    body: {
      title: "Open letter to party leaders",
      text: "We ask you to commit to atrocity prevention.",
      deadline: inDays(5),
      visibility: "public",
    },
  });
  if (res.status !== 201) throw new Error(`statement: ${res.status} ${await res.text()}`);
  const statement = (await json(res)).statement as { id: number; version: number; textVersion: number };
  for (const [org, who] of [
    [orgs[0]!, w.member.id],
    [orgs[1]!, other.id],
  ] as const) {
    const marked = await call(w.app, "PUT", `/api/statements/${statement.id}/signers/${org}`, {
      cookie: w.convenor.cookie,
      body: { userIds: [who] },
    });
    if (marked.status !== 200) throw new Error(`signers: ${marked.status} ${await marked.text()}`);
  }
  return { ...w, orgs, other, statement };
}

describe("statements", () => {
  it("refuses a member not marked to sign for their organisation (403)", async () => {
    const { app, convene: c, statement, orgs } = await setup();
    const colleague = await person(c, "member", orgs[0]);
    const res = await call(app, "PUT", `/api/statements/${statement.id}/signature`, {
      cookie: colleague.cookie,
      body: { named: true, textVersion: 1 },
    });
    expect(res.status).toBe(403);
  });

  it("a text change resets confirmations; signing again confirms", async () => {
    const { app, convenor, member, statement } = await setup();
    expect(
      (
        await call(app, "PUT", `/api/statements/${statement.id}/signature`, {
          cookie: member.cookie,
          body: { named: true, textVersion: 1 },
        })
      ).status,
    ).toBe(201);
    const edited = await call(app, "PATCH", `/api/statements/${statement.id}`, {
      cookie: convenor.cookie,
      body: { version: statement.version, text: "We ask you to commit, in your manifesto, to atrocity prevention." },
    });
    expect(edited.status).toBe(200);
    const page = await json(edited);
    expect(page.statement.textVersion).toBe(2);
    expect(page.versions).toHaveLength(2);
    expect(page.signatures[0].needsConfirmation).toBe(true);
    const stale = await call(app, "PUT", `/api/statements/${statement.id}/signature`, {
      cookie: member.cookie,
      body: { named: true, textVersion: 1 },
    });
    expect(stale.status).toBe(409);
    const again = await call(app, "PUT", `/api/statements/${statement.id}/signature`, {
      cookie: member.cookie,
      body: { named: true, textVersion: 2 },
    });
    expect(again.status).toBe(200);
    expect((await json(again)).signatures[0].needsConfirmation).toBe(false);
  });

  it("never shows an unnamed signatory to an observer, in a statement, a milestone or the public page", async () => {
    const { app, convenor, member, other, observer, convene: c, statement, orgs } = await setup();
    await c.db
      .updateTable("organisations")
      .set({ name: `Quiet Org ${MARKER}` })
      .where("id", "=", orgs[1]!)
      .execute();
    await call(app, "PUT", `/api/statements/${statement.id}/signature`, { cookie: member.cookie, body: { named: true, textVersion: 1 } });
    await call(app, "PUT", `/api/statements/${statement.id}/signature`, { cookie: other.cookie, body: { named: false, textVersion: 1 } });

    // Members see both signatures.
    const asMember = await json(await call(app, "GET", `/api/statements/${statement.id}`, { cookie: member.cookie }));
    expect(asMember.signatures).toHaveLength(2);

    const milestonesBefore = await c.db.selectFrom("milestones").select("id").execute();
    const stalePublish = await call(app, "POST", `/api/statements/${statement.id}/publish`, {
      cookie: convenor.cookie,
      body: { version: statement.version + 5, publishedOn: "2026-12-01" },
    });
    expect(stalePublish.status).toBe(409);
    // The refused publish recorded no milestone.
    expect(await c.db.selectFrom("milestones").select("id").execute()).toEqual(milestonesBefore);
    const published = await call(app, "POST", `/api/statements/${statement.id}/publish`, {
      cookie: convenor.cookie,
      body: { version: statement.version, publishedOn: "2026-12-01" },
    });
    expect(published.status).toBe(200);
    const milestone = (await json(published)).milestone;
    expect(milestone.organisations.map((o: { id: number }) => o.id)).toEqual([orgs[0]]);
    const late = await call(app, "PUT", `/api/statements/${statement.id}/signature`, {
      cookie: member.cookie,
      body: { named: false, textVersion: 1 },
    });
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe("statement_closed");
    const again = await call(app, "POST", `/api/statements/${statement.id}/publish`, {
      cookie: convenor.cookie,
      body: { version: statement.version + 1, publishedOn: "2026-12-02" },
    });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("statement_closed");
    await call(app, "PUT", "/api/data/settings/public-page", { cookie: convenor.cookie, body: { enabled: true } });

    const seen = [
      await call(app, "GET", "/api/statements", { cookie: observer.cookie }),
      await call(app, "GET", `/api/statements/${statement.id}`, { cookie: observer.cookie }),
      await call(app, "GET", "/api/milestones", { cookie: observer.cookie }),
      await call(app, "GET", `/api/milestones/${milestone.id}`, { cookie: observer.cookie }),
      await call(app, "GET", "/api/proposals", { cookie: observer.cookie }),
      await call(app, "GET", "/api/public"),
    ];
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = await Promise.all(seen.map((r) => r.text()));
    for (const body of bodies) expect(body).not.toContain(MARKER);
    const asObserver = JSON.parse(bodies[1]!);
    expect(asObserver.signatures.map((s: { organisationId: number }) => s.organisationId)).toEqual([orgs[0]]);
    expect(asObserver.statement.signatures.unnamed).toBe(0);
  });

  it("records recipients and their replies", async () => {
    const { app, convenor, statement } = await setup();
    const added = await json(
      await call(app, "POST", `/api/statements/${statement.id}/recipients`, {
        cookie: convenor.cookie,
        body: { name: "Leader of the Opposition", sentOn: "2026-12-01" },
      }),
    );
    const rid = added.recipients[0].id;
    const replied = await call(app, "PATCH", `/api/statements/${statement.id}/recipients/${rid}`, {
      cookie: convenor.cookie,
      body: { repliedOn: "2026-12-03", replyUrl: "https://example.org/reply", replySummary: "Committed to a strategy" },
    });
    expect(replied.status).toBe(200);
    expect((await json(replied)).recipients[0]).toMatchObject({
      replySummary: "Committed to a strategy",
      replyUrl: "https://example.org/reply",
    });
  });
});

/** The text of a pdfkit PDF, a line per text operation: its content streams are deflated, its strings hex. */
function pdfText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  const raw = buf.toString("latin1");
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(buf.subarray(start, raw.indexOf("endstream", start))).toString("latin1");
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g))
      lines.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1]!, "hex").toString("latin1")).join(""));
  }
  return lines.join("\n");
}

/** The words of a .docx's body. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
    .join("\n");
}

describe("statement letters", () => {
  async function signedLetter() {
    const s = await setup();
    await s.convene.db
      .updateTable("organisations")
      .set({ name: `Quiet Org ${MARKER}` })
      .where("id", "=", s.orgs[1]!)
      .execute();
    const named = await s.convene.db.selectFrom("organisations").select("name").where("id", "=", s.orgs[0]!).executeTakeFirstOrThrow();
    await call(s.app, "PATCH", `/api/statements/${s.statement.id}`, {
      cookie: s.convenor.cookie,
      body: { version: s.statement.version, text: "## Our ask\n\nWe ask you to **commit** to:\n\n- a strategy\n- a minister" },
    });
    await call(s.app, "POST", `/api/statements/${s.statement.id}/recipients`, {
      cookie: s.convenor.cookie,
      body: { name: "Leader of the Opposition", sentOn: null },
    });
    for (const [who, isNamed] of [
      [s.member, true],
      [s.other, false],
    ] as const)
      await call(s.app, "PUT", `/api/statements/${s.statement.id}/signature`, {
        cookie: who.cookie,
        body: { named: isNamed, textVersion: 2 },
      });
    return { ...s, namedOrg: named.name };
  }

  it("exports the final text with its named signatories, in PDF and Word, never naming an unnamed one", async () => {
    const { app, member, observer, statement, namedOrg } = await signedLetter();
    for (const [format, read, type] of [
      ["pdf", pdfText, "application/pdf"],
      ["docx", docxText, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ] as const) {
      const asObserver = await call(app, "GET", `/api/statements/${statement.id}/letter.${format}`, { cookie: observer.cookie });
      expect(asObserver.status).toBe(200);
      expect(asObserver.headers.get("content-type")).toBe(type);
      expect(asObserver.headers.get("content-disposition")).toMatch(/attachment; filename="statement-\d+-open-letter-to-party-leaders\./);
      const seen = read(new Uint8Array(await asObserver.arrayBuffer()));
      for (const words of ["Open letter to party leaders", "Our ask", "commit", "a minister", "Leader of the Opposition", namedOrg])
        expect(seen).toContain(words);
      expect(seen).not.toContain(MARKER);
      // An observer is not told that unnamed supporters exist at all.
      expect(seen).not.toContain("without being named");

      const asMember = await call(app, "GET", `/api/statements/${statement.id}/letter.${format}`, { cookie: member.cookie });
      const memberSees = read(new Uint8Array(await asMember.arrayBuffer()));
      expect(memberSees).toContain("organisation who supports it without being named");
      expect(memberSees).not.toContain(MARKER);
    }
  });

  it("leaves out a signature not yet confirmed on the final text, and hides a members-only letter from observers", async () => {
    const { app, convenor, member, observer, statement, namedOrg } = await signedLetter();
    const current = await json(await call(app, "GET", `/api/statements/${statement.id}`, { cookie: convenor.cookie }));
    await call(app, "PATCH", `/api/statements/${statement.id}`, {
      cookie: convenor.cookie,
      body: { version: current.statement.version, text: "A new text.", visibility: "members" },
    });
    const letter = pdfText(
      new Uint8Array(await (await call(app, "GET", `/api/statements/${statement.id}/letter.pdf`, { cookie: member.cookie })).arrayBuffer()),
    );
    expect(letter).toContain("A new text.");
    expect(letter).not.toContain(namedOrg);
    expect(letter).toContain("No organisation has signed this text yet.");
    const hidden = await call(app, "GET", `/api/statements/${statement.id}/letter.docx`, { cookie: observer.cookie });
    expect(hidden.status).toBe(404);
  });
});

describe("withdrawing a signature", () => {
  it("takes the organisation's signature off, audited, and is refused once published", async () => {
    const { app, convenor, member, convene: c, statement } = await setup();
    await call(app, "PUT", `/api/statements/${statement.id}/signature`, { cookie: member.cookie, body: { named: true, textVersion: 1 } });
    const withdrawn = await call(app, "DELETE", `/api/statements/${statement.id}/signature`, { cookie: member.cookie });
    expect(withdrawn.status).toBe(200);
    expect((await json(withdrawn)).signatures).toEqual([]);
    const audit = await c.db.selectFrom("auditEntries").select(["action", "entity"]).where("entity", "=", "statement_signature").execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "delete"]);
    await call(app, "PUT", `/api/statements/${statement.id}/signature`, { cookie: member.cookie, body: { named: true, textVersion: 1 } });
    await call(app, "POST", `/api/statements/${statement.id}/publish`, {
      cookie: convenor.cookie,
      body: { version: statement.version, publishedOn: "2026-12-01" },
    });
    const late = await call(app, "DELETE", `/api/statements/${statement.id}/signature`, { cookie: member.cookie });
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe("statement_closed");
  });
});
