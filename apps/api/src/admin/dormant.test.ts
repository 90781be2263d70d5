import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run.ts";
import { recordedIo, tempContext } from "./test-io.ts";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
});
afterEach(() => ctx.cleanup());

async function run(argv: string[], now?: Date) {
  const io = recordedIo("a long enough password\n");
  const code = await runCli(argv, io, now ? { ...ctx, now } : ctx);
  return { code, out: io.out(), err: io.err() };
}

describe("dormant", () => {
  it("lists accounts unused past the limit, and with --sweep warns them once", async () => {
    const made = await run(["create-user", "--email", "ada@example.org", "--name", "Ada Away", "--role", "observer"]);
    expect(made.code).toBe(0);
    expect((await run(["dormant"])).out).toContain("No account has gone unused for 12 months.");
    const later = new Date(Date.now() + 400 * 86_400_000);
    const listed = await run(["dormant"], later);
    expect(listed.out).toContain("Ada Away <ada@example.org>");
    expect(listed.out).toContain("to be warned");
    const swept = await run(["dormant", "--sweep"], later);
    expect(swept.code).toBe(0);
    expect(swept.out).toContain("Warned 1 and disabled 0 unused accounts.");
    expect(swept.out).toContain("warned, disabled after");
    expect((await run(["dormant", "--sweep"], later)).out).toContain("Warned 0 and disabled 0");
  });
});
