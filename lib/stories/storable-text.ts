/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and jsonb refuses unpaired UTF-16
 * surrogates. Such characters only arrive through broken clipboards or hostile clients; they are
 * refused with a clear message instead of failing deep inside the database. Pure: the editor
 * uses it to clean what it sends, the commands to refuse what they receive.
 */

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_GLOBAL = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const UNSTORABLE_MESSAGE = "The story contains an invisible character that cannot be stored (a NUL or a broken Unicode sequence). Delete it and save again.";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Drops NULs and replaces unpaired surrogates with U+FFFD, as a browser would display them. */
export function toStorableText(value: string): string {
  return UNSTORABLE.test(value) ? value.replace(UNSTORABLE_GLOBAL, (ch) => (ch === "\u0000" ? "" : "\ufffd")) : value;
}

/** Walks any JSON value iteratively (bodies may be deep) and reports the first bad string. */
export function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === "string") {
      if (!isStorableText(current)) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (!isStorableText(key)) return true;
        stack.push(item);
      }
    }
  }
  return false;
}

/** A deep copy with every string made storable (the editor's outgoing drafts). */
export function toStorableJson<T>(value: T): T {
  if (typeof value === "string") return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map((item) => toStorableJson(item)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[toStorableText(key)] = toStorableJson(item);
    return out as T;
  }
  return value;
}
