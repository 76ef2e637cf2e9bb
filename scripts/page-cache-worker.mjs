// A page-cache worker: one of DATELINE_WORKERS processes that share the public port (node:cluster)
// in front of the one app process (scripts/serve.mjs), which alone runs Next and owns the database
// (the embedded one may only be opened by one process).
//
// A worker answers the public pages it holds itself, from memory, with the same bytes and headers
// the app process would send (scripts/front-cache.mjs). Everything else (desk, sign-in, API, media,
// server actions, pages it does not hold yet, WebSocket upgrades for /desk/collab/…) goes to the app
// process over its private socket, unchanged. A page the app answers as a stored page is kept.
//
// Purges come from the app process over the cluster channel and are acknowledged, so a publish
// finishes only after every worker dropped its copies. The worker ignores SIGINT and SIGTERM: the
// app process stops the whole server (it closes the database first), and a worker whose app process
// is gone exits with it (the cluster channel closes).
import cluster from "node:cluster";
import http from "node:http";
import net from "node:net";
import { appendSocketAddress } from "./client-address.mjs";
import { isCandidate, PublicPageCache, pageCacheControl, sendEntry } from "./front-cache.mjs";
import { sendCapturedBody } from "./response-capture.mjs";
import { setSecurityHeaders } from "./security-response.mjs";
import { readServerSettings } from "./server-settings.mjs";

// Per hop, never forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"]);

function forwardedHeaders(rawHeaders) {
  const out = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (!HOP_BY_HOP.has(rawHeaders[i].toLowerCase())) out.push(rawHeaders[i], rawHeaders[i + 1]);
  return out;
}

/** The request's headers as they go to the app process (after X-Forwarded-For was appended). */
function requestHeadersFor(req, omit = []) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && !omit.includes(name)) headers[name] = value;
  return headers;
}

/** Collects what setSecurityHeaders and sendEntry would write, as one flat header list. */
class HeaderRecorder {
  headers = new Map();
  setHeader(name, value) {
    this.headers.set(name.toLowerCase(), [name, value]);
  }
  getHeader(name) {
    return this.headers.get(name.toLowerCase())?.[1];
  }
  removeHeader(name) {
    this.headers.delete(name.toLowerCase());
  }
  writeHead(_status, headers) {
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
  }
  end() {}
  flat() {
    return [...this.headers.values()].flat();
  }
}

/**
 * A hit is most of the traffic: its headers (security headers, the entry's own, the length) depend
 * only on the page, the encoding and HTTPS, so they are worked out once per entry and reused.
 */
function sendHit(req, res, entry) {
  if (req.method !== "GET" || req.headers["if-none-match"] !== undefined) {
    setSecurityHeaders(req, res);
    return sendEntry(req, res, entry, "HIT");
  }
  const https = String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim() === "https";
  const gzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
  const key = `${https ? "s" : ""}${gzip ? "z" : ""}`;
  entry.prepared ??= new Map();
  let headers = entry.prepared.get(key);
  if (!headers) {
    const probe = { method: "GET", url: req.url, headers: { ...(https ? { "x-forwarded-proto": "https" } : {}), ...(gzip ? { "accept-encoding": "gzip" } : {}) }, socket: {} };
    const recorder = new HeaderRecorder();
    setSecurityHeaders(probe, recorder);
    sendEntry(probe, recorder, entry, "HIT");
    headers = recorder.flat();
    entry.prepared.set(key, headers);
  }
  res.writeHead(200, headers);
  res.end(gzip ? entry.gzip : entry.body);
}

function refuse(res, status) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(status === 502 ? "The newsroom server is not answering. Try again in a moment.\n" : "");
}

/**
 * The worker's HTTP server. `appSocket` is the app process's private socket (a Unix socket path);
 * `cache` a PublicPageCache of this worker's own.
 */
export function createPageCacheWorker({ appSocket, cache, bypassAllowed = false }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

  /** Streams the request to the app process and its answer back, as they come. */
  function forward(req, res) {
    const upstream = http.request({ socketPath: appSocket, agent, method: req.method, path: req.url, headers: requestHeadersFor(req) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardedHeaders(answer.rawHeaders));
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", () => refuse(res, 502));
    // A client that goes away cancels the work it asked for.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  /** Asks the app process for a page this worker may keep: plain body, no conditional. */
  function fill(req, res) {
    const key = req.url;
    const generation = cache.generation;
    const headers = requestHeadersFor(req, ["accept-encoding", "if-none-match"]);
    const upstream = http.request({ socketPath: appSocket, agent, method: "GET", path: key, headers }, (answer) => {
      const chunks = [];
      answer.on("data", (chunk) => chunks.push(chunk));
      answer.on("error", () => res.destroy());
      answer.on("end", () => {
        const body = Buffer.concat(chunks);
        const stored = answer.statusCode === 200 && /^(HIT|MISS)$/.test(String(answer.headers["x-dateline-cache"] ?? "")) && answer.headers.etag;
        if (stored) {
          const entry = cache.entryFromAnswer(answer.headers, body);
          // Not kept when a purge arrived meanwhile: the app may have answered from before it.
          cache.set(key, entry, generation);
          setSecurityHeaders(req, res);
          sendEntry(req, res, entry, "MISS");
          return;
        }
        // Not a stored page (a redirect, a 404, a per-request page): as the app sent it, gzipped
        // for a client that asked (the app was asked for the plain body above).
        const plain = forwardedHeaders(answer.rawHeaders);
        for (let i = 0; i + 1 < plain.length; i += 2) {
          const name = plain[i].toLowerCase();
          if (name !== "content-length" && name !== "transfer-encoding") res.appendHeader(plain[i], plain[i + 1]);
        }
        res.statusCode = answer.statusCode ?? 502;
        const html = String(answer.headers["content-type"] ?? "").startsWith("text/html");
        sendCapturedBody(req, res, body, { gzip: html && /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? "")) });
      });
    });
    upstream.on("error", () => refuse(res, 502));
    upstream.end();
  }

  const server = http.createServer((req, res) => {
    // This worker is the first hop: the address the client cannot forge is appended here (the app
    // process's private socket has no address of its own to add).
    appendSocketAddress(req);
    const bypass = bypassAllowed && req.headers["x-dateline-front-cache"] === "bypass";
    if (bypass || !isCandidate(req)) return forward(req, res);
    const entry = cache.get(req.url);
    if (entry) {
      cache.hits++;
      return sendHit(req, res, entry);
    }
    cache.misses++;
    if (req.method === "HEAD") return forward(req, res);
    fill(req, res);
  });

  // WebSocket upgrades (the shared story documents): the app process owns them; bytes are relayed.
  server.on("upgrade", (req, socket, head) => {
    appendSocketAddress(req);
    const upstream = net.connect(appSocket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on("error", () => {
      if (!socket.destroyed) socket.end("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    });
    socket.on("error", close);
    upstream.once("connect", () => {
      let lines = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i].toLowerCase() === "x-forwarded-for") continue;
        lines += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      if (req.headers["x-forwarded-for"]) lines += `X-Forwarded-For: ${req.headers["x-forwarded-for"]}\r\n`;
      upstream.write(`${lines}\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("close", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  });
  server.keepAliveTimeout = 65_000;
  return { server, agent };
}

/** The purge message from the app process and its acknowledgement (scripts/worker-pool.mjs). */
export const PURGE_MESSAGE = "dateline:purge";
export const PURGED_MESSAGE = "dateline:purged";

if (cluster.isWorker) {
  const settings = readServerSettings();
  const cache = new PublicPageCache({ ttlMs: settings.ttlMs, cacheControl: pageCacheControl(settings) });
  process.on("message", (message) => {
    if (message?.type !== PURGE_MESSAGE) return;
    cache.purge();
    process.send?.({ type: PURGED_MESSAGE, id: message.id });
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {});
  // Told to stop: the server closes and what it serves finishes; a connection that lingers past
  // 10 s does not keep the worker alive.
  cluster.worker.on("disconnect", () => setTimeout(() => process.exit(0), 10_000).unref());
  const appSocket = process.env.DATELINE_APP_SOCKET;
  if (!appSocket) throw new Error("DATELINE_APP_SOCKET is not set: page-cache workers are started by scripts/serve.mjs.");
  const { server } = createPageCacheWorker({ appSocket, cache, bypassAllowed: settings.bypassAllowed });
  server.listen(settings.port);
}
