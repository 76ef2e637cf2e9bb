import { describe, expect, it } from "vitest";

import { contentSecurityPolicy } from "./headers.mjs";
import { imageSourceDirective, parseImageOrigins } from "./image-sources.mjs";

describe("parseImageOrigins", () => {
  it("reads https origins separated by commas or spaces, once each", () => {
    expect(parseImageOrigins(" https://images.example.org, https://cdn.example.net/ https://images.example.org")).toEqual([
      "https://images.example.org",
      "https://cdn.example.net",
    ]);
    expect(parseImageOrigins(undefined)).toEqual([]);
    expect(parseImageOrigins("  ")).toEqual([]);
  });

  it.each(["http://images.example.org", "https://images.example.org/photos", "images.example.org", "https://*.example.org", "https://localhost", "https://u:p@images.example.org"])(
    "refuses %s with a fixable message",
    (value) => {
      expect(() => parseImageOrigins(value)).toThrow(/^DATELINE_IMAGE_ORIGINS: /);
    },
  );
});

describe("img-src", () => {
  it("allows only our own origin, data: and blob: by default: no blanket https:", () => {
    expect(imageSourceDirective("")).toBe("img-src 'self' data: blob:");
    const csp = contentSecurityPolicy("<p>x</p>", { frameable: true });
    const imgSrc = csp.split("; ").find((directive) => directive.startsWith("img-src"));
    expect(imgSrc).not.toMatch(/\bhttps?:(?!\/\/)/);
  });

  it("adds exactly the admin's allow-list", () => {
    expect(imageSourceDirective("https://images.example.org")).toBe("img-src 'self' data: blob: https://images.example.org");
  });

  it("falls back to the narrow policy for a value start-up would have refused", () => {
    expect(imageSourceDirective("https://*.example.org")).toBe("img-src 'self' data: blob:");
  });
});
