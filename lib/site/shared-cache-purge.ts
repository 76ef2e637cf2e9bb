import { getEnv } from "@/lib/env";

/**
 * Tells the shared HTTP caches in front of the site (Varnish, a CDN's purge endpoint) which cache
 * tags a public change made stale: one `PURGE /` per URL in DATELINE_PURGE_URLS with the tags in a
 * `Surrogate-Key` header, space-separated, the same spelling the pages carry
 * (scripts/front-cache.mjs). deploy/varnish/dateline.vcl answers such a request.
 *
 * A publish never waits for this and never fails because of it: the requests go out in the
 * background, each retried with backoff (a cache restarting comes back within seconds); one that
 * still fails is logged, and the shared cache's own s-maxage bounds how long it serves the old page.
 */

export type PurgeOptions = {
  urls?: readonly string[];
  /** Waits before the 2nd, 3rd, … attempt. */
  backoffMs?: readonly number[];
  timeoutMs?: number;
  log?: (line: string) => void;
};

const DEFAULT_BACKOFF_MS = [250, 1_000, 4_000, 15_000];
// Keeps each header well under common limits (8 KB per header in Varnish and most CDNs).
const MAX_HEADER_CHARS = 4_000;

/** The tags in header-sized groups. Pure, exported for tests. */
export function tagBatches(tags: readonly string[], maxChars = MAX_HEADER_CHARS): string[] {
  const batches: string[] = [];
  let current = "";
  for (const tag of new Set(tags)) {
    if (current && current.length + 1 + tag.length > maxChars) {
      batches.push(current);
      current = "";
    }
    current = current ? `${current} ${tag}` : tag;
  }
  if (current) batches.push(current);
  return batches;
}

/** For the log: a purge URL may carry a user and password. */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

async function purgeOnce(url: string, keys: string, timeoutMs: number): Promise<void> {
  // fetch refuses a URL with credentials: a user and password in it go as Basic authorization.
  const target = new URL(url);
  const headers: Record<string, string> = { "surrogate-key": keys };
  if (target.username || target.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString("base64")}`;
    target.username = "";
    target.password = "";
  }
  const response = await fetch(target, { method: "PURGE", headers, signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** Sends the purges and resolves when every one succeeded or gave up (tests await it; callers need not). */
export async function sendTagPurges(tags: readonly string[], options: PurgeOptions = {}): Promise<void> {
  const urls = options.urls ?? getEnv().purgeUrls;
  if (urls.length === 0 || tags.length === 0) return;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const log = options.log ?? ((line: string) => console.error(line));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const jobs = urls.flatMap((url) =>
    tagBatches(tags).map(async (keys) => {
      for (let attempt = 0; ; attempt++) {
        try {
          await purgeOnce(url, keys, timeoutMs);
          return;
        } catch (error) {
          if (attempt >= backoff.length) {
            const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "unknown error";
            log(`Dateline: purging the shared cache at ${withoutCredentials(url)} failed after ${attempt + 1} attempts (${reason}); it keeps those pages until their s-maxage ends.`);
            return;
          }
          await sleep(backoff[attempt]!);
        }
      }
    }),
  );
  await Promise.all(jobs);
}

/** Fire and forget: what revalidation calls after a public change. */
export function purgeSharedCaches(tags: readonly string[]): void {
  void sendTagPurges(tags).catch(() => undefined);
}
