import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

let secret: string | undefined;

/**
 * The key that signs session cookies. NEXTAUTH_SECRET wins; otherwise one is generated once and
 * kept in the data directory, so a fresh `npm start` works and sessions survive restarts.
 * Several instances must share NEXTAUTH_SECRET (see README).
 */
export function getAuthSecret(): string {
  if (secret) return secret;
  const env = getEnv();
  if (env.authSecret) return (secret = env.authSecret);
  const file = path.join(env.dataDir, "auth-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const fresh = crypto.randomBytes(48).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return secret!;
}
