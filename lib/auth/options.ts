import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { safeCallbackUrl } from "./callback-url";
import { clientIpFrom } from "./client-ip";
import { getAuthSecret } from "./secret";
import { endUserSession } from "@/lib/sessions/commands";
import { checkSession } from "./session";
import { readSessionClaims } from "./session-token";
import { sessionCookieName, sessionCookieOptions, SESSION_IDLE_SECONDS, shouldUseSecureCookies } from "./session-cookie";
import { signInWithPassword } from "./sign-in";

const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a moment.";
const SESSION_ENDED = "Session ended";

export function getAuthOptions(): NextAuthOptions {
  const secure = shouldUseSecureCookies();
  const { maxAge: _maxAge, ...cookieOptions } = sessionCookieOptions(secure);
  void _maxAge;
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    jwt: { maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    useSecureCookies: secure,
    cookies: { sessionToken: { name: sessionCookieName(secure), options: cookieOptions } },
    logger: {
      // A revoked session reaching /api/auth/session is expected (see the jwt callback), not an error.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string } | undefined)?.message === SESSION_ENDED) return;
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const ip = clientIpFrom((req?.headers ?? {}) as Record<string, string>, getEnv().trustedProxies);
          let result: Awaited<ReturnType<typeof signInWithPassword>>;
          try {
            result = await signInWithPassword(credentials ?? {}, ip);
          } catch (error) {
            // next-auth would hand the raw message (a database error, say) to the browser.
            console.error("Sign-in failed unexpectedly:", error);
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
          // next-auth hands a thrown message to the sign-in form as `error`; ours are written for people.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, name: result.user.name, email: result.user.email, epoch: result.user.sessionEpoch, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.epoch = (user as { epoch?: number }).epoch ?? 0;
          token.sid = (user as { sid?: string }).sid;
          token.signedInAt = Math.floor(Date.now() / 1000);
          return token;
        }
        // next-auth's own /api/auth/session re-issues the cookie: a revoked or expired session must
        // not be kept alive (or reported as signed in) there either. Throwing makes next-auth answer
        // "no session" and clear the cookie.
        if (!(await checkSession(token))) throw new Error(SESSION_ENDED);
        return token;
      },
      session({ session }) {
        return session;
      },
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackUrl(url, baseUrl), baseUrl).toString();
      },
    },
    events: {
      // next-auth's own POST /api/auth/signout clears the cookie; the session must end on the server too.
      async signOut({ token }) {
        const claims = readSessionClaims(token);
        if (claims) await endUserSession({ sessionId: claims.sid, userId: claims.uid }, null);
      },
    },
  };
}
