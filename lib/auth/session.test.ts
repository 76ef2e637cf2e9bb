import { afterEach, describe, expect, it, vi } from "vitest";
import { changeRole, completePasswordReset, deactivateUser, endAllSessions, issuePasswordReset, reactivateUser } from "@/lib/people/commands";
import { findUserById } from "@/lib/people/queries";
import { insertUser, TEST_PASSWORD, withTestDatabase, type TestUser } from "@/lib/testing/accounts";
import { checkSession, viewerFromSessionCookie } from "./session";
import { decodeSessionCookie, encodeSessionCookie, refreshSessionCookie } from "./session-token";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./session-cookie";
import { signInWithPassword } from "./sign-in";

const db = withTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** A decoded token as next-auth would hand it over, for the user as they are right now. */
async function tokenFor(user: TestUser, signedInAt = Date.now()) {
  const row = await findUserById(user.id);
  const seconds = Math.floor(signedInAt / 1000);
  return { uid: user.id, epoch: row!.sessionEpoch, signedInAt: seconds, iat: seconds, exp: seconds + SESSION_IDLE_SECONDS };
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
    expect(await checkSession({ ...good, signedInAt: Math.floor(Date.now() / 1000) + 3600 })).toBeNull();
    expect(await viewerFromSessionCookie("forged")).toBeNull();
    expect(await viewerFromSessionCookie(undefined)).toBeNull();
  });
});

describe("session cookies: idle 12 h, refreshed while used, absolute 7 days", () => {
  it("round-trips a cookie, and a copy of it works exactly as long as the original", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const cookie = await encodeSessionCookie(user);
    expect(await viewerFromSessionCookie(cookie)).toMatchObject({ id: user.id });
    await endAllSessions(user, null);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
  });

  it("expires after 12 idle hours", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await encodeSessionCookie(user);
    vi.setSystemTime(start + 11 * HOUR);
    expect(await viewerFromSessionCookie(cookie)).not.toBeNull();
    vi.setSystemTime(start + 12 * HOUR + MINUTE);
    expect(await viewerFromSessionCookie(cookie)).toBeNull();
  });

  it("refreshes only after a few minutes, keeping signedInAt and moving the expiry", async () => {
    const user = await insertUser(db.handle(), { role: "editor" });
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await encodeSessionCookie(user);
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
    let cookie = await encodeSessionCookie(user);
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
    const cookie = await encodeSessionCookie(user);
    await endAllSessions(user, null);
    vi.setSystemTime(start + HOUR);
    const refreshed = await refreshSessionCookie(cookie);
    expect(await viewerFromSessionCookie(refreshed ?? cookie)).toBeNull();
  });
});
