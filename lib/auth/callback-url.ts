/**
 * Where to go after signing in. Only same-origin paths are followed; anything else
 * (`//evil.com`, `/\evil.com`, `https://host@evil.com`, `javascript:`, and paths that dot-segment
 * removal turns into `//evil.com`, such as `/.//evil.com` or `/x/..//evil.com`) lands on the desk.
 */
export const DEFAULT_AFTER_SIGN_IN = "/desk";

export function safeCallbackUrl(raw: string | null | undefined, origin: string): string {
  if (!raw) return DEFAULT_AFTER_SIGN_IN;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  // Browsers drop tabs/newlines and treat backslashes as slashes; judge the URL as they would.
  const cleaned = raw.replace(/[\u0000-\u001F\u007F\s]/g, "").replace(/\\/g, "/");
  if (cleaned.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  let target: URL;
  try {
    target = new URL(cleaned, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (target.origin !== base.origin || target.username || target.password) return DEFAULT_AFTER_SIGN_IN;
  const candidate = `${target.pathname}${target.search}${target.hash}`;
  // What we hand back is what the browser (or next-auth's redirect) will resolve, so that string
  // is the one judged: parsing normalises `/./`, `/x/..` and `%2e`, which can leave a `//host`.
  return isSameOriginPath(candidate, base) ? candidate : DEFAULT_AFTER_SIGN_IN;
}

/** A path that stays on `base` however it is resolved, and is not a sign-in loop. */
function isSameOriginPath(path: string, base: URL): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  if (/[\u0000-\u001F\u007F\s\\]/.test(path)) return false;
  let resolved: URL;
  try {
    resolved = new URL(path, base);
  } catch {
    return false;
  }
  // Resolving again must change nothing: a path that still normalises is not a final answer.
  if (resolved.origin !== base.origin || `${resolved.pathname}${resolved.search}${resolved.hash}` !== path) return false;
  return !(resolved.pathname.startsWith("/api/auth") || resolved.pathname === "/login");
}
