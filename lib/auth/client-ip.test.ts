import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

// scripts/client-address.mjs appends the socket address, so the last entry is the real peer.
describe("clientIpFrom", () => {
  it("with no proxy in front, believes only the address the server appended", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 7.7.7.7, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientIpFrom({ "x-forwarded-for": "6.6.6.6, ::ffff:10.0.0.8" })).toBe("10.0.0.8");
  });

  it("behind N trusted proxies, takes what the outermost one saw and ignores client-written entries", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 1)).toBe("198.51.100.7");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.3, 10.0.0.2" }), 2)).toBe("198.51.100.7");
  });

  it("falls back to the first entry when fewer hops arrived than proxies are trusted", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "127.0.0.1" }), 1)).toBe("127.0.0.1");
  });

  it("ignores X-Real-IP and answers null without any address", () => {
    expect(clientIpFrom(new Headers({ "x-real-ip": "6.6.6.6" }))).toBeNull();
    expect(clientIpFrom({})).toBeNull();
  });

  it("caps a silly-long entry", () => {
    expect(clientIpFrom({ "x-forwarded-for": "a".repeat(500) })!.length).toBe(64);
  });
});
