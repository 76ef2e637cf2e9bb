import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The public site's module reads published snapshots; it never writes stories and never carries
 * test support. The test-only routes' logic lives in lib/testing/.
 */
const SITE_DIR = path.join(process.cwd(), "lib/site");
const FORBIDDEN = [/["']@\/lib\/stories\/commands["']/, /["']@\/lib\/testing\//, /test-hooks["']/];

describe("lib/site module boundary", () => {
  const sources = readdirSync(SITE_DIR).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

  it("holds no test-only hooks", () => {
    expect(sources).not.toContain("test-hooks.ts");
  });

  it.each(sources)("%s imports no story commands and no test support", (file) => {
    const imports = readFileSync(path.join(SITE_DIR, file), "utf8")
      .split("\n")
      .filter((line) => /^\s*(import|export)\b.*from\s/.test(line) || /\bimport\(/.test(line));
    for (const line of imports) for (const pattern of FORBIDDEN) expect(line, `${file}: ${line}`).not.toMatch(pattern);
  });
});
