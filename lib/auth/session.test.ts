import { afterEach, describe, expect, it, vi } from "vitest";
import { changeRole, completePasswordReset, deactivateUser, endAllSessions, issuePasswordReset, reactivateUser } from "@/lib/people/commands";
import { findUserById } from "@/lib/people/queries";
import { endUserSession, startUserSession } from "@/lib/sessions/commands";
import { eq } from "drizzle-orm";
import { tables } from "@/lib/db";
import { insertUser, TEST_PASSWORD, withTestDatabase, type TestUser } from "@/lib/testing/accounts";
import { checkSession, liveSessionFromCookie, viewerFromSessionCookie } from "./session";
import { decodeSessionCookie, encodeSessionCookie, refreshSessionCookie } from "./session-token";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./session-cookie";
import { signInWithPassword } from "./sign-in";

const db = withTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** A decoded token as next-auth would hand it over, for a new session of the user as they are right now. */
async function tokenFor(user: TestUser, signedInAt = Date.now()) {
  const row = await findUserById(user.id);
  const seconds = Math.floor(signedInAt / 1000);
  const sid = await startUserSession(user.id);
  return { uid: user.id, sid, epoch: row!.sessionEpoch, signedInAt: seconds, iat: seconds, exp: seconds + SESSION_IDLE_SECONDS };
}

/** A session cookie as a browser would hold it after signing in. */
async function cookieFor(user: TestUser): Promise<string> {
  return encodeSessionCookie(user, await startUserSession(user.id));
}

describe("checkSession: the database has the last word on every request", () => {
  it("accepts a current token and takes the role from the row", async () => {
    const user = await insertUser(db.handle(), { role: "editor" });
    expect(await checkSession(await tokenFor(user))).toMatchObject({ id: user.id, role: "editor", email: user.email });
  });

  it("ends the session of a deactivated person, and reactivation does not revive old cookies", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "reporter" });
    const token = await tokenFor(user);
    const copied = structuredClone(token);
    expect(await checkSession(token)).not.toBeNull();
    expect(await deactivateUser(admin, user.id, null)).toMatchObject({ ok: true });
    expect(await checkSession(token)).toBeNull();
    expect(await checkSession(copied)).toBeNull();
    expect(await reactivateUser(admin, user.id, null)).toMatchObject({ ok: true });
    expect(await checkSession(token)).toBeNull();
    const again = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null);
    expect(again.ok).toBe(true);
    expect(await checkSession(await tokenFor(user))).toMatchObject({ id: user.id });
  });

  it("ends the session on a role change; the next session has the new role", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "editor" });
    const token = await tokenFor(user);
    expect(await changeRole(admin, user.id, "reporter", null)).toMatchObject({ ok: true, changed: true });
    expect(await checkSession(token)).toBeNull();
    expect(await checkSession(await tokenFor(user))).toMatchObject({ role: "reporter" });
  });

  it("ends every session when the password is reset through a link", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const user = await insertUser(db.handle(), { role: "reporter" });
    const token = await tokenFor(user);
    const link = await issuePasswordReset(admin, user.id, null);
    if (!link.ok) throw new Error(link.message);
    // Issuing the link alone does not sign anyone out.
    expect(await checkSession(token)).not.toBeNull();
    expect(await completePasswordReset(link.token, "a brand new password", null)).toMatchObject({ ok: true });
    expect(await checkSession(token)).toBeNull();
  });

  it("ends every session on 'sign out everywhere'", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const laptop = await tokenFor(user);
    const phone = await tokenFor(user);
    expect(await endAllSessions(user, null)).toEqual({ ok: true });
    expect(await checkSession(laptop)).toBeNull();
    expect(await checkSession(phone)).toBeNull();
  });

  it("refuses a token past its idle expiry or past seven days since signing in", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const fresh = await tokenFor(user);
    expect(await checkSession({ ...fresh, exp: Math.floor(Date.now() / 1000) - 1 })).toBeNull();
    const eightDaysAgo = Date.now() - 8 * 24 * HOUR;
    expect(await checkSession({ ...(await tokenFor(user, eightDaysAgo)), exp: fresh.exp })).toBeNull();
    const almostSevenDays = Date.now() - SESSION_ABSOLUTE_SECONDS * 1000 + MINUTE;
    expect(await checkSession({ ...(await tokenFor(user, almostSevenDays)), exp: fresh.exp })).not.toBeNull();
  });

  it("refuses malformed and foreign tokens", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const good = await tokenFor(user);
    expect(await checkSession(null)).toBeNull();
    expect(await checkSession({})).toBeNull();
    expect(await checkSession({ ...good, uid: "not-a-uuid" })).toBeNull();
    expect(await checkSession({ ...good, uid: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await checkSession({ ...good, epoch: "0" })).toBeNull();
    expect(await checkSession({ ...good, epoch: good.epoch + 1 })).toBeNull();
    const { sid: _sid, ...withoutSession } = good;
    void _sid;
    expect(await checkSession(withoutSession)).toBeNull();
    expect(await checkSession({ ...good, sid: "not-a-uuid" })).toBeNull();
    expect(await checkSession({ ...good, sid: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await checkSession({ ...good, signedInAt: Math.floor(Date.now() / 1000) + 3600 })).toBeNull();
    expect(await viewerFromSessionCookie("forged")).toBeNull();
    expect(await viewerFromSessionCookie(undefined)).toBeNull();
  });
});

describe("signing out ends that session on the server", () => {
  it("refuses a copy of the signed-out cookie, while the person's other session stays signed in", async () => {
    const user = await insertUser(db.handle(), { role: "editor" });
    const laptop = await cookieFor(user);
    const copied = `${laptop}`;
    const phone = await cookieFor(user);
    const session = await liveSessionFromCookie(laptop);
    expect(session).toMatchObject({ userId: user.id });
    expect(await endUserSession(session!, "203.0.113.7")).toBe(true);
    expect(await viewerFromSessionCookie(copied)).toBeNull();
    expect(await viewerFromSessionCookie(phone)).toMatchObject({ id: user.id });
    // Refreshing the idle timer cannot bring it back either.
    expect(await viewerFromSessionCookie((await refreshSessionCookie(copied, Date.now() + HOUR)) ?? copied)).toBeNull();
    const events = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.targetId, user.id));
    expect(events.map((e) => [e.action, e.actorId, e.ip])).toContainEqual(["auth.sign_out", user.id, "203.0.113.7"]);
  });

  it("cannot end someone else's session by naming its id, and ends a session only once", async () => {
    const owner = await insertUser(db.handle(), { role: "reporter" });
    const other = await insertUser(db.handle(), { role: "reporter" });
    const cookie = await cookieFor(owner);
    const session = (await liveSessionFromCookie(cookie))!;
    expect(await endUserSession({ sessionId: session.sessionId, userId: other.id }, null)).toBe(false);
    expect(await viewerFromSessionCookie(cookie)).toMatchObject({ id: owner.id });
    expect(await endUserSession(session, null)).toBe(true);
    expect(await endUserSession(session, null)).toBe(false);
    expect(await liveSessionFromCookie(cookie)).toBeNull();
  });

  it("gives each password sign-in its own session", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const first = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null);
    const second = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, null);
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(await endUserSession({ sessionId: first.sessionId, userId: user.id }, null)).toBe(true);
    const seconds = Math.floor(Date.now() / 1000);
    const token = (sid: string) => ({ uid: user.id, sid, epoch: user.sessionEpoch, signedInAt: seconds, iat: seconds, exp: seconds + SESSION_IDLE_SECONDS });
    expect(await checkSession(token(first.sessionId))).toBeNull();
    expect(await checkSession(token(second.sessionId))).toMatchObject({ id: user.id });
  });
});

describe("session cookies: idle 12 h, refreshed while used, absolute 7 days", () => {
  it("round-trips a cookie, and a copy of it works exactly as long as the original", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const cookie = await cookieFor(user);
    expect(await viewerFromSessionCookie(cookie)).toMatchObject({ id: user.id });
    await endAllSessions(user, null);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
  });

  it("expires after 12 idle hours", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await cookieFor(user);
    vi.setSystemTime(start + 11 * HOUR);
    expect(await viewerFromSessionCookie(cookie)).not.toBeNull();
    vi.setSystemTime(start + 12 * HOUR + MINUTE);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
  });

  it("refreshes only after a few minutes, keeping signedInAt and moving the expiry", async () => {
    const user = await insertUser(db.handle(), { role: "editor" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await cookieFor(user);
    const original = await decodeSessionCookie(cookie);

    vi.setSystemTime(start + MINUTE);
    expect(await refreshSessionCookie(cookie)).toBeNull();

    vi.setSystemTime(start + 10 * HOUR);
    const refreshed = await refreshSessionCookie(cookie);
    expect(refreshed).not.toBeNull();
    const claims = await decodeSessionCookie(refreshed!);
    expect(claims).toMatchObject({ uid: user.id, epoch: original!.epoch, signedInAt: original!.signedInAt });
    expect(claims!.exp).toBe(Math.floor((start + 10 * HOUR) / 1000) + SESSION_IDLE_SECONDS);

    // 13 hours in: the original has idled out, the refreshed one is alive.
    vi.setSystemTime(start + 13 * HOUR);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
    expect(await viewerFromSessionCookie(refreshed!)).toMatchObject({ id: user.id });
    // An idled-out cookie cannot be brought back.
    expect(await refreshSessionCookie(cookie)).toBeNull();
  });

  it("stops at seven days however busy the person is", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    let cookie = await cookieFor(user);
    // Used every 10 hours for a week: each refresh keeps it alive...
    for (let t = 10 * HOUR; t < SESSION_ABSOLUTE_SECONDS * 1000; t += 10 * HOUR) {
      vi.setSystemTime(start + t);
      expect(await viewerFromSessionCookie(cookie)).not.toBeNull();
      cookie = (await refreshSessionCookie(cookie)) ?? cookie;
    }
    // ...until seven days after signing in.
    vi.setSystemTime(start + SESSION_ABSOLUTE_SECONDS * 1000 + MINUTE);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
    expect(await refreshSessionCookie(cookie)).toBeNull();
  });

  it("refreshing does not resurrect a revoked session", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await cookieFor(user);
    await endAllSessions(user, null);
    vi.setSystemTime(start + HOUR);
    const refreshed = await refreshSessionCookie(cookie);
    expect(await viewerFromSessionCookie(refreshed ?? cookie)).toBeNull();
  });
});
