/**
 * For tests, the fuzzer and the benchmark: the collaboration endpoint on a real HTTP server on
 * loopback (the same upgrade handler serve.mjs calls), and Node clients that open it the way a
 * browser does (HocuspocusProvider over `ws`, with the session cookie and the page's Origin).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { encodeSessionCookie } from "@/lib/auth/session-token";
import { startUserSession } from "@/lib/sessions/commands";
import { sessionCookieName, shouldUseSecureCookies } from "@/lib/auth/session-cookie";
import { createCollabServer, type CollabServer } from "./server";

export type CollabTestServer = { port: number; origin: string; collab: CollabServer; stop: () => Promise<void> };

export async function startCollabTestServer(options: { opensPerMinute?: number } = {}): Promise<CollabTestServer> {
  const collab = createCollabServer(options);
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    collab,
    stop: async () => {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Cookie header carrying a real session for this person, as the sign-in form would set it. */
export async function sessionCookieFor(user: { id: string; name: string; email: string; sessionEpoch: number }): Promise<string> {
  return `${sessionCookieName(shouldUseSecureCookies())}=${await encodeSessionCookie(user, await startUserSession(user.id))}`;
}

export type TestClient = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  closes: Array<{ code: number; reason: string }>;
  /** Resolves when the server holds every change this client made (its acknowledgements). */
  settled: (timeoutMs?: number) => Promise<void>;
  disconnect: () => void;
  connect: () => Promise<void>;
  destroy: () => void;
};

export function connectClient(options: {
  port: number;
  storyId: string;
  cookie?: string;
  origin?: string;
  doc?: Y.Doc;
  /** The document asked for inside the socket; the story of the address unless a test forges it. */
  documentName?: string;
  /** False: stay closed once the server closes the socket (tests of refusals). */
  reconnect?: boolean;
}): TestClient {
  const headers: Record<string, string> = { origin: options.origin ?? `http://127.0.0.1:${options.port}` };
  if (options.cookie) headers.cookie = options.cookie;
  const closes: Array<{ code: number; reason: string }> = [];
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
      this.on("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
      this.on("error", () => undefined);
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${options.port}/desk/collab/${options.storyId}`,
    WebSocketPolyfill: BrowserLikeWebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 500,
    maxAttempts: 0,
  });
  if (options.reconnect === false) socket.on("close", () => socket.disconnect());
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: options.documentName ?? options.storyId, document: doc, token: "session-cookie" });
  provider.attach();
  const settled = async (timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(provider.isSynced && provider.unsyncedChanges === 0)) {
      if (Date.now() > deadline) throw new Error(`client not settled: synced=${provider.isSynced} unsynced=${provider.unsyncedChanges} closes=${JSON.stringify(closes)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    doc,
    provider,
    socket,
    closes,
    settled,
    disconnect: () => socket.disconnect(),
    connect: async () => {
      await socket.connect();
    },
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

/** Opens a raw socket and reports how the server answered the upgrade. */
export function probeUpgrade(url: string, headers: Record<string, string>): Promise<{ opened: boolean; status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => resolve({ opened: true, socket: ws }));
    ws.on("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
    });
    ws.on("error", () => resolve({ opened: false }));
  });
}
