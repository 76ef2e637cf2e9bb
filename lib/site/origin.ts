import "server-only";
import { getEnv } from "@/lib/env";

/**
 * The public origin for canonical links, feeds and sitemaps. Cached pages are rendered without a
 * request to look at, so it comes from configuration (NEXTAUTH_URL, the public URL), never from
 * a Host header an attacker controls.
 */
export function siteOrigin(): string {
  const env = getEnv();
  if (env.publicUrl) {
    try {
      return new URL(env.publicUrl).origin;
    } catch {
      // getEnv validated it; fall through to the local address anyway.
    }
  }
  return `http://localhost:${env.port}`;
}
