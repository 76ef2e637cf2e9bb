import "server-only";
import { z } from "@/lib/validation/zod";
import { recordAudit } from "@/lib/audit/commands";
import { touchLastSignIn } from "@/lib/people/commands";
import { findUserForSignIn, normalizeEmail, type SessionUser } from "@/lib/people/queries";
import { startUserSession } from "@/lib/sessions/commands";
import { MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { recordSuccess, reserveAttempt, throttleBuckets } from "./throttle";

export const INVALID_CREDENTIALS = "Invalid email or password";

// Bounded so a 10 MB "password" cannot make argon2 do unbounded work; extra fields are ignored.
const credentialsSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

/** On success, `sessionId` names the new session's row; it goes into the session cookie. */
export type SignInResult = { ok: true; user: SessionUser; sessionId: string } | { ok: false; message: string };

export async function signInWithPassword(input: unknown, ip: string | null): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: INVALID_CREDENTIALS };
  const email = normalizeEmail(parsed.data.email);
  const buckets = throttleBuckets(email, ip);

  const verdict = await reserveAttempt(buckets);
  if (!verdict.allowed) {
    // Which limit answered: the account from this address, or the address itself.
    await recordAudit({ actorId: null, action: "auth.throttled", targetType: "email", targetId: email, ip, details: { email, limit: verdict.kind } });
    const minutes = verdict.retryInMinutes;
    return { ok: false, message: `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }

  const user = await findUserForSignIn(email);
  // A deactivated account still costs one verification, so it looks exactly like a wrong password.
  const passwordOk = await verifyPassword(user?.active ? user.passwordHash : null, parsed.data.password);
  if (!user || !user.active || !passwordOk) {
    await recordAudit({ actorId: null, action: "auth.sign_in_failed", targetType: "user", targetId: user?.id ?? null, ip, details: { email } });
    return { ok: false, message: INVALID_CREDENTIALS };
  }
  await recordSuccess(verdict.reservation);
  await touchLastSignIn(user.id);
  const sessionId = await startUserSession(user.id);
  await recordAudit({ actorId: user.id, action: "auth.sign_in", targetType: "user", targetId: user.id, ip });
  const { passwordHash: _omit, ...sessionUser } = user;
  void _omit;
  return { ok: true, user: sessionUser, sessionId };
}
