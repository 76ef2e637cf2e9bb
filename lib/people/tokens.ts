import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * One-time link tokens (invites, password resets). 256 random bits, so a plain SHA-256 is enough
 * to store them: the database never holds a usable link, and a leaked row cannot be replayed.
 */
export function generateLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check so junk from the URL never reaches the database. */
export function isWellFormedLinkToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export const INVITE_VALID_DAYS = 7;
export const RESET_VALID_HOURS = 24;
