#!/usr/bin/env node
// The production server: Next's request handler behind the public page cache (front-cache.mjs).
// Started by scripts/start.mjs; `DATELINE_FRONT_CACHE=off` serves through Next alone.
import http from "node:http";
import next from "next";
import { appendSocketAddress } from "./client-address.mjs";
import { handleWithFrontCache, PublicPageCache } from "./front-cache.mjs";
import { refuseOversizedPagePost, serverActionBodyLimit } from "./page-post-limit.mjs";
import { prepareForHashing, secureResponse } from "./security-response.mjs";

const port = Number(process.env.PORT || 3000);
const frontCacheOn = (process.env.DATELINE_FRONT_CACHE ?? "on") !== "off";
// Benchmarks and end-to-end tests compare Next's own cache with this one; only they may bypass it.
const bypassAllowed = process.env.DATELINE_E2E_HOOKS === "1";
const ttlMs = Number(process.env.DATELINE_FRONT_CACHE_TTL_MS || 60_000);

const cache = new PublicPageCache({ ttlMs: Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : 60_000 });
// lib/site/front-cache-hook.ts calls this after every public change; Next's bundles share globalThis.
globalThis.__datelineFrontCachePurge = () => cache.purge();
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

const server = http.createServer((req, res) => {
  appendSocketAddress(req);
  secureResponse(req, res);
  if (refuseOversizedPagePost(req, res, actionBodyLimit)) return;
  const bypass = !frontCacheOn || (bypassAllowed && req.headers["x-dateline-front-cache"] === "bypass");
  void handleWithFrontCache(cache, req, res, () => handle(prepareForHashing(req), res), { bypass });
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
server.listen(port, () => {
  console.log(`Dateline: ready on http://localhost:${port}${frontCacheOn ? "" : " (public page cache off)"}`);
});
