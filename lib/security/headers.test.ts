import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { baseSecurityHeaders, contentSecurityPolicy, inlineScriptHashes, isNewsroomPath, SECURITY_HEADER_NAMES } from "./headers.mjs";

describe("content security policy", () => {
  const html = `<html><head><script src="/_next/static/a.js" async></script></head><body>
    <script>self.__next_f.push([1,"x"])</script><script nonce="n">alert(1)</script></body></html>`;

  it("allows exactly the page's inline scripts by hash, never 'unsafe-inline' scripts", () => {
    const csp = contentSecurityPolicy(html, { frameable: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    const expected = `'sha256-${crypto.createHash("sha256").update('self.__next_f.push([1,"x"])').digest("base64")}'`;
    expect(scriptSrc.split(" ")).toEqual(["script-src", "'self'", expected, `'sha256-${crypto.createHash("sha256").update("alert(1)").digest("base64")}'`]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("does not hash external scripts, and hashes an injected script only if it is in the HTML sent", () => {
    expect(inlineScriptHashes('<script src="/x.js"></script>')).toEqual([]);
    expect(inlineScriptHashes("<p>no scripts</p>")).toEqual([]);
  });

  it("lets the public site frame itself only, and never the newsroom", () => {
    expect(contentSecurityPolicy("", { frameable: true })).toContain("frame-ancestors 'self'");
    expect(isNewsroomPath("/desk/stories/1")).toBe(true);
    expect(isNewsroomPath("/login")).toBe(true);
    expect(isNewsroomPath("/media-center/coalition-news/story")).toBe(false);
    expect(isNewsroomPath("/desktop-news")).toBe(false);
  });

  it("sends HSTS only over HTTPS and DENY framing for the desk", () => {
    expect(baseSecurityHeaders({ https: false, desk: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(baseSecurityHeaders({ https: true, desk: true })).toMatchObject({ "Strict-Transport-Security": expect.stringContaining("max-age="), "X-Frame-Options": "DENY" });
    expect(baseSecurityHeaders({ https: false, desk: false })).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });
});

describe("the list of security header names", () => {
  it("covers every header the server sets, so the page cache never drops one", () => {
    const names = Object.keys(baseSecurityHeaders({ https: true, desk: true })).map((n) => n.toLowerCase());
    for (const name of names) expect(SECURITY_HEADER_NAMES.has(name), name).toBe(true);
  });
});
