/**
 * What the proxy asks before a public page renders: does this address exist, has it moved (301),
 * or has its story been withdrawn (410)? A page cannot answer 410 at all, Next's redirect() answers
 * 308, and a page that calls notFound() gets an empty HTML body from Next (vercel/next.js#62228:
 * the not-found UI exists only in the RSC payload until JavaScript runs). So the proxy answers
 * those three itself, with complete HTML, and only addresses that exist reach the pages.
 *
 * The resolver behind this interface reads the database and remembers each answer until a public
 * change forgets it (lib/site/route-resolver.ts); it is installed on globalThis at start-up because
 * the proxy, the instrumentation hook and the routes are separate bundles of one process. This
 * module has no database access, so the proxy stays light. Until the resolver is installed every
 * address passes through and the pages fall back to notFound()/permanentRedirect().
 */

import type { StatusFrame } from "./status-pages";
export type RouteAnswer =
  | { status: 200 }
  | { status: 301; location: string }
  | { status: 404 }
  | { status: 410 };

export type PublicRouter = {
  answer(pathname: string, searchParams: URLSearchParams): Promise<RouteAnswer>;
  /** Newsroom name, language and top-level sections for the 404/410 pages. */
  statusFrame(): StatusFrame;
  /** After a public change: forget what was remembered about these paths and this story. */
  forget(change: { storyId: string; paths: readonly string[] }): void;
  /** After the section tree or settings change: forget everything. */
  forgetAll(): void;
};

const store = globalThis as typeof globalThis & { __datelinePublicRouter?: PublicRouter };

export function installPublicRouter(router: PublicRouter): void {
  store.__datelinePublicRouter = router;
}

export function getPublicRouter(): PublicRouter | undefined {
  return store.__datelinePublicRouter;
}
