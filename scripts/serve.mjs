#!/usr/bin/env node
// The production server: Next's request handler behind the public page cache (front-cache.mjs).
// Started by scripts/start.mjs; `DATELINE_FRONT_CACHE=off` serves through Next alone.
//
// This process is the app process: the only one that runs Next and opens the database. With
// DATELINE_WORKERS > 0 (default: one per core) it listens on a private Unix socket instead of the
// public port, and that many page-cache workers (scripts/page-cache-worker.mjs) share the public
// port in front of it: they answer stored public pages on every core and hand everything else,
// WebSocket upgrades included, to this process.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import next from "next";
import { appendSocketAddress } from "./client-address.mjs";
import { handleWithFrontCache, PublicPageCache, pageCacheControl } from "./front-cache.mjs";
import { refuseOversizedPagePost, serverActionBodyLimit } from "./page-post-limit.mjs";
import { hashDocumentScripts, isDocumentRequest, setSecurityHeaders } from "./security-response.mjs";
import { readServerSettings } from "./server-settings.mjs";
import { startWorkerPool } from "./worker-pool.mjs";

let settings;
try {
  settings = readServerSettings();
} catch (error) {
  console.error(`\n✖ ${error.message}\n`);
  process.exit(1);
}
const { port, frontCacheOn, bypassAllowed, workers } = settings;

const cache = new PublicPageCache({ ttlMs: settings.ttlMs, cacheControl: pageCacheControl(settings) });
let pool = null;
// lib/site/front-cache-hook.ts calls this after every public change (and waits for it); Next's
// bundles share globalThis.
globalThis.__datelineFrontCachePurge = () => {
  cache.purge();
  return pool?.purge();
};
globalThis.__datelineFrontCacheStats = () => ({ entries: cache.entries.size, bytes: cache.bytes, hits: cache.hits, misses: cache.misses });

const actionBodyLimit = serverActionBodyLimit();

const app = next({ dev: false, dir: process.cwd(), port });
// On its first request Next adds its own "upgrade" listener to this server (it serves development
// hot reload); in production that listener ends every socket it does not route, so collaboration
// sockets died right after opening once any page had been served. The handler below is the
// only one: it hands /desk/collab/ to the collaboration endpoint and refuses the rest.
app.didWebSocketSetup = true;
await app.prepare();
const handle = app.getRequestHandler();

/** Next answers; a document's inline scripts are hashed into its CSP (decided before Next runs). */
function handleWithNext(req, res) {
  if (isDocumentRequest(req)) hashDocumentScripts(req, res);
  return handle(req, res);
}

const server = http.createServer((req, res) => {
  // From a worker (Unix socket) there is no address to add: the worker appended the client's.
  appendSocketAddress(req);
  setSecurityHeaders(req, res);
  if (refuseOversizedPagePost(req, res, actionBodyLimit)) return;
  const bypass = !frontCacheOn || (bypassAllowed && req.headers["x-dateline-front-cache"] === "bypass");
  // A page served from the cache never reaches Next and is not captured again.
  void handleWithFrontCache(cache, req, res, () => handleWithNext(req, res), { bypass });
});
// WebSocket upgrades: only the shared story documents (/desk/collab/<story>), handled inside Next's
// runtime by lib/collab/startup.ts, which installs the handler from instrumentation.ts.
server.on("upgrade", (req, socket, head) => {
  const handleCollab = globalThis.__datelineCollabUpgrade;
  if (!handleCollab || !(req.url ?? "").startsWith("/desk/collab/")) {
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return;
  }
  appendSocketAddress(req);
  handleCollab(req, socket, head);
});
server.keepAliveTimeout = 65_000;

const ready = (detail) => console.log(`Dateline: ready on http://localhost:${port}${detail}${frontCacheOn ? "" : " (public page cache off)"}`);
if (workers === 0) {
  server.listen(port, () => ready(""));
} else {
  // Private to this user: a folder only it may enter, removed when the process ends.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-app-"));
  const appSocket = path.join(socketDir, "app.sock");
  process.on("exit", () => fs.rmSync(socketDir, { recursive: true, force: true }));
  await new Promise((resolve) => server.listen(appSocket, resolve));
  pool = startWorkerPool({ count: workers, appSocket });
  // lib/server-runtime.ts closes the database and exits; the workers stop taking requests first.
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => pool.stop());
  await pool.ready;
  ready(` (${workers} page-cache worker${workers === 1 ? "" : "s"})`);
}
