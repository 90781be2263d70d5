import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, usage } from "./run.ts";
import { recordedIo, tempContext } from "./test-io.ts";

describe("admin command line", () => {
  let ctx: Awaited<ReturnType<typeof tempContext>>;
  beforeAll(async () => {
    ctx = await tempContext();
  });
  afterAll(() => ctx.cleanup());

  it("prints usage for help", async () => {
    const io = recordedIo();
    expect(await runCli(["help"], io, ctx)).toBe(0);
    expect(io.out()).toBe(usage);
    expect(usage).toMatch(/create-user --email E --name N --role convenor\|member\|observer \[--org SHORTNAME\]/);
  });

  it("prints usage and fails without a command", async () => {
    const io = recordedIo();
    expect(await runCli([], io, ctx)).toBe(2);
    expect(io.err()).toBe(usage);
  });

  it("names an unknown command before the usage", async () => {
    const io = recordedIo();
    expect(await runCli(["drop-everything"], io, ctx)).toBe(2);
    expect(io.err()).toBe(`Unknown command "drop-everything".\n\n${usage}`);
  });
});
