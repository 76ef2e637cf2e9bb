import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { safeCallbackUrl } from "./callback-url";
import { clientIpFrom } from "./client-ip";
import { getAuthSecret } from "./secret";
import { sessionCookieName, SESSION_IDLE_SECONDS, shouldUseSecureCookies } from "./session-cookie";
import { signInWithPassword } from "./sign-in";

export function getAuthOptions(): NextAuthOptions {
  const secure = shouldUseSecureCookies();
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    jwt: { maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const ip = clientIpFrom((req?.headers ?? {}) as Record<string, string>, getEnv().trustedProxies);
          const result = await signInWithPassword(credentials ?? {}, ip);
          // next-auth hands a thrown message to the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, name: result.user.name, email: result.user.email, epoch: result.user.sessionEpoch };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.epoch = (user as { epoch?: number }).epoch ?? 0;
          token.signedInAt = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      session({ session }) {
        return session;
      },
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackUrl(url, baseUrl), baseUrl).toString();
      },
    },
  };
}
