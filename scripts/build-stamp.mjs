// Decides whether the production build in .next matches the sources, so `npm start` rebuilds only when needed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "tsconfig.json"];
const SKIP = /(\.test\.tsx?$)|(^|\/)node_modules\/|(^|\/)\.next\//;

function walk(entry, files) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name), files);
  } else if (!SKIP.test(entry)) {
    files.push(entry);
  }
}

export function sourceHash(root = process.cwd()) {
  const files = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const STAMP = ".next/dateline-source-hash";

export function buildIsCurrent(root = process.cwd()) {
  try {
    return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.readFileSync(path.join(root, STAMP), "utf8") === sourceHash(root);
  } catch {
    return false;
  }
}

/** `hash` is the sources as they were when the build began: an edit made during it stays stale. */
export function writeBuildStamp(hash, root = process.cwd()) {
  fs.writeFileSync(path.join(root, STAMP), hash);
}
