import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { tables } from "@/lib/db";
import { insertUser, TEST_PASSWORD, withTestDatabase } from "@/lib/testing/accounts";
import { verifyPassword } from "./password";
import { INVALID_CREDENTIALS, signInWithPassword } from "./sign-in";
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, addressBucketKey } from "./throttle";

// The real argon2id verification, counted: "a throttled attempt does no hashing" is a call count.
vi.mock("./password", async (importOriginal) => {
  const original = await importOriginal<typeof import("./password")>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});

const db = withTestDatabase();
const verifyCalls = () => vi.mocked(verifyPassword).mock.calls.length;
const TOO_MANY = /^Too many attempts, try again in \d+ minutes?\.$/;

let ipSerial = 0;
/** A never-used address, so one test's IP bucket does not spill into another's. */
function freshIp(): string {
  ipSerial++;
  return `198.51.${Math.floor(ipSerial / 250)}.${ipSerial % 250}`;
}

/** Failures counted in a bucket right now (rows of the last 15 minutes). */
async function failuresIn(bucket: string): Promise<number> {
  const rows = await db.handle().db.select().from(tables.loginAttempts).where(eq(tables.loginAttempts.bucket, bucket));
  return rows.filter((r) => r.at.getTime() > Date.now() - 15 * 60_000).length;
}

const accountBucket = (email: string, ip: string) => `account:${email}|from:${ip}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and records it", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    const result = await signInWithPassword({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD }, ip);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "reporter" }, sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const events = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.targetId, user.id));
    expect(events.map((e) => [e.action, e.actorId, e.ip])).toContainEqual(["auth.sign_in", user.id, ip]);
  });

  it("gives the identical message for an unknown email, a wrong password and a deactivated account", async () => {
    const user = await insertUser(db.handle(), { role: "editor" });
    const inactive = await insertUser(db.handle(), { role: "editor", active: false });
    const unknown = await signInWithPassword({ email: "nobody-at-all@example.test", password: "whatever-it-is" }, freshIp());
    const wrong = await signInWithPassword({ email: user.email, password: "not the password" }, freshIp());
    const deactivated = await signInWithPassword({ email: inactive.email, password: TEST_PASSWORD }, freshIp());
    expect(unknown).toEqual({ ok: false, message: INVALID_CREDENTIALS });
    expect(wrong).toEqual(unknown);
    expect(deactivated).toEqual(unknown);
  });

  it("records failures with the attempted email and IP, and no actor", async () => {
    const ip = freshIp();
    await signInWithPassword({ email: "Audit-Me@Example.test", password: "nope-nope-nope" }, ip);
    const [event] = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.ip, ip));
    expect(event).toMatchObject({ action: "auth.sign_in_failed", actorId: null, details: { email: "audit-me@example.test" } });
  });

  it("takes the same time for an unknown email as for a wrong password (median difference < 50 ms)", async () => {
    const rounds = 15;
    const users = await Promise.all(Array.from({ length: rounds }, () => insertUser(db.handle(), { role: "reporter" })));
    // Warm both paths (JIT, first queries) before measuring.
    await signInWithPassword({ email: "warm-up@example.test", password: "x".repeat(12) }, freshIp());
    await signInWithPassword({ email: users[0]!.email, password: "x".repeat(12) }, freshIp());

    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Interleaved, so drift in machine load hits both kinds alike.
      let t = performance.now();
      const a = await signInWithPassword({ email: `unknown-${i}@example.test`, password: "wrong password!" }, freshIp());
      unknownMs.push(performance.now() - t);
      t = performance.now();
      const b = await signInWithPassword({ email: users[i]!.email, password: "wrong password!" }, freshIp());
      wrongMs.push(performance.now() - t);
      expect(a).toEqual({ ok: false, message: INVALID_CREDENTIALS });
      expect(b).toEqual(a);
    }
    const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    const difference = Math.abs(median(unknownMs) - median(wrongMs));
    console.log(
      `sign-in timing over ${rounds} rounds: unknown email median ${median(unknownMs).toFixed(1)} ms, ` +
        `wrong password median ${median(wrongMs).toFixed(1)} ms, difference ${difference.toFixed(1)} ms`,
    );
    // Both really verified a hash: neither path is a cheap early return.
    expect(median(unknownMs)).toBeGreaterThan(5);
    expect(difference).toBeLessThan(50);
  });
});

describe("throttle", () => {
  beforeEach(() => {
    vi.mocked(verifyPassword).mockClear();
  });

  it(`refuses an account from one address after ${ACCOUNT_MAX_FAILURES} failures, even with the right password`, async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      expect(await signInWithPassword({ email: user.email, password: `guess ${i}` }, ip)).toEqual({ ok: false, message: INVALID_CREDENTIALS });
    }
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(!refused.ok && refused.message).toBe("Too many attempts, try again in 15 minutes.");
  });

  it("an attacker guessing from other addresses cannot lock the owner out, admins included", async () => {
    const admin = await insertUser(db.handle(), { role: "admin" });
    const ownerIp = freshIp();
    // The attacker uses every guess each of several addresses allows, and more.
    for (let a = 0; a < 4; a++) {
      const attackerIp = freshIp();
      for (let i = 0; i <= ACCOUNT_MAX_FAILURES; i++) await signInWithPassword({ email: admin.email, password: `attack ${a}.${i}` }, attackerIp);
      const attackerRefused = await signInWithPassword({ email: admin.email, password: TEST_PASSWORD }, attackerIp);
      expect(!attackerRefused.ok && attackerRefused.message).toMatch(TOO_MANY);
    }
    expect(await signInWithPassword({ email: admin.email, password: TEST_PASSWORD }, ownerIp)).toMatchObject({ ok: true, user: { id: admin.id } });
  });

  it("colleagues behind one office address do not lock each other out with their typos", async () => {
    const office = freshIp();
    const staff = await Promise.all(Array.from({ length: 6 }, () => insertUser(db.handle(), { role: "reporter" })));
    // Six people, each mistyping twice: twelve failures from one address, more than one account's limit.
    for (const person of staff) {
      for (let i = 0; i < 2; i++) await signInWithPassword({ email: person.email, password: `typo ${i}` }, office);
    }
    for (const person of staff) expect(await signInWithPassword({ email: person.email, password: TEST_PASSWORD }, office)).toMatchObject({ ok: true });
  });

  it("does no password hashing for a throttled attempt, and answers fast", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await signInWithPassword({ email: user.email, password: `guess ${i}` }, ip);
    expect(verifyCalls()).toBe(ACCOUNT_MAX_FAILURES);
    const started = performance.now();
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip);
    const elapsed = performance.now() - started;
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    expect(verifyCalls()).toBe(ACCOUNT_MAX_FAILURES);
    expect(elapsed).toBeLessThan(200);
  });

  it("counts every spelling of an email in one bucket: case, spaces, full-width letters", async () => {
    const user = await insertUser(db.handle(), { role: "reporter", email: "casey.case@example.test" });
    const ip = freshIp();
    const spellings = ["Casey.Case@Example.test", "CASEY.CASE@EXAMPLE.TEST", "  casey.case@example.test  ", "ｃａｓｅｙ.case@example.test", "casey.CASE@example.TEST"];
    for (const email of spellings) await signInWithPassword({ email, password: "not it at all" }, ip);
    expect(await failuresIn(accountBucket("casey.case@example.test", ip))).toBe(5);
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
  });

  it("ignores junk fields: they neither open a new bucket nor reach the password check", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      await signInWithPassword(
        { email: user.email, password: `guess ${i}`, csrfToken: `t${i}`, callbackUrl: "/desk", json: "true", [`junk${i}`]: "x", bucket: `other-${i}`, ip: `10.9.9.${i}` },
        ip,
      );
    }
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, extra: "field" }, ip);
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    const buckets = await db.handle().db.select({ bucket: tables.loginAttempts.bucket }).from(tables.loginAttempts);
    expect(buckets.some((b) => /junk|other-|10\.9\.9/.test(b.bucket))).toBe(false);
  });

  it(`refuses an address that sprays many accounts after ${ADDRESS_MAX_FAILURES} failures, before hashing; other addresses are unaffected`, async () => {
    const ip = freshIp();
    const user = await insertUser(db.handle(), { role: "editor" });
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await signInWithPassword({ email: `rotating-${i}-${ip}@example.test`, password: "password123" }, ip)).toEqual({ ok: false, message: INVALID_CREDENTIALS });
    }
    const calls = verifyCalls();
    const fromSameIp = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(!fromSameIp.ok && fromSameIp.message).toMatch(TOO_MANY);
    const newEmailSameIp = await signInWithPassword({ email: `rotating-new-${ip}@example.test`, password: "password123" }, ip);
    expect(!newEmailSameIp.ok && newEmailSameIp.message).toMatch(TOO_MANY);
    expect(verifyCalls()).toBe(calls);
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp())).toMatchObject({ ok: true });
  });

  it("counts an IPv6 sprayer by its /64, so rotating the host part gives no fresh bucket", async () => {
    const prefix = "2001:db8:77:1";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await signInWithPassword({ email: `v6-${i}@example.test`, password: "password123" }, `${prefix}::${(i + 1).toString(16)}`);
    const refused = await signInWithPassword({ email: "v6-next@example.test", password: "password123" }, `${prefix}:ffff:1:2:3`);
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    expect(await signInWithPassword({ email: "v6-elsewhere@example.test", password: "password123" }, "2001:db8:77:2::1")).toEqual({ ok: false, message: INVALID_CREDENTIALS });
  });

  it("lets at most five of ten parallel guesses reach the password check", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInWithPassword({ email: user.email, password: `parallel guess ${i}` }, ip)),
    );
    expect(verifyCalls()).toBeLessThanOrEqual(ACCOUNT_MAX_FAILURES);
    expect(results.filter((r) => !r.ok && TOO_MANY.test(r.message)).length).toBeGreaterThanOrEqual(5);
  });

  it("records throttled attempts in the audit log, with the limit that answered", async () => {
    const ip = freshIp();
    const user = await insertUser(db.handle(), { role: "reporter" });
    for (let i = 0; i <= ACCOUNT_MAX_FAILURES; i++) await signInWithPassword({ email: user.email, password: `wrong ${i}` }, ip);
    const events = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.ip, ip));
    expect(events.filter((e) => e.action === "auth.sign_in_failed")).toHaveLength(ACCOUNT_MAX_FAILURES);
    const throttled = events.filter((e) => e.action === "auth.throttled");
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ targetId: user.email, details: { email: user.email, limit: "account" } });
  });

  it("slides: no burst straddling a 15-minute boundary gets more than five guesses in", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    // Fixed windows counted from the first failure: one guess at 0:00, three at 14:59, and at
    // 15:01 a fresh window let five more in (eight guesses in two minutes). A sliding window does not.
    await signInWithPassword({ email: user.email, password: "first" }, ip);
    vi.setSystemTime(new Date(start.getTime() + 14 * 60_000 + 59_000));
    for (let i = 0; i < 3; i++) await signInWithPassword({ email: user.email, password: `late ${i}` }, ip);
    vi.setSystemTime(new Date(start.getTime() + 15 * 60_000 + 1_000));
    const verdicts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await signInWithPassword({ email: user.email, password: `early ${i}` }, ip);
      verdicts.push(r.ok ? "ok" : r.message);
    }
    // The 0:00 failure has left the window; the three from 14:59 have not: room for two more.
    expect(verdicts).toEqual([INVALID_CREDENTIALS, INVALID_CREDENTIALS, ...Array(3).fill("Too many attempts, try again in 15 minutes.")]);
    expect(verifyCalls()).toBe(6);
    // In any 15 minutes at most five failures: the three from 14:59 leave the window at 29:59.
    vi.setSystemTime(new Date(start.getTime() + 29 * 60_000 + 58_000));
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({ ok: false, message: TOO_MANY });
    vi.setSystemTime(new Date(start.getTime() + 30 * 60_000));
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({ ok: true });
  });

  it("opens again as failures leave the window, and a success starts the account's count over", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await signInWithPassword({ email: user.email, password: `guess ${i}` }, ip);
    vi.setSystemTime(new Date(start.getTime() + 10 * 60_000));
    const stillLocked = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip);
    expect(!stillLocked.ok && stillLocked.message).toBe("Too many attempts, try again in 5 minutes.");
    vi.setSystemTime(new Date(start.getTime() + 16 * 60_000));
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({ ok: true });
    expect(await failuresIn(accountBucket(user.email, ip))).toBe(0);
    // Four fresh failures after the success are not enough to lock.
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await signInWithPassword({ email: user.email, password: `again ${i}` }, ip);
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({ ok: true });
  });
});

describe("addressBucketKey", () => {
  it("keeps IPv4 addresses whole and groups IPv6 addresses by /64", () => {
    expect(addressBucketKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressBucketKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(addressBucketKey("2001:0DB8:0000:0001:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:0:1::/64");
    expect(addressBucketKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucketKey("::1")).toBe("0:0:0:0::/64");
    expect(addressBucketKey("::ffff:192.0.2.1")).toBe("0:0:0:0::/64");
    expect(addressBucketKey("not an address")).toBe("not an address");
  });
});
