/**
 * The client's address as the nearest trusted hop saw it. Next's server appends the socket address
 * to X-Forwarded-For, so the LAST entry is the one a client cannot forge; behind N more trusted
 * proxies, DATELINE_TRUSTED_PROXIES would move this (see README).
 */
export function clientIpFrom(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = hops.at(-1) ?? (headers instanceof Headers ? headers.get("x-real-ip") : null);
  return ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null;
}
