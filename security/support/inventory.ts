/**
 * What the production build exposes over HTTP, read from the build and the sources rather than
 * listed by hand: every server action (Next's server-reference manifest, cross-checked against
 * every `"use server"` module's exports) and every route handler with its exported methods.
 */
import fs from "node:fs";
import path from "node:path";

export type ActionRef = {
  /** The id a client sends in the `Next-Action` header; it changes with every build. */
  id: string;
  /** `<source file>#<export>`: the stable name the expectations table uses. */
  key: string;
  file: string;
  exportName: string;
  /** Pages whose server bundle holds the action (e.g. `app/(desk)/desk/stories/[id]/page`). */
  workers: string[];
};

export type RouteRef = { key: string; method: string; route: string; file: string };

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

const ROOT = process.cwd();

export function readActionManifest(root = ROOT): ActionRef[] {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry>; edge: Record<string, ManifestEntry> };
  const out: ActionRef[] = [];
  for (const [id, entry] of [...Object.entries(manifest.node), ...Object.entries(manifest.edge)]) {
    // Next 16 records the source module and export of each action; without them nothing could be
    // matched to an expectation, so their absence is an error rather than something to skip.
    if (!entry.filename || !entry.exportedName) throw new Error(`server action ${id} has no filename/exportedName in the manifest`);
    out.push({ id, key: `${entry.filename}#${entry.exportedName}`, file: entry.filename, exportName: entry.exportedName, workers: Object.keys(entry.workers).sort() });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(full, out);
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/**
 * Exports of every module that starts with "use server", and every function with its own inline
 * "use server" (reported as `<file>#inline`): each of them is a public POST endpoint.
 */
export function sourceServerActions(root = ROOT): string[] {
  const keys: string[] = [];
  for (const dir of ["app", "lib", "components"]) {
    for (const file of walk(path.join(root, dir), [])) {
      const text = fs.readFileSync(file, "utf8");
      const rel = path.relative(root, file).split(path.sep).join("/");
      const body = text.replace(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*/, "");
      if (/^["']use server["']/.test(body)) {
        for (const match of text.matchAll(/export\s+(?:async\s+)?function\s+([A-Za-z0-9_$]+)/g)) keys.push(`${rel}#${match[1]}`);
        for (const match of text.matchAll(/export\s+const\s+([A-Za-z0-9_$]+)/g)) keys.push(`${rel}#${match[1]}`);
      } else if (/\n\s*["']use server["']/.test(text)) {
        keys.push(`${rel}#inline`);
      }
    }
  }
  return keys.sort();
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function exportedMethods(text: string): string[] {
  const found = new Set<string>();
  for (const method of METHODS) {
    if (new RegExp(`export\\s+(async\\s+)?function\\s+${method}\\b`).test(text)) found.add(method);
    if (new RegExp(`export\\s+const\\s+${method}\\b`).test(text)) found.add(method);
    for (const list of text.matchAll(/export\s*\{([^}]*)\}/g)) {
      if (new RegExp(`(^|[\\s,])(\\w+\\s+as\\s+)?${method}\\s*(,|$)`).test(list[1]!)) found.add(method);
    }
  }
  return [...found];
}

/**
 * Every route handler the build serves (`app-paths-manifest.json`), with the methods its source
 * exports. Metadata routes built from a static file (app/icon.svg) answer GET only.
 */
export function readRoutes(root = ROOT): RouteRef[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next", "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const out: RouteRef[] = [];
  for (const entry of Object.keys(manifest)) {
    if (!entry.endsWith("/route")) continue;
    const route = entry.slice(0, -"/route".length) || "/";
    const source = ["route.ts", "route.tsx", "route.js"].map((name) => path.join(root, "app", route, name)).find((candidate) => fs.existsSync(candidate));
    if (source) {
      const methods = exportedMethods(fs.readFileSync(source, "utf8"));
      if (methods.length === 0) throw new Error(`${source} exports no HTTP method`);
      for (const method of methods) out.push({ key: `${method} ${route}`, method, route, file: path.relative(root, source) });
    } else if (fs.existsSync(path.join(root, "app", route))) {
      out.push({ key: `GET ${route}`, method: "GET", route, file: path.join("app", route) });
    } else {
      throw new Error(`no source found for the route ${entry}`);
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** The source route.ts files, so a handler the build somehow missed is noticed too. */
export function sourceRouteFiles(root = ROOT): string[] {
  return walk(path.join(root, "app"), [])
    .filter((file) => /\/route\.(ts|tsx|js)$/.test(file))
    .map((file) => path.relative(root, file).split(path.sep).join("/"))
    .sort();
}

/** A URL for a page bundle: route groups dropped, dynamic segments filled in. */
export function pagePath(worker: string, params: Record<string, string> = {}): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const name = /^\[+\.{0,3}([^\]]+)\]+$/.exec(s)?.[1];
      if (!name) return s;
      return params[name] ?? "00000000-0000-4000-8000-000000000000";
    });
  return `/${segments.join("/")}`;
}
