import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { createLogger } from "./logger.ts";
import { makeConvene, ORIGIN, PASSWORD, person, signInResponse } from "./test-support.ts";

function captured() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger("info", stream) };
}

describe("the request log", () => {
  it("writes one JSON line per request with its id, method, route pattern, status and time, and no secrets", async () => {
    const convene = await makeConvene();
    try {
      const { lines, logger } = captured();
      const app = createApp(convene.deps, { trustedOrigins: [ORIGIN], logger });
      const convenor = await person(convene, "convenor");
      const signIn = await signInResponse(app, convenor.email, PASSWORD);
      expect(signIn.status).toBe(200);
      const health = await app.request("/api/health");
      const link = await app.request("/api/invitations/secret-token-in-the-path?also=secret-query", {
        headers: { cookie: convenor.cookie },
      });
      await new Promise((r) => setImmediate(r));
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatchObject({ method: "GET", route: "/api/health", status: 200, msg: "request" });
      expect(lines[1]!.requestId).toBe(health.headers.get("x-request-id"));
      expect(typeof lines[1]!.ms).toBe("number");
      expect(lines[2]).toMatchObject({ method: "GET", route: "/api/invitations/:token", status: link.status });
      const all = JSON.stringify(lines);
      for (const secret of ["secret-token-in-the-path", "secret-query", PASSWORD, convenor.cookie.split("=")[1]!])
        expect(all).not.toContain(secret);
    } finally {
      await convene.close();
    }
  });
});
