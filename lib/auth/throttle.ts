import "server-only";
import { isIPv6 } from "node:net";
import { and, asc, count, eq, gt, inArray, lt, ne } from "drizzle-orm";
import { getDb, tables } from "@/lib/db";

export const THROTTLE_WINDOW_MINUTES = 15;
/** Failed passwords for one account from one address within any 15 minutes. */
export const ACCOUNT_MAX_FAILURES = 5;
/**
 * Failed passwords from one address, whatever the accounts, within any 15 minutes: high enough
 * that a newsroom behind one NAT address does not lock itself out with its typos, low enough that
 * one address cannot spray guesses across the staff list.
 */
export const ADDRESS_MAX_FAILURES = 30;

const WINDOW_MS = THROTTLE_WINDOW_MINUTES * 60_000;

export type ThrottleBucket = { key: string; max: number; kind: "account" | "address" };
export type Reservation = { ids: number[]; buckets: ThrottleBucket[] };
export type ThrottleVerdict =
  | { allowed: true; reservation: Reservation }
  | { allowed: false; retryInMinutes: number; kind: ThrottleBucket["kind"] };

/**
 * The address a bucket is kept for: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would hand an attacker
 * endless fresh buckets).
 */
export function addressBucketKey(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("::") as [string, string?];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) sits in the last 64 bits, which the /64 drops anyway.
  const missing = 8 - headParts.length - tailParts.length - (ip.includes(".") ? 1 : 0);
  const full = ip.includes("::") ? [...headParts, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailParts] : headParts;
  return `${full.slice(0, 4).map((part) => (part.replace(/^0+(?=.)/, "") || "0")).join(":")}::/64`;
}

/**
 * Two buckets per attempt. The account is counted per address, so guessing from elsewhere cannot
 * lock its owner out; the address on its own bucket stops one address spraying many accounts.
 * Without a known address every attempt on the account shares one bucket.
 */
export function throttleBuckets(normalizedEmail: string, ip: string | null): ThrottleBucket[] {
  const address = ip ? addressBucketKey(ip) : "unknown";
  return [
    { key: `account:${normalizedEmail}|from:${address}`, max: ACCOUNT_MAX_FAILURES, kind: "account" },
    ...(ip ? [{ key: `address:${address}`, max: ADDRESS_MAX_FAILURES, kind: "address" as const }] : []),
  ];
}

/**
 * Counts this attempt in every bucket BEFORE any password hashing, so parallel guesses cannot slip
 * past the limit: each attempt first adds its row, then counts the rows of the last 15 minutes,
 * which include every attempt that came before it. The window slides: a bucket allows at most
 * `max` failures in ANY 15 minutes, so no burst can straddle a boundary. A refused attempt takes
 * its rows back (it tried no password) and is told when the oldest failure leaves the window.
 */
export async function reserveAttempt(buckets: ThrottleBucket[], now = new Date()): Promise<ThrottleVerdict> {
  const db = await getDb();
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  // Rows out of the window count for nothing any more; the index on `at` keeps this cheap.
  await db.delete(tables.loginAttempts).where(lt(tables.loginAttempts.at, windowStart));
  const ids: number[] = [];
  let refusal: { retryAt: Date; kind: ThrottleBucket["kind"] } | null = null;
  for (const bucket of buckets) {
    const [row] = await db.insert(tables.loginAttempts).values({ bucket: bucket.key, at: now }).returning({ id: tables.loginAttempts.id });
    ids.push(row!.id);
    const inWindow = and(eq(tables.loginAttempts.bucket, bucket.key), gt(tables.loginAttempts.at, windowStart), ne(tables.loginAttempts.id, row!.id));
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(tables.loginAttempts).where(inWindow);
    if (n < bucket.max) continue;
    // Allowed again once enough of the oldest attempts have left the window to leave room for one.
    const [oldest] = await db
      .select({ at: tables.loginAttempts.at })
      .from(tables.loginAttempts)
      .where(inWindow)
      .orderBy(asc(tables.loginAttempts.at), asc(tables.loginAttempts.id))
      .offset(n - bucket.max)
      .limit(1);
    const retryAt = new Date((oldest?.at ?? now).getTime() + WINDOW_MS);
    if (!refusal || retryAt > refusal.retryAt) refusal = { retryAt, kind: bucket.kind };
  }
  if (refusal) {
    await db.delete(tables.loginAttempts).where(inArray(tables.loginAttempts.id, ids));
    return { allowed: false, kind: refusal.kind, retryInMinutes: Math.max(1, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 60_000)) };
  }
  return { allowed: true, reservation: { ids, buckets } };
}

/**
 * A correct password: the account starts over from this address, and the address gets back the
 * attempt it reserved. (A failed password needs nothing: its reserved rows are the failure.)
 */
export async function recordSuccess(reservation: Reservation): Promise<void> {
  const db = await getDb();
  const accountKeys = reservation.buckets.filter((b) => b.kind === "account").map((b) => b.key);
  await db.transaction(async (tx) => {
    if (accountKeys.length > 0) await tx.delete(tables.loginAttempts).where(inArray(tables.loginAttempts.bucket, accountKeys));
    await tx.delete(tables.loginAttempts).where(inArray(tables.loginAttempts.id, reservation.ids));
  });
}
