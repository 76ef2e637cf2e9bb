import { getEnv } from "@/lib/env";

/**
 * True when a state-changing request came from the newsroom's own pages: the session cookie rides
 * along on cross-site requests too, so every cookie-authenticated POST route checks this.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    const parsed = new URL(origin);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
    originHost = parsed.host.toLowerCase();
  } catch {
    return false;
  }
  const allowed = new Set<string>();
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwardedHost || request.headers.get("host") || safeHost(request.url);
  if (host) allowed.add(host.toLowerCase());
  const publicUrl = getEnv().publicUrl;
  if (publicUrl) {
    const publicHost = safeHost(publicUrl);
    if (publicHost) allowed.add(publicHost.toLowerCase());
  }
  return allowed.has(originHost);
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
