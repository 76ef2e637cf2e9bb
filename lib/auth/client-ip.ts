/**
 * The client's address, for sign-in throttling and the audit log.
 *
 * The production server (scripts/serve.mjs) uses scripts/client-address.mjs, which appends the socket's address to
 * X-Forwarded-For the way a proxy would (Next itself only fills the header when it is absent, so
 * a client could otherwise claim any address and get a fresh throttle bucket per request). The
 * last entry is therefore always one the client did not write. Behind N trusted reverse proxies
 * (DATELINE_TRUSTED_PROXIES=N) the client is the entry N places before it: what the outermost
 * trusted proxy saw. Everything further left is client-written and ignored.
 */
export function clientIpFrom(
  headers: Headers | Record<string, string | string[] | undefined>,
  trustedProxies = 0,
): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const hops = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return null;
  // Fewer entries than trusted proxies means the request skipped them; the first entry is then
  // the nearest thing to a client address there is.
  const ip = hops.at(-1 - Math.max(0, trustedProxies)) ?? hops[0]!;
  return ip.replace(/^::ffff:/, "").slice(0, 64);
}
