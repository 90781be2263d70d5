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
import { answersVersion } from "@convene/db";
import type { Context } from "hono";
import type { AppBindings } from "./context.ts";

interface Entry {
  version: number;
  body: string;
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
 * answer depends on besides the database (the viewer's level, the cycle, the dates).
 */
export async function cachedJson(c: Context<AppBindings, any, any>, key: string, compute: () => Promise<unknown>): Promise<Response> {
  const { db, answers } = c.var.deps;
  // Read before computing: a write that lands meanwhile bumps past it, so the answer is never kept too long.
  const version = await answersVersion(db);
  let entry = version === null ? undefined : answers?.get(key, version);
  if (!entry) {
    const body = JSON.stringify(await compute());
    entry = { version: version ?? 0, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    if (version !== null) answers?.set(key, entry);
  }
  const headers = { etag: entry.etag, "cache-control": "private, no-cache" };
  if (etagMatches(c.req.header("if-none-match"), entry.etag)) return c.body(null, 304, headers);
  return c.body(entry.body, 200, { ...headers, "content-type": "application/json" });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
