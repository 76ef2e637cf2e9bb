import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { clientIpFrom } from "./client-ip";

/** The current request's client address (see client-ip.ts for whom we believe). */
export async function getRequestIp(): Promise<string | null> {
  return clientIpFrom(await headers(), getEnv().trustedProxies);
}

/**
 * This server's public origin for links we hand out (invites, resets): NEXTAUTH_URL when set,
 * otherwise the host the admin is using right now.
 */
export async function getPublicOrigin(): Promise<string> {
  const configured = getEnv().publicUrl;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${getEnv().port}`;
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
