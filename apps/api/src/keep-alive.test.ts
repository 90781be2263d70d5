/**
 * A connection the server keeps open stays usable: after an answer given before the request's
 * body was read (413 for an oversized upload, 429 from the sign-in limit), the next requests on
 * the same connection are answered.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listen } from "./server.ts";
import { type Convene, makeConvene, ORIGIN, person } from "./test-support.ts";

let convene: Convene | undefined;
let server: Awaited<ReturnType<typeof listen>> | undefined;
afterEach(async () => {
  await server?.close();
  await convene?.close();
  server = undefined;
  convene = undefined;
});

/** One raw HTTP/1.1 connection, reading whole answers (with a Content-Length or chunked) off it one at a time. */
function connection(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  let buffered = Buffer.alloc(0);
  let closed = false;
  let wake: (() => void) | undefined;
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  });
  socket.on("close", () => {
    closed = true;
    wake?.();
  });
  socket.on("error", () => {});

  /** The next whole answer, or null when the server closed the connection first. */
  async function answer(): Promise<{ status: number; headers: Record<string, string>; body: string } | null> {
    for (;;) {
      const parsed = parse();
      if (parsed) return parsed;
      if (closed) return null;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  }

  function parse() {
    const end = buffered.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const [statusLine, ...lines] = buffered.subarray(0, end).toString("latin1").split("\r\n");
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()] as [string, string]),
    );
    let rest = buffered.subarray(end + 4);
    let body: Buffer;
    if (headers["transfer-encoding"] === "chunked") {
      const chunks: Buffer[] = [];
      for (;;) {
        const lineEnd = rest.indexOf("\r\n");
        if (lineEnd < 0) return undefined;
        const size = Number.parseInt(rest.subarray(0, lineEnd).toString(), 16);
        if (rest.length < lineEnd + 2 + size + 2) return undefined;
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        rest = rest.subarray(lineEnd + 2 + size + 2);
        if (size === 0) break;
      }
      body = Buffer.concat(chunks);
    } else {
      const length = Number(headers["content-length"] ?? 0);
      if (rest.length < length) return undefined;
      body = rest.subarray(0, length);
      rest = rest.subarray(length);
    }
    buffered = rest;
    return { status: Number(statusLine!.split(" ")[1]), headers, body: body.toString() };
  }

  return {
    send: (request: string | Buffer) => new Promise<void>((r) => socket.write(request, () => r())),
    answer,
    close: () => socket.destroy(),
  };
}

const health = "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n";

function post(path: string, body: string, headers: Record<string, string> = {}) {
  const head = Object.entries({
    Host: "localhost",
    Origin: ORIGIN,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return `POST ${path} HTTP/1.1\r\n${head}\r\n${body}`;
}

/** After `first` answers `status`, three small requests on the same connection are all answered. */
async function staysOpen(port: number, first: string | Buffer, status: number) {
  const conn = connection(port);
  try {
    await conn.send(first);
    const refused = await conn.answer();
    expect(refused?.status).toBe(status);
    expect(refused?.headers.connection).toBe("keep-alive");
    for (let i = 0; i < 3; i += 1) {
      await conn.send(health);
      const next = await conn.answer();
      expect(next?.status, `request ${i + 1} after the ${status}`).toBe(200);
    }
  } finally {
    conn.close();
  }
}

describe("a kept-alive connection after an early answer", () => {
  it("carries three more requests after a 413 for an oversized upload", async () => {
    convene = await makeConvene();
    server = await listen(convene.app, 0, "127.0.0.1");
    const convenor = await person(convene, "convenor");
    const big = JSON.stringify({ csv: "x".repeat(3_000_000) });
    await staysOpen(server.port, post("/api/data/updates/import/preview", big, { Cookie: convenor.cookie }), 413);
  }, 60_000);

  it("carries three more requests after a 429 from the sign-in limit", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 1 } });
    server = await listen(convene.app, 0, "127.0.0.1");
    const body = JSON.stringify({ email: "nobody@example.org", password: "wrong password, and long" });
    const conn = connection(server.port);
    await conn.send(post("/api/auth/sign-in/email", body));
    expect((await conn.answer())?.status).toBe(401);
    conn.close();
    // A body large enough that it is still arriving when the limit answers.
    const padded = JSON.stringify({ email: "nobody@example.org", password: "wrong password, and long", pad: "x".repeat(500_000) });
    await staysOpen(server.port, post("/api/auth/sign-in/email", padded), 429);
  }, 60_000);

  it("keeps the connection after requests whose bodies were read, by our routes and by Better Auth's", async () => {
    convene = await makeConvene();
    server = await listen(convene.app, 0, "127.0.0.1");
    const convenor = await person(convene, "convenor");
    const wrong = JSON.stringify({ email: "nobody@example.org", password: "wrong password, and long" });
    await staysOpen(server.port, post("/api/auth/sign-in/email", wrong), 401);
    const theme = JSON.stringify({ name: "Early warning" });
    await staysOpen(server.port, post("/api/themes", theme, { Cookie: convenor.cookie }), 201);
  }, 60_000);

  it("says Connection: close, and closes, when the unread body is of no declared size", async () => {
    convene = await makeConvene();
    server = await listen(convene.app, 0, "127.0.0.1");
    const convenor = await person(convene, "convenor");
    const conn = connection(server.port);
    const chunk = "x".repeat(100_000);
    const head = `POST /api/data/updates/import/preview HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nCookie: ${convenor.cookie}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    await conn.send(head);
    // Chunks until the limit answers (the body has no end the server could wait for).
    let refused: Awaited<ReturnType<typeof conn.answer>> = null;
    const answered = conn.answer().then((a) => {
      refused = a;
    });
    for (let i = 0; i < 40 && refused === null; i += 1) await conn.send(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    await answered;
    expect(refused).toMatchObject({ status: 413, headers: { connection: "close" } });
    expect(await conn.answer()).toBeNull();
    conn.close();
  }, 60_000);
});
