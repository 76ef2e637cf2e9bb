// Used by the production server (scripts/serve.mjs) on every request.
// Next 16 keeps a client-sent X-Forwarded-For as it is and only fills the header when it is
// missing, so without this a client could claim any address and dodge per-IP sign-in throttling.
// Behave like a proxy instead: append the socket's address, so the last entry is always one the
// client did not write (lib/auth/client-ip.ts reads it from the right, see DATELINE_TRUSTED_PROXIES).
export function appendSocketAddress(req) {
  const address = req.socket && req.socket.remoteAddress;
  if (!address) return;
  const existing = req.headers["x-forwarded-for"];
  const prior = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${address}` : address;
}
