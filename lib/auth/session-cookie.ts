/**
 * The session cookie's name, lifetime and attributes: shared by the next-auth options, the
 * sessions we start ourselves (setup, joining) and proxy.ts, which refreshes the idle timer.
 */
import { getEnv } from "@/lib/env";

export const SESSION_COOKIE = "dateline.session";
export const SECURE_SESSION_COOKIE = "__Secure-dateline.session";

/** Idle timeout: a session unused for 12 hours ends. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** Absolute limit: seven days after signing in, sign in again. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;
/**
 * Re-issue the cookie (new expiry, same signedInAt) once it is this old, so an active desk never
 * hits the idle timeout while a busy page does not re-encrypt a token on every request.
 */
export const SESSION_REFRESH_AFTER_SECONDS = 5 * 60;

/** `Secure` whenever the public URL is https, and in production unless told it is plain http. */
export function shouldUseSecureCookies(): boolean {
  const env = getEnv();
  return env.publicUrl ? env.publicUrl.startsWith("https://") : env.isProduction;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure, maxAge: SESSION_IDLE_SECONDS };
}
