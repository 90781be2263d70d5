/**
 * Keeps a connection honest when an answer goes out before the request's body was read (a 413
 * from a body limit, a 429 from the sign-in limit, a 401 or 403 to an upload). @hono/node-server
 * says `keep-alive` and then, because the body's stream is paused once anything has touched it,
 * gives up draining it and drops the connection: the request after next on it fails. Here a body
 * of a declared size we are willing to swallow is read to its end and thrown away, so the
 * connection stays usable; anything else (too big, or of no declared size, or already half read)
 * is answered with `Connection: close`, so the client knows to open a new one.
 */
import { Readable } from "node:stream";
import { createMiddleware } from "hono/factory";

/** Larger unread bodies are not worth receiving only to discard; the connection is closed instead. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/** Requests whose body another request took over (`new Request(original, …)` locks the original's). */
const handedOn = new WeakMap<Request, Request>();

/** Records that `to` now carries `from`'s body, so an unread body is found and read there. */
export function handOnBody(from: Request, to: Request): Request {
  handedOn.set(from, to);
  return to;
}

export const unreadBody = createMiddleware(async (c, next) => {
  const original = c.req.raw;
  await next();
  // GET and HEAD carry no body. Asked first because reading `.body` makes @hono/node-server build
  // a full Request (and an AbortSignal) that it otherwise never needs: a fifth of a cached answer's cost.
  if (original.method === "GET" || original.method === "HEAD") return;
  // app.request() in tests has no socket (or a stand-in for one).
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  const request = handedOn.get(original) ?? original;
  if (!(incoming instanceof Readable) || incoming.readableEnded || incoming.destroyed || !request.body) return;
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!request.body.locked && Number.isFinite(length) && length <= DRAIN_LIMIT_BYTES) {
    void discard(request.body);
    return;
  }
  const res = new Response(c.res.body, c.res);
  res.headers.set("connection", "close");
  c.res = undefined;
  c.res = res;
});

async function discard(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  try {
    for (;;) if ((await reader.read()).done) return;
  } catch {
    // The client went away; nothing to keep.
  }
}
