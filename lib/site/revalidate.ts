import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "@/lib/validation/zod";
import { getEnv } from "@/lib/env";
import { broadcastPublicChanges, type PublicChange } from "@/lib/publishing/commands";
import { randomUUID } from "node:crypto";
import { SITE_TAGS } from "./cache-tags";
import { purgeFrontCache } from "./front-cache-hook";
import { getInternalToken, INTERNAL_TOKEN_HEADER } from "./internal-token";
import { readRevalidationScope } from "./queries";
import { getPublicRouter } from "./public-router";
import { purgeSharedCaches } from "./shared-cache-purge";

/**
 * Makes a public change visible: call it after publish, publish update (correction or not),
 * unpublish and every scheduled publish, with the `publicChange` that transitionStory /
 * publishDueStories returned.
 *
 * Exactly these are refreshed: the story (its article page and every listing that shows it), each
 * section of its old and new lineage, home, feeds and sitemaps, its translation group's "Read in"
 * links, and every path it touched (old and new address, including a 404 cached there before it
 * was published). The proxy forgets what it knew about those paths and that story (its 301/404/410
 * answers) in the same call.
 *
 * Next's revalidateTag only works inside a request (a server action or route handler): it throws
 * "static generation store missing" anywhere else, e.g. in the scheduler's setInterval started by
 * instrumentation.ts. So outside a request this hands the change to the server's own internal
 * route (POST /api/internal/revalidate on loopback, authenticated by a per-process secret), which
 * runs this same function inside a request. Callers need not know where they run.
 */
export async function revalidatePublicChange(change: PublicChange): Promise<void> {
  await revalidatePublicChanges([change]);
}

export async function revalidatePublicChanges(changes: readonly PublicChange[], options: { settling?: boolean; fromPeer?: boolean } = {}): Promise<void> {
  if (changes.length === 0) return;
  if (!probeRequestScope()) {
    await requestRevalidationFromServer(changes, options.settling ?? false, options.fromPeer ?? false);
    return;
  }
  const purged = new Set<string>();
  for (const change of changes) {
    const scope = await readRevalidationScope(change.storyId);
    for (const tag of publicChangeTags(change, scope)) {
      revalidateTag(tag, { expire: 0 });
      purged.add(tag);
    }
    for (const path of change.paths) revalidatePath(path);
    getPublicRouter()?.forget(change);
  }
  await purgeFrontCache();
  // Shared caches in front (Varnish, a CDN) drop the same tags; never awaited, never fatal. The
  // instance that made the change tells them (again when settling); its peers need not.
  if (!options.fromPeer) purgeSharedCaches([...purged]);
  if (!options.settling) scheduleSettling(changes);
  // Other instances on the same PostgreSQL refresh their own caches (lib/site/peer-revalidation.ts).
  if (!options.settling && !options.fromPeer) {
    await broadcastPublicChanges(instanceId(), changes).catch((error) => {
      console.error(`Dateline: telling other instances about a public change failed (${error instanceof Error ? error.message : "unknown error"}).`);
    });
  }
}

/** This process's name among the instances sharing a database (shared by Next's bundles). */
export function instanceId(): string {
  const store = globalThis as typeof globalThis & { __datelineInstanceId?: string };
  store.__datelineInstanceId ??= randomUUID();
  return store.__datelineInstanceId;
}

/**
 * A page that was rendering while the change committed read the old data, and if it finishes
 * after the revalidation above, Next keeps it as fresh. Revalidating once more a moment later
 * (by then every such render is done) closes that window. From a timer the request scope is gone,
 * so it goes over loopback; `settling` keeps it from scheduling yet another round.
 */
const SETTLE_AFTER_MS = 1500;

function scheduleSettling(changes: readonly PublicChange[]): void {
  const timer = setTimeout(() => {
    requestRevalidationFromServer(changes, true).catch((error) => {
      console.error(`Dateline: the delayed public revalidation failed (${error instanceof Error ? error.message : "unknown error"}).`);
    });
  }, SETTLE_AFTER_MS);
  timer.unref?.();
}

/**
 * After the section tree or the newsroom settings change (names, paths, time zone): every page
 * shows them in its navigation, breadcrumbs or datelines. Call it from the server action or route
 * handler that made the change.
 */
export async function revalidateSiteStructure(): Promise<void> {
  if (!probeRequestScope()) throw new Error("revalidateSiteStructure must run inside a server action or route handler.");
  for (const tag of [SITE_TAGS.sections, SITE_TAGS.settings, SITE_TAGS.home, SITE_TAGS.feeds]) revalidateTag(tag, { expire: 0 });
  getPublicRouter()?.forgetAll();
  await purgeFrontCache();
  purgeSharedCaches([SITE_TAGS.sections, SITE_TAGS.settings, SITE_TAGS.home, SITE_TAGS.feeds]);
}

/** The tags one change invalidates. Pure, exported for tests. */
export function publicChangeTags(change: PublicChange, scope: { translationGroupId: string | null }): string[] {
  const tags = [
    SITE_TAGS.story(change.storyId),
    ...change.sectionIds.map(SITE_TAGS.section),
    SITE_TAGS.home,
    SITE_TAGS.feeds,
    ...change.paths.map(SITE_TAGS.path),
  ];
  if (scope.translationGroupId) tags.push(SITE_TAGS.translations(scope.translationGroupId));
  return [...new Set(tags)];
}

/** True inside a request scope; revalidating a tag nobody uses is harmless there. */
function probeRequestScope(): boolean {
  try {
    revalidateTag(SITE_TAGS.home, { expire: 0 });
    return true;
  } catch {
    return false;
  }
}

export const publicChangesSchema = z
  .object({
    settling: z.boolean().optional(),
    fromPeer: z.boolean().optional(),
    changes: z
      .array(
        z
          .object({
            storyId: z.uuid(),
            sectionIds: z.array(z.uuid()).max(50),
            paths: z.array(z.string().startsWith("/").max(1000)).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

async function requestRevalidationFromServer(changes: readonly PublicChange[], settling: boolean, fromPeer = false): Promise<void> {
  const { port } = getEnv();
  const response = await fetch(`http://127.0.0.1:${port}/api/internal/revalidate`, {
    method: "POST",
    headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: getInternalToken() },
    body: JSON.stringify({ changes, settling, fromPeer }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`The public site could not be refreshed (HTTP ${response.status}).`);
}
