import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const ORIGIN = "http://localhost:3100";

// The open-redirect corpus: every one of these must land on the desk.
const EVIL = [
  "//evil.com",
  "//evil.com/desk",
  "/\\evil.com",
  "\\\\evil.com",
  "/\\/evil.com",
  "https://evil.com",
  "http://localhost:3100@evil.com",
  "https://localhost:3100@evil.com/desk",
  "http://user:pass@localhost:3100/desk",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.cookie)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/\t/evil.com",
  "/\n/evil.com",
  "https:/evil.com",
  "/api/auth/signout",
  "/login",
  // Dot segments that parsing removes, leaving a protocol-relative `//host` behind.
  "/.//127.0.0.1:3105/phish",
  decodeURIComponent("%2F.%2F%2F127.0.0.1%3A3105%2Fphish"),
  "/x/..//evil.com",
  "/%2e//evil.com",
  "/%2E//evil.com",
  "/./\\evil.com",
  "/.\\/evil.com",
  "/a/../\\evil.com",
  "/%2e%2e//evil.com",
  "/.%2e//evil.com",
  "/desk/../..//evil.com/x?y#z",
  "/./\t/evil.com",
  "/./api/auth/signout",
  "/desk/../login",
  "/%2e/login",
];

// Every way of reaching `//evil.com` after normalisation that we could think of, combined.
const DOT_PREFIXES = ["", "/.", "/%2e", "/%2E", "/x/..", "/x/%2e%2e", "/a/b/../..", "/.%2e", "/./."];
const DOUBLE_SLASHES = ["//", "/\\", "\\\\", "\\/", "/\t/", "/\n\\"];
const GENERATED = DOT_PREFIXES.flatMap((prefix) => DOUBLE_SLASHES.map((slashes) => `${prefix}${slashes}evil.com/phish`));

describe("safeCallbackUrl", () => {
  it.each(EVIL)("sends %j to /desk", (raw) => {
    expect(safeCallbackUrl(raw, ORIGIN)).toBe("/desk");
  });

  it.each(GENERATED)("never returns a path that leaves the origin: %j", (raw) => {
    const safe = safeCallbackUrl(raw, ORIGIN);
    expect(safe).toBe("/desk");
    expect(new URL(safe, ORIGIN).origin).toBe(ORIGIN);
  });

  it("what it returns is final: resolving it again gives the same same-origin path", () => {
    for (const raw of [...EVIL, ...GENERATED, "/desk/./people", "/desk/x/../audit?q=1#a", "/%2e/desk"]) {
      const safe = safeCallbackUrl(raw, ORIGIN);
      expect(safe, raw).toMatch(/^\/(?![/\\])/);
      const again = new URL(safe, ORIGIN);
      expect(again.origin, raw).toBe(ORIGIN);
      expect(`${again.pathname}${again.search}${again.hash}`, raw).toBe(safe);
    }
  });

  it("still follows harmless dot segments to where they point on this origin", () => {
    expect(safeCallbackUrl("/desk/./people", ORIGIN)).toBe("/desk/people");
    expect(safeCallbackUrl("/desk/x/../audit?q=1", ORIGIN)).toBe("/desk/audit?q=1");
  });

  // Odd, but a browser resolves these to paths on this origin, so they cannot leave it.
  it.each([
    ["http:evil.com", "/evil.com"],
    ["%2F%2Fevil.com", "/%2F%2Fevil.com"],
  ])("keeps %j on this origin", (raw, expected) => {
    const safe = safeCallbackUrl(raw, ORIGIN);
    expect(safe).toBe(expected);
    expect(new URL(safe, ORIGIN).origin).toBe(ORIGIN);
  });

  it("follows same-origin paths with their query and hash", () => {
    expect(safeCallbackUrl("/desk/people?x=1#top", ORIGIN)).toBe("/desk/people?x=1#top");
    expect(safeCallbackUrl(`${ORIGIN}/desk/audit`, ORIGIN)).toBe("/desk/audit");
  });

  it("falls back to /desk for nothing at all", () => {
    expect(safeCallbackUrl(null, ORIGIN)).toBe("/desk");
    expect(safeCallbackUrl("", ORIGIN)).toBe("/desk");
  });
});
