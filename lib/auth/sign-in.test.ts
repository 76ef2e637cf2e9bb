import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { tables } from "@/lib/db";
import { insertUser, TEST_PASSWORD, withTestDatabase } from "@/lib/testing/accounts";
import { verifyPassword } from "./password";
import { INVALID_CREDENTIALS, signInWithPassword } from "./sign-in";
import { THROTTLE_MAX_FAILURES } from "./throttle";

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

async function failuresFor(bucket: string): Promise<number | null> {
  const [row] = await db.handle().db.select().from(tables.loginThrottle).where(eq(tables.loginThrottle.bucket, bucket));
  return row?.failures ?? null;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email, and records it", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const ip = freshIp();
    const result = await signInWithPassword({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD }, ip);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "reporter" } });
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

  it(`refuses an account after ${THROTTLE_MAX_FAILURES} failures, even with the right password and from a new IP`, async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(await signInWithPassword({ email: user.email, password: `guess ${i}` }, freshIp())).toEqual({ ok: false, message: INVALID_CREDENTIALS });
    }
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp());
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    expect(!refused.ok && refused.message).toBe("Too many attempts, try again in 15 minutes.");
  });

  it("does no password hashing for a throttled attempt, and answers fast", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) await signInWithPassword({ email: user.email, password: `guess ${i}` }, freshIp());
    expect(verifyCalls()).toBe(THROTTLE_MAX_FAILURES);
    const started = performance.now();
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp());
    const elapsed = performance.now() - started;
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    expect(verifyCalls()).toBe(THROTTLE_MAX_FAILURES);
    expect(elapsed).toBeLessThan(200);
  });

  it("counts every spelling of an email in one bucket: case, spaces, full-width letters", async () => {
    const user = await insertUser(db.handle(), { role: "reporter", email: "casey.case@example.test" });
    const spellings = ["Casey.Case@Example.test", "CASEY.CASE@EXAMPLE.TEST", "  casey.case@example.test  ", "ｃａｓｅｙ.case@example.test", "casey.CASE@example.TEST"];
    for (const email of spellings) await signInWithPassword({ email, password: "not it at all" }, freshIp());
    expect(await failuresFor("email:casey.case@example.test")).toBe(5);
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp());
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
  });

  it("ignores junk fields: they neither open a new bucket nor reach the password check", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      await signInWithPassword(
        { email: user.email, password: `guess ${i}`, csrfToken: `t${i}`, callbackUrl: "/desk", json: "true", [`junk${i}`]: "x", bucket: `other-${i}`, ip: `10.9.9.${i}` },
        freshIp(),
      );
    }
    const refused = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, extra: "field" }, freshIp());
    expect(!refused.ok && refused.message).toMatch(TOO_MANY);
    const buckets = await db.handle().db.select({ bucket: tables.loginThrottle.bucket }).from(tables.loginThrottle);
    expect(buckets.some((b) => /junk|other-|10\.9\.9/.test(b.bucket))).toBe(false);
  });

  it("refuses an IP that rotates through emails, before hashing; other IPs are unaffected", async () => {
    const ip = freshIp();
    const user = await insertUser(db.handle(), { role: "editor" });
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
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

  it("lets at most five of ten parallel guesses reach the password check", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInWithPassword({ email: user.email, password: `parallel guess ${i}` }, freshIp())),
    );
    expect(verifyCalls()).toBeLessThanOrEqual(THROTTLE_MAX_FAILURES);
    expect(results.filter((r) => !r.ok && TOO_MANY.test(r.message)).length).toBeGreaterThanOrEqual(5);
  });

  it("records throttled attempts in the audit log", async () => {
    const ip = freshIp();
    for (let i = 0; i <= THROTTLE_MAX_FAILURES; i++) await signInWithPassword({ email: `audited-${i}@example.test`, password: "password123" }, ip);
    const events = await db.handle().db.select().from(tables.auditEvents).where(eq(tables.auditEvents.ip, ip));
    expect(events.filter((e) => e.action === "auth.sign_in_failed")).toHaveLength(THROTTLE_MAX_FAILURES);
    expect(events.filter((e) => e.action === "auth.throttled")).toHaveLength(1);
  });

  it("opens again after 15 minutes, and a success starts the account's count over", async () => {
    const user = await insertUser(db.handle(), { role: "reporter" });
    const start = new Date();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) await signInWithPassword({ email: user.email, password: `guess ${i}` }, freshIp());
    vi.setSystemTime(new Date(start.getTime() + 10 * 60_000));
    const stillLocked = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp());
    expect(!stillLocked.ok && stillLocked.message).toBe("Too many attempts, try again in 5 minutes.");
    vi.setSystemTime(new Date(start.getTime() + 16 * 60_000));
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp())).toMatchObject({ ok: true });
    expect(await failuresFor(`email:${user.email}`)).toBeNull();
    // Four fresh failures after the success are not enough to lock.
    for (let i = 0; i < THROTTLE_MAX_FAILURES - 1; i++) await signInWithPassword({ email: user.email, password: `again ${i}` }, freshIp());
    expect(await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, freshIp())).toMatchObject({ ok: true });
  });
});
