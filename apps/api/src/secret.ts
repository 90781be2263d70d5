/**
 * The session-signing secret: generated on first start and kept in a file beside the
 * database (mode 600), never in the repository or the environment of a fresh clone.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function loadOrCreateSecret(databasePath: string): string {
  if (databasePath === ":memory:") return randomBytes(32).toString("base64url");
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
