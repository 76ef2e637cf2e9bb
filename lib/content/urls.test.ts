import { describe, expect, it } from "vitest";

import { imageHostOf, isExternalUrl, isNewsroomImageUrl, isSafeImageUrl, isSafeUrl, normalizeUrl } from "./urls";
import { HOSTILE_URLS, ORDINARY_URLS } from "./xss-corpus";

describe("isSafeUrl", () => {
  it.each(HOSTILE_URLS.map((url) => [JSON.stringify(url), url]))("refuses %s", (_label, url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it.each(ORDINARY_URLS.map((url) => [url]))("accepts %s", (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it("refuses every control character placed inside the scheme", () => {
    for (let code = 0; code < 0x20; code++) {
      const url = `java${String.fromCharCode(code)}script:alert(1)`;
      expect(isSafeUrl(url), `control 0x${code.toString(16)}`).toBe(false);
    }
  });

  it("refuses control characters anywhere, even inside an otherwise valid URL", () => {
    expect(isSafeUrl("https://exa\nmple.com/")).toBe(false);
    expect(isSafeUrl("https://example.com/a\tb")).toBe(false);
    expect(isSafeUrl("/story\u0000.html")).toBe(false);
    expect(isSafeUrl("mailto:desk@example.com\r\nBcc:all@example.com")).toBe(false);
  });

  it("refuses any scheme that is not on the allow-list, whatever its case", () => {
    for (const scheme of ["ftp", "ssh", "irc", "sms", "callto", "chrome", "about", "view-source", "ws", "wss"]) {
      expect(isSafeUrl(`${scheme}:x`)).toBe(false);
      expect(isSafeUrl(`${scheme.toUpperCase()}:x`)).toBe(false);
    }
  });

  it("refuses non-strings and absurdly long values instead of throwing", () => {
    expect(isSafeUrl(undefined as unknown as string)).toBe(false);
    expect(isSafeUrl(42 as unknown as string)).toBe(false);
    expect(isSafeUrl(`https://example.com/${"a".repeat(5000)}`)).toBe(false);
  });
});

describe("normalizeUrl", () => {
  it("trims invisible characters and lower-cases the scheme", () => {
    expect(normalizeUrl("\u200B  HTTPS://Example.com/Path \n")).toBe("https://Example.com/Path");
  });

  it("turns a bare www host into https", () => {
    expect(normalizeUrl("www.example.com/story")).toBe("https://www.example.com/story");
  });

  it("returns null for anything unsafe, so a non-null result is always safe", () => {
    for (const url of HOSTILE_URLS) expect(normalizeUrl(url)).toBeNull();
    for (const url of ORDINARY_URLS) {
      const normalized = normalizeUrl(url);
      expect(normalized).not.toBeNull();
      expect(isSafeUrl(normalized as string)).toBe(true);
    }
  });
});

describe("normalizeUrl: what a reporter means by an address without a scheme", () => {
  it.each([
    ["example.org/bread", "https://example.org/bread"],
    ["example.org", "https://example.org"],
    ["news.example.co.uk/2016/bread?page=2#top", "https://news.example.co.uk/2016/bread?page=2#top"],
    ["example.org:8443/x", "https://example.org:8443/x"],
    ["www.example.org", "https://www.example.org"],
    ["desk@example.org", "mailto:desk@example.org"],
    ["first.last+tips@news.example.co.uk", "mailto:first.last+tips@news.example.co.uk"],
  ])("%s becomes %s", (typed, expected) => {
    expect(normalizeUrl(typed)).toBe(expected);
  });

  it.each([
    ["/politics/bread", "/politics/bread"],
    ["#section-2", "#section-2"],
    ["?page=2", "?page=2"],
    ["index.html", "index.html"],
    ["report.pdf", "report.pdf"],
    ["https://example.org/a", "https://example.org/a"],
    ["mailto:desk@example.org", "mailto:desk@example.org"],
    ["tel:+15551234567", "tel:+15551234567"],
  ])("%s keeps its meaning", (typed, expected) => {
    expect(normalizeUrl(typed)).toBe(expected);
  });

  it("never turns a hostile address into a link by adding a scheme", () => {
    for (const url of HOSTILE_URLS) expect(normalizeUrl(url)).toBeNull();
    expect(normalizeUrl("javascript.org:alert(1)")).toBeNull();
  });
});

describe("isNewsroomImageUrl", () => {
  it("accepts the newsroom's own uploads", () => {
    expect(isNewsroomImageUrl("/media/0f8fad5b-d9cb-469f-a165-70867728950e-w1200.webp")).toBe(true);
  });

  it("refuses every other host, a second path segment and traversal", () => {
    expect(isNewsroomImageUrl("https://lh7-rt.googleusercontent.com/docsz/AD_4nX.png")).toBe(false);
    expect(isNewsroomImageUrl("https://cdn.example.com/a.jpg")).toBe(false);
    expect(isNewsroomImageUrl("/media/../api/x")).toBe(false);
    expect(isNewsroomImageUrl("/media/a/b.jpg")).toBe(false);
    expect(isNewsroomImageUrl("/media/a.jpg?x=1")).toBe(false);
    expect(isNewsroomImageUrl("/uploads/a.jpg")).toBe(false);
    expect(isNewsroomImageUrl("//evil.example/media/a.jpg")).toBe(false);
    expect(isNewsroomImageUrl("data:image/png;base64,iVBORw0KGgo=")).toBe(false);
  });

  it("accepts an https image on an allow-listed origin only", () => {
    const allowed = ["https://images.example.org"];
    expect(isNewsroomImageUrl("https://images.example.org/2016/a.jpg", allowed)).toBe(true);
    expect(isNewsroomImageUrl("http://images.example.org/2016/a.jpg", allowed)).toBe(false);
    expect(isNewsroomImageUrl("https://images.example.org.evil.test/a.jpg", allowed)).toBe(false);
    expect(isNewsroomImageUrl("https://user@images.example.org/a.jpg", allowed)).toBe(false);
    expect(isNewsroomImageUrl("https://images.example.org:8443/a.jpg", allowed)).toBe(false);
  });

  it("names the host for messages", () => {
    expect(imageHostOf("https://lh7-rt.googleusercontent.com/a.png")).toBe("lh7-rt.googleusercontent.com");
    expect(imageHostOf("/media/a")).toBeNull();
  });
});

describe("isSafeImageUrl", () => {
  it("accepts web and site-relative images only", () => {
    expect(isSafeImageUrl("https://cdn.example.com/a.jpg")).toBe(true);
    expect(isSafeImageUrl("/media/42/large.webp")).toBe(true);
    expect(isSafeImageUrl("mailto:a@example.com")).toBe(false);
    expect(isSafeImageUrl("tel:123")).toBe(false);
    expect(isSafeImageUrl("data:image/png;base64,iVBORw0KGgo=")).toBe(false);
  });
});

describe("isExternalUrl", () => {
  it("treats absolute http(s) links as external unless they point at the site", () => {
    expect(isExternalUrl("https://other.test/x")).toBe(true);
    expect(isExternalUrl("https://news.test/x", "https://news.test")).toBe(false);
    expect(isExternalUrl("https://other.test/x", "https://news.test")).toBe(true);
    expect(isExternalUrl("/local")).toBe(false);
    expect(isExternalUrl("mailto:a@b.test")).toBe(false);
  });
});
