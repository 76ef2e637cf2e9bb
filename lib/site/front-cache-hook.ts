/**
 * The seam between Next's bundles and the page cache in front of Next (scripts/serve.mjs), which
 * live in the same process but share nothing except globalThis. The server installs a purge
 * function; revalidation calls it and waits until every page-cache worker has dropped its copies
 * (scripts/worker-pool.mjs). Without the front cache (next dev, plain next start) this is a no-op.
 */
const store = globalThis as typeof globalThis & { __datelineFrontCachePurge?: () => Promise<void> | void };

export async function purgeFrontCache(): Promise<void> {
  await store.__datelineFrontCachePurge?.();
}
