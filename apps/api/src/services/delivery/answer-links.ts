/**
 * Making and reading answer-link tokens. A token is 32 random bytes (base64url) that lives only
 * in the email; the database keeps its SHA-256, which is enough to find the link and useless to
 * anyone who copies the database.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Db, insertAnswerLink } from "@convene/db";
import type { EmailPayload } from "./email-message.ts";

export const hashAnswerToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes a token for the email about to go, and keeps its hash. */
export async function mintAnswerToken(db: Db, answer: NonNullable<EmailPayload["answer"]>): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await insertAnswerLink(db, { tokenHash: hashAnswerToken(token), ...answer });
  return token;
}
