import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createPageCacheWorker } from "./page-cache-worker.mjs";
import { PublicPageCache } from "./front-cache.mjs";

/**
 * A stand-in for the app process on a real Unix socket: it answers the article as a stored page
 * (as scripts/serve.mjs does: x-dateline-cache, ETag, the entry's headers), anything else plainly,
 * and echoes WebSocket-style upgrades. It records what reached it.
 */
async function startApp(dir: string) {
  const socketPath = path.join(dir, "app.sock");
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let version = 1;
  let holdArticle: (() => void) | null = null;
  const sockets = new Set<import("node:stream").Duplex>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const answer = () => {
        if (req.url === "/news/story") {
          const body = `<!DOCTYPE html><html><body><h1>Version ${version}</h1>${"x".repeat(3000)}</body></html>`;
          res.writeHead(200, {
            "content-type": "text/html; charset=utf-8",
            "cache-control": "public, max-age=0, s-maxage=60, stale-while-revalidate=60",
            "content-security-policy": "script-src 'self' 'sha256-abc'",
            "surrogate-key": "site:settings story:1",
            "cache-tag": "site:settings,story:1",
            etag: `"dl-v${version}"`,
            "x-dateline-cache": "MISS",
            "content-length": Buffer.byteLength(body),
          });
          res.end(body);
          return;
        }
        if (req.url === "/desk") {
          res.writeHead(200, [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["content-type", "text/plain"]].flat());
          res.end(`desk ${req.method} ${Buffer.concat(chunks).toString()}`);
          return;
        }
        res.writeHead(404, { "content-type": "text/html" });
        res.end("<p>not here</p>");
      };
      if (req.url === "/news/story" && holdArticle === null && version === 99) holdArticle = answer;
      else answer();
    });
  });
  server.on("upgrade", (req, socket) => {
    seen.push({ method: "UPGRADE", url: req.url!, headers: req.headers, body: "" });
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    socket.on("data", (d: Buffer) => socket.write(`echo:${d.toString()}`));
    socket.on("end", () => socket.destroy());
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    seen,
    setVersion: (v: number) => (version = v),
    release: () => holdArticle?.(),
    upgraded: sockets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-test-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const app = await startApp(dir);
  cleanups.push(() => app.close());
  const cache = new PublicPageCache({ ttlMs: 60_000 });
  const { server, agent } = createPageCacheWorker({ appSocket: app.socketPath, cache });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => {
    agent.destroy();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { app, cache, origin };
}

describe("a page-cache worker in front of the app process", () => {
  it("fills a stored page once from the app, then answers it itself: gzip, 304, HEAD, the same headers", async () => {
    const { app, origin } = await setUp();
    const first = await fetch(`${origin}/news/story`, { headers: { "accept-encoding": "gzip" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-dateline-cache")).toBe("MISS");
    expect(await first.text()).toContain("Version 1");
    // The app was asked for the plain page, without the client's conditional.
    expect(app.seen[0]!.headers["accept-encoding"]).toBeUndefined();

    const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http.get(`${origin}/news/story`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(raw.headers["x-dateline-cache"]).toBe("HIT");
    expect(raw.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(raw.body).toString()).toContain("Version 1");
    expect(raw.headers["surrogate-key"]).toBe("site:settings story:1");
    expect(raw.headers["cache-tag"]).toBe("site:settings,story:1");
    expect(raw.headers["cache-control"]).toBe("public, max-age=0, s-maxage=60, stale-while-revalidate=60");
    expect(raw.headers["content-security-policy"]).toBe("script-src 'self' 'sha256-abc'");
    expect(raw.headers["x-content-type-options"]).toBe("nosniff");
    expect(raw.headers.etag).toBe('"dl-v1"');

    expect((await fetch(`${origin}/news/story`, { headers: { "if-none-match": '"dl-v1"' } })).status).toBe(304);
    const head = await fetch(`${origin}/news/story`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(app.seen.filter((r) => r.url === "/news/story")).toHaveLength(1);
  });

  it("drops its pages on purge, and does not keep a page the app answered before a purge", async () => {
    const { app, cache, origin } = await setUp();
    await (await fetch(`${origin}/news/story`)).text();
    app.setVersion(2);
    cache.purge();
    expect(await (await fetch(`${origin}/news/story`)).text()).toContain("Version 2");

    // A fill in flight across a purge: answered, but not kept.
    cache.purge();
    app.setVersion(99);
    const pending = fetch(`${origin}/news/story`).then((r) => r.text());
    while (!app.seen.some((r) => r.url === "/news/story" && app.seen.indexOf(r) >= 2)) await new Promise((r) => setTimeout(r, 5));
    cache.purge();
    app.release();
    expect(await pending).toContain("Version 99");
    app.setVersion(3);
    expect(await (await fetch(`${origin}/news/story`)).text()).toContain("Version 3");
  });

  it("passes everything else to the app unchanged: method, body, every Set-Cookie, the client's address appended", async () => {
    const { app, origin } = await setUp();
    const posted = await fetch(`${origin}/desk`, { method: "POST", body: "form=1", headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe("desk POST form=1");
    expect(posted.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const seen = app.seen.at(-1)!;
    expect(seen.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");

    const missing = await fetch(`${origin}/nowhere`, { headers: { "accept-encoding": "identity" } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<p>not here</p>");
    // Never kept: the next request reaches the app again.
    await (await fetch(`${origin}/nowhere`)).text();
    expect(app.seen.filter((r) => r.url === "/nowhere")).toHaveLength(2);
  });

  it("relays WebSocket upgrades to the app process, both ways", async () => {
    const { app, origin } = await setUp();
    const { port } = new URL(origin);
    const socket = net.connect(Number(port), "127.0.0.1");
    const received: string[] = [];
    socket.on("data", (d: Buffer) => received.push(d.toString()));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("GET /desk/collab/abc HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nCookie: s=1\r\n\r\n");
    while (!received.join("").includes("101")) await new Promise((r) => setTimeout(r, 5));
    socket.write("hello");
    while (!received.join("").includes("echo:hello")) await new Promise((r) => setTimeout(r, 5));
    socket.destroy();
    // The relay closes the app's end too when the client goes.
    while ([...app.upgraded].some((s) => !s.destroyed)) await new Promise((r) => setTimeout(r, 5));
    const upgrade = app.seen.find((r) => r.method === "UPGRADE")!;
    expect(upgrade.url).toBe("/desk/collab/abc");
    expect(upgrade.headers.cookie).toBe("s=1");
    expect(upgrade.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("answers 502 with a plain message when the app process does not answer", async () => {
    const { app, origin } = await setUp();
    await app.close();
    const response = await fetch(`${origin}/desk`);
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/not answering/);
  });
});
