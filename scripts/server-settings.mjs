// The production server's own settings (scripts/serve.mjs and its page-cache workers), read once.
// lib/env.ts validates the same variables for the app; a bad value stops start-up with one line.
import os from "node:os";

const DAY = 86_400;

function integer(env, name, { min, max, fallback }) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return value;
}

/** Throws an Error with a one-line, fixable message on a bad value. */
export function readServerSettings(env = process.env) {
  const ttlMs = Number(env.DATELINE_FRONT_CACHE_TTL_MS || 60_000);
  const purging = (env.DATELINE_PURGE_URLS ?? "").trim() !== "";
  return {
    port: integer(env, "PORT", { min: 1, max: 65_535, fallback: 3000 }),
    frontCacheOn: (env.DATELINE_FRONT_CACHE ?? "on") !== "off",
    // Benchmarks and end-to-end tests compare Next's own cache with this one; only they may bypass it.
    bypassAllowed: env.DATELINE_E2E_HOOKS === "1",
    ttlMs: Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : 60_000,
    // Page-cache workers in front of the one app process; 0 lets the app process answer alone.
    workers: integer(env, "DATELINE_WORKERS", { min: 0, max: 64, fallback: os.availableParallelism() }),
    // A shared cache that is told of every change by tag may keep pages a day; one that is not,
    // as long as this server's own page cache keeps them.
    sharedMaxAge: integer(env, "DATELINE_SHARED_MAX_AGE", { min: 0, max: 365 * DAY, fallback: purging ? DAY : 60 }),
    staleWhileRevalidate: 60,
  };
}
