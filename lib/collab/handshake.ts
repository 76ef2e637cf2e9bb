/**
 * What the collaboration endpoint decides from the upgrade request alone, before a WebSocket
 * exists: the story in the address, the Origin, and how often this address opens sockets.
 * Pure apart from the throttle's memory, so each rule is tested on its own.
 */
import type { IncomingHttpHeaders } from "node:http";

export const COLLAB_PATH_PREFIX = "/desk/collab/";
const STORY_PATH = /^\/desk\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The story id in `/desk/collab/<id>`, or null. */
export function storyIdFromPath(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split("?")[0]!;
  const match = STORY_PATH.exec(path);
  return match ? match[1]!.toLowerCase() : null;
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A browser always sends Origin with a WebSocket, and the session cookie rides along from any
 * site: only the newsroom's own pages (the host asked for, or the public URL) may open a socket.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders, publicUrl: string | null): boolean {
  const origin = headers.origin;
  if (!origin || origin === "null") return false;
  const originHost = hostOf(origin);
  if (!originHost) return false;
  const allowed = new Set<string>();
  const forwarded = typeof headers["x-forwarded-host"] === "string" ? headers["x-forwarded-host"].split(",")[0]!.trim() : "";
  const host = forwarded || headers.host;
  if (host) allowed.add(host.toLowerCase());
  if (publicUrl) {
    const publicHost = hostOf(publicUrl);
    if (publicHost) allowed.add(publicHost);
  }
  return allowed.has(originHost);
}

/** The session cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Socket opens per address in a sliding minute. A reload or a flaky network opens a few; a
 * script opening hundreds is refused (429) before any database work, as sign-in is throttled.
 */
export class OpenThrottle {
  private readonly opens = new Map<string, number[]>();

  constructor(
    readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an open; false when the address is over its limit. */
  allow(address: string): boolean {
    const now = this.now();
    const recent = (this.opens.get(address) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limitPerMinute) {
      this.opens.set(address, recent);
      return false;
    }
    recent.push(now);
    this.opens.set(address, recent);
    if (this.opens.size > 10_000) this.forgetIdle(now);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [address, times] of this.opens) {
      if (times.every((t) => now - t >= 60_000)) this.opens.delete(address);
    }
  }
}
