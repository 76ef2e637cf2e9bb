/** Shared by the auth options and proxy.ts, which only looks for the cookie to redirect early. */
export const SESSION_COOKIE = "dateline.session";
export const SECURE_SESSION_COOKIE = "__Secure-dateline.session";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Idle timeout: a session unused for 12 hours ends. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** Absolute limit: seven days after signing in, sign in again. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;
