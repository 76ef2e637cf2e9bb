import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A secret that exists only in this server process, for requests it sends to itself (the
 * scheduler asking its own server to revalidate). Never configured, never stored, never sent
 * anywhere but loopback; a restart makes a new one. globalThis because the instrumentation hook
 * and the route handler are separate bundles of the same process.
 */
const store = globalThis as typeof globalThis & { __datelineInternalToken?: string };

export const INTERNAL_TOKEN_HEADER = "x-dateline-internal-token";

export function getInternalToken(): string {
  store.__datelineInternalToken ??= randomBytes(32).toString("base64url");
  return store.__datelineInternalToken;
}

export function isInternalToken(value: string | null): boolean {
  if (!value || !store.__datelineInternalToken) return false;
  const a = Buffer.from(value);
  const b = Buffer.from(store.__datelineInternalToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
