/**
 * The session-signing secret. AUTH_SECRET sets it (required on PostgreSQL, the same on every
 * instance, or a session made by one would not be accepted by another). Otherwise, on SQLite,
 * it is generated on first start and kept in a file beside the database (mode 600), never in
 * the repository or the environment of a fresh clone.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DatabaseProblem, isPostgresLocation } from "@convene/db";

export function loadOrCreateSecret(databasePath: string): string {
  if (databasePath === ":memory:") return randomBytes(32).toString("base64url");
  if (isPostgresLocation(databasePath))
    throw new DatabaseProblem(
      "AUTH_SECRET is not set: on PostgreSQL every instance needs the same one (32 or more characters, e.g. from `openssl rand -base64 32`).",
    );
  const file = join(dirname(databasePath), "convene-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
