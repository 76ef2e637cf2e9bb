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
];

describe("safeCallbackUrl", () => {
  it.each(EVIL)("sends %j to /desk", (raw) => {
    expect(safeCallbackUrl(raw, ORIGIN)).toBe("/desk");
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
