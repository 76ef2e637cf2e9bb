/**
 * Where to go after signing in. Only same-origin paths are followed; anything else
 * (`//evil.com`, `/\evil.com`, `https://host@evil.com`, `javascript:`) lands on the desk.
 */
export const DEFAULT_AFTER_SIGN_IN = "/desk";

export function safeCallbackUrl(raw: string | null | undefined, origin: string): string {
  if (!raw) return DEFAULT_AFTER_SIGN_IN;
  // Browsers drop tabs/newlines and treat backslashes as slashes; judge the URL as they would.
  const cleaned = raw.replace(/[\u0000-\u001F\u007F\s]/g, "").replace(/\\/g, "/");
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  let target: URL;
  try {
    target = new URL(cleaned, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (target.origin !== base.origin || target.username || target.password) return DEFAULT_AFTER_SIGN_IN;
  if (cleaned.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
  if (target.pathname.startsWith("/api/auth") || target.pathname === "/login") return DEFAULT_AFTER_SIGN_IN;
  return `${target.pathname}${target.search}${target.hash}`;
}
