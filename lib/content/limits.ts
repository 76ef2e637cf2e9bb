/**
 * Cheap, iterative guards that run before anything recursive touches an untrusted body: zod,
 * JSON.stringify, Node.fromJSON and the renderer all recurse, and a 100,000-level-deep payload
 * would overflow the stack in any of them.
 */

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Nesting depth counted in nodes: `doc` is 1, a paragraph directly in it 2, its text 3. */
export const MAX_NODE_DEPTH = 50;

// A node is an object inside a `content` array; between two nodes sit two JSON levels (the
// array and the object), plus attrs/marks below the deepest node. Anything beyond this JSON
// depth cannot be a well-formed body within MAX_NODE_DEPTH, whatever the keys are called.
const MAX_JSON_DEPTH = MAX_NODE_DEPTH * 2 + 6;

/** The largest colspan/rowspan a table cell may have; a bigger one is a damaged paste, not a table. */
export const MAX_CELL_SPAN = 50;

/** Longest table caption, in characters. */
export const MAX_TABLE_CAPTION = 500;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export type LimitFailure = "tooDeep" | "tooLarge" | "notPlainJson";

export const LIMIT_MESSAGES: Record<LimitFailure, string> = {
  tooDeep: "The story body is nested too deeply.",
  tooLarge: "The story body is too large (over 2 MB).",
  notPlainJson: "The story body is not in a format the editor produces.",
};

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** UTF-8 length of a string without allocating an encoded copy. */
export function measureUtf8Bytes(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Walks any value with an explicit stack and stops at the first violation, so the cost is
 * bounded by the limits rather than by the input. The byte count is a lower bound of the JSON
 * size (string contents plus keys plus punctuation), exact enough to refuse early; validate.ts
 * measures the real serialisation afterwards.
 */
export function checkBodyLimits(input: unknown): { ok: true } | { ok: false; reason: LimitFailure } {
  type Frame = { value: unknown; jsonDepth: number; nodeDepth: number; isNode: boolean };
  const stack: Frame[] = [{ value: input, jsonDepth: 1, nodeDepth: 1, isNode: true }];
  let bytes = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value, jsonDepth, nodeDepth } = frame;
    if (frame.isNode && nodeDepth > MAX_NODE_DEPTH) return { ok: false, reason: "tooDeep" };
    if (jsonDepth > MAX_JSON_DEPTH) return { ok: false, reason: "tooDeep" };
    if (value === null) {
      bytes += 4;
    } else if (typeof value === "string") {
      bytes += value.length + 2;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) return { ok: false, reason: "notPlainJson" };
      bytes += 1;
    } else if (typeof value === "boolean") {
      bytes += 4;
    } else if (Array.isArray(value)) {
      bytes += 2 + Math.max(0, value.length - 1);
      if (bytes > MAX_BODY_BYTES) return { ok: false, reason: "tooLarge" };
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], jsonDepth: jsonDepth + 1, nodeDepth, isNode: false });
      }
    } else if (typeof value === "object") {
      if (!isPlainObject(value)) return { ok: false, reason: "notPlainJson" };
      const keys = Object.keys(value);
      bytes += 2;
      for (const key of keys) {
        if (FORBIDDEN_KEYS.has(key)) return { ok: false, reason: "notPlainJson" };
        const child = (value as Record<string, unknown>)[key];
        // Optional properties set to undefined are how TypeScript code spells "absent";
        // JSON.stringify drops them too.
        if (child === undefined) continue;
        bytes += key.length + 4;
        // A `content` array and the node object inside it are two JSON levels but one node level.
        if (key === "content" && Array.isArray(child)) {
          bytes += 2 + Math.max(0, child.length - 1);
          if (bytes > MAX_BODY_BYTES) return { ok: false, reason: "tooLarge" };
          for (let i = child.length - 1; i >= 0; i--) {
            stack.push({ value: child[i], jsonDepth: jsonDepth + 2, nodeDepth: nodeDepth + 1, isNode: true });
          }
        } else {
          stack.push({ value: child, jsonDepth: jsonDepth + 1, nodeDepth, isNode: false });
        }
      }
    } else {
      // undefined, functions, symbols, bigints: JSON would drop or choke on them.
      return { ok: false, reason: "notPlainJson" };
    }
    if (bytes > MAX_BODY_BYTES) return { ok: false, reason: "tooLarge" };
  }
  return { ok: true };
}
