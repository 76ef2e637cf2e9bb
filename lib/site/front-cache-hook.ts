/**
 * The seam between Next's bundles and the page cache in front of Next (scripts/serve.mjs), which
 * live in the same process but share nothing except globalThis. The server installs a purge
 * function; revalidation calls it. Without the front cache (next dev, plain next start) this is a
 * no-op.
 */
const store = globalThis as typeof globalThis & { __datelineFrontCachePurge?: () => void };

export function purgeFrontCache(): void {
  store.__datelineFrontCachePurge?.();
}
