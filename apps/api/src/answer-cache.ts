/**
 * Overview and compare answers kept in this process, for (route, cycle, visibility level, dates).
 * An answer is used again only while the database's answers version — bumped in the transaction of
 * every write that could change one (queries/stored-progress.ts) — still reads what it read when
 * the answer was made: one primary-key read a request. So a write through any instance makes
 * every instance's older answers unusable at once, and no instance serves a stale one.
 *
 * Answers carry an ETag (a hash of the body), so a client that sends it back in If-None-Match
 * gets 304 Not Modified without the body.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { answersVersion } from "@convene/db";
import type { Context } from "hono";
import type { AppBindings } from "./context.ts";

interface Entry {
  version: number;
  /** The JSON as UTF-8, and gzipped (null when gzip would not make it smaller): made once, sent many times. */
  body: Uint8Array;
  gzipped: Uint8Array | null;
  etag: string;
}

/** A bounded map, oldest use first out: a few hundred answers cover every cycle, level and day in use. */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limit = 500) {}

  get(key: string, version: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Answers with the JSON `compute` makes, or the same bytes from the cache while the answers
 * version is unchanged; 304 when the client already holds them. `key` must name everything the
 * answer depends on besides the database (the viewer's level, the cycle, the dates). A cached
 * answer costs one read of the version and no other query, so `compute` does its own lookups
 * (and throws its own 404s, which are never cached).
 */
export async function cachedJson(c: Context<AppBindings, any, any>, key: string, compute: () => Promise<unknown>): Promise<Response> {
  const { db, answers } = c.var.deps;
  // Read before computing: a write that lands meanwhile bumps past it, so the answer is never kept too long.
  const version = await answersVersion(db);
  let entry = version === null ? undefined : answers?.get(key, version);
  if (!entry) {
    entry = entryOf(version ?? 0, JSON.stringify(await compute()));
    if (version !== null) answers?.set(key, entry);
  }
  if (etagMatches(c.req.header("if-none-match"), entry.etag))
    return c.body(null, 304, { etag: entry.etag, "cache-control": CACHE_CONTROL });
  // Gzipped here rather than by compress() on every request: the cached bytes are already gzipped.
  const gzipped = entry.gzipped !== null && acceptsGzip(c.req.header("accept-encoding")) ? entry.gzipped : null;
  return c.body((gzipped ?? entry.body) as Uint8Array<ArrayBuffer>, 200, {
    etag: entry.etag,
    "cache-control": CACHE_CONTROL,
    "content-type": "application/json",
    vary: "Accept-Encoding",
    ...(gzipped ? { "content-encoding": "gzip" } : {}),
  });
}

const CACHE_CONTROL = "private, no-cache";
/** What compress() leaves uncompressed, so a small answer is sent the same way as before. */
const GZIP_THRESHOLD = 1024;

function entryOf(version: number, json: string): Entry {
  const body = Buffer.from(json);
  const gzipped = body.length < GZIP_THRESHOLD ? null : gzipSync(body);
  return {
    version,
    body,
    gzipped: gzipped && gzipped.length < body.length ? gzipped : null,
    etag: `"${createHash("sha1").update(body).digest("base64url")}"`,
  };
}

/** Whether Accept-Encoding allows gzip (named, or `*`, without `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== "gzip" && name !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
