import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { parsePublicPath, MAX_PAGE, SECTION_PAGE_SIZE } from "./paths";
import { installPublicRouter, type PublicRouter, type RouteAnswer } from "./public-router";
import { authorHasPublishedStories, listSectionCards, listSiteSections, readSiteSettings, resolvePathTarget, tagHasPublishedStories } from "./queries";
import { descendantIds, topLevelSections } from "./section-tree";
import { DEFAULT_STATUS_FRAME, type StatusFrame } from "./status-pages";
import { normalizeLanguage } from "./language";

/**
 * The proxy's resolver (interface and reasons in public-router.ts). Each answer is read from the
 * database once and remembered; a cached article therefore costs no query here either. What is
 * remembered is forgotten exactly when it can change:
 *   - a public change forgets the paths it touched, every answer derived from that story (its old
 *     addresses' 301s and 410s), and the answers that depend on listings (author, tag and
 *     section-page existence);
 *   - a change to the section tree or settings forgets everything.
 * Memory is bounded: the oldest answers are dropped first, which costs one query when asked again.
 */

const MAX_REMEMBERED = 50_000;

/**
 * Addresses served by other parts of the app (or by route handlers that answer for themselves).
 * Other routes are also learned from the build's route manifest (see otherRoutes), so a page
 * another part of the app adds later is never answered 404 here.
 */
const PASS_THROUGH = new Set(["api", "desk", "login", "setup", "invite", "media", "_next", "sitemaps", "feed.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt"]);

type Remembered = { answer: RouteAnswer; storyId?: string; dependsOnListings?: boolean };

const PAGE_PARAM = /^[1-9][0-9]{0,6}$/;

function pageParamIsValid(searchParams: URLSearchParams): boolean {
  const values = searchParams.getAll("page");
  if (values.length === 0) return true;
  return values.length === 1 && PAGE_PARAM.test(values[0]!) && Number(values[0]) <= MAX_PAGE;
}

const OK: RouteAnswer = { status: 200 };

/** Routes other than the public catch-all, from the production build's route manifest. */
function otherRoutes(): RegExp[] {
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "routes-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { staticRoutes?: { page: string; regex: string }[]; dynamicRoutes?: { page: string; regex: string }[] };
    return [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])]
      .filter((route) => route.page !== "/[[...path]]")
      .map((route) => new RegExp(route.regex));
  } catch {
    // No production manifest (next dev): the fixed list above still applies.
    return [];
  }
}

/**
 * Files in public/ (favicons, logo, default share image): Next serves them, but the proxy sees
 * their addresses first and must not mistake them for story paths. Read once at start-up.
 */
function publicFiles(): Set<string> {
  try {
    const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "public");
    return new Set(fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name));
  } catch {
    return new Set();
  }
}

const NOT_FOUND: RouteAnswer = { status: 404 };

export function createRouteResolver(routes: readonly RegExp[] = [], staticFiles: ReadonlySet<string> = new Set()): PublicRouter {
  const remembered = new Map<string, Remembered>();
  let statusFrame: StatusFrame = DEFAULT_STATUS_FRAME;
  // Bumped by every forget: an answer read from the database before a change is not remembered
  // after it (it may say "404" for a story published while it was being read).
  let generation = 0;

  const remember = (key: string, value: Remembered, readAt: number): RouteAnswer => {
    if (readAt !== generation) return value.answer;
    remembered.delete(key);
    remembered.set(key, value);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    return value.answer;
  };

  const recall = async (key: string, compute: () => Promise<Remembered>): Promise<RouteAnswer> => {
    const hit = remembered.get(key);
    if (hit) return hit.answer;
    const readAt = generation;
    return remember(key, await compute(), readAt);
  };

  async function resolveEntry(pathname: string, segments: string[]): Promise<RouteAnswer> {
    const parsed = parsePublicPath(segments);
    if (parsed.kind === "invalid") return NOT_FOUND;
    if (parsed.kind === "home") return OK;
    if (parsed.kind === "section-page") {
      return recall(pathname, async () => {
        const sections = await listSiteSections();
        const section = sections.find((s) => s.path === parsed.sectionPath);
        if (!section) return { answer: NOT_FOUND };
        const list = await listSectionCards(descendantIds(sections, section.id), parsed.page, SECTION_PAGE_SIZE);
        return { answer: list.items.length > 0 ? OK : NOT_FOUND, dependsOnListings: true };
      });
    }
    return recall(pathname, async () => {
      const target = await resolvePathTarget(parsed.path, parsed.parentPath, parsed.slug);
      switch (target.kind) {
        case "section":
          return { answer: OK };
        case "article":
          return { answer: OK, storyId: target.storyId };
        case "redirect":
          return { answer: { status: 301, location: target.location }, storyId: target.storyId };
        case "gone":
          return { answer: { status: 410 }, storyId: target.storyId };
        default:
          return { answer: NOT_FOUND };
      }
    });
  }

  return {
    async answer(pathname, searchParams) {
      if (pathname === "/" || pathname === "") return OK;
      const segments = pathname.slice(1).split("/");
      const first = segments[0] ?? "";
      if (PASS_THROUGH.has(first) || (segments.length === 1 && staticFiles.has(first))) return OK;
      if (first === "search") {
        return segments.length === 1 && pageParamIsValid(searchParams) ? OK : NOT_FOUND;
      }
      if (first !== "authors" && first !== "tags" && routes.some((route) => route.test(pathname))) return OK;
      if (first === "authors" || first === "tags") {
        const slug = segments[1] ?? "";
        if (segments.length !== 2 || !pageParamIsValid(searchParams) || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return NOT_FOUND;
        return recall(`/${first}/${slug}`, async () => ({
          answer: (first === "authors" ? await authorHasPublishedStories(slug) : await tagHasPublishedStories(slug)) ? OK : NOT_FOUND,
          dependsOnListings: true,
        }));
      }
      return resolveEntry(pathname, segments);
    },
    statusFrame: () => statusFrame,
    forget({ storyId, paths }) {
      generation++;
      for (const path of paths) remembered.delete(path);
      for (const [key, value] of remembered) {
        if (value.storyId === storyId || value.dependsOnListings) remembered.delete(key);
      }
    },
    forgetAll() {
      generation++;
      remembered.clear();
      void refreshStatusFrame();
    },
  };

  async function refreshStatusFrame(): Promise<void> {
    try {
      const [settings, sections] = await Promise.all([readSiteSettings(), listSiteSections()]);
      statusFrame = {
        name: settings?.name ?? DEFAULT_STATUS_FRAME.name,
        language: normalizeLanguage(settings?.defaultLanguage),
        sections: topLevelSections(sections).map((s) => ({ name: s.name, path: s.path })),
      };
    } catch {
      // Keep the last frame: the status pages must answer even while the database is away.
    }
  }
}

/** Called once from instrumentation.ts when the server starts (never during the build). */
export async function startRouteResolver(): Promise<void> {
  if (getEnv().isBuildPhase) return;
  const router = createRouteResolver(otherRoutes(), publicFiles());
  router.forgetAll();
  installPublicRouter(router);
}
