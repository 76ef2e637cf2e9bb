import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, tables } from "@/lib/db";

export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MINUTES = 15;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryInMinutes: number };

export function throttleBuckets(normalizedEmail: string, ip: string | null): string[] {
  return [`email:${normalizedEmail}`, ...(ip ? [`ip:${ip}`] : [])];
}

/**
 * Counts this attempt against every bucket BEFORE any password hashing, so parallel guesses cannot
 * slip past the limit. A bucket past its failures (or locked) refuses the attempt.
 */
export async function reserveAttempt(buckets: string[], now = new Date()): Promise<ThrottleVerdict> {
  const db = await getDb();
  let lockedUntil = null as Date | null;
  for (const bucket of buckets) {
    const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    const [row] = await queryRows<{ failures: number; locked_until: string | Date | null }>(db, sql`
      insert into ${tables.loginThrottle} (bucket, failures, window_started_at)
      values (${bucket}, 1, ${now.toISOString()})
      on conflict (bucket) do update set
        failures = case
          when ${tables.loginThrottle.windowStartedAt} < ${windowStart.toISOString()}
            and (${tables.loginThrottle.lockedUntil} is null or ${tables.loginThrottle.lockedUntil} <= ${now.toISOString()})
          then 1 else ${tables.loginThrottle.failures} + 1 end,
        window_started_at = case
          when ${tables.loginThrottle.windowStartedAt} < ${windowStart.toISOString()}
            and (${tables.loginThrottle.lockedUntil} is null or ${tables.loginThrottle.lockedUntil} <= ${now.toISOString()})
          then ${now.toISOString()}::timestamptz else ${tables.loginThrottle.windowStartedAt} end,
        locked_until = case
          when ${tables.loginThrottle.lockedUntil} is not null and ${tables.loginThrottle.lockedUntil} <= ${now.toISOString()}
          then null else ${tables.loginThrottle.lockedUntil} end
      returning failures, locked_until`);
    const locked = row!.locked_until ? new Date(row!.locked_until) : null;
    if (locked && locked > now) lockedUntil = !lockedUntil || locked > lockedUntil ? locked : lockedUntil;
    else if (row!.failures > THROTTLE_MAX_FAILURES) {
      // Over the limit without a lock yet (racing attempts): lock from now.
      const until = new Date(now.getTime() + THROTTLE_WINDOW_MINUTES * 60_000);
      await db.execute(sql`update ${tables.loginThrottle} set locked_until = ${until.toISOString()} where bucket = ${bucket}`);
      lockedUntil = !lockedUntil || until > lockedUntil ? until : lockedUntil;
    }
  }
  if (lockedUntil) return { allowed: false, retryInMinutes: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000)) };
  return { allowed: true };
}

/** A failed password: buckets that reached the limit lock for the window. */
export async function recordFailure(buckets: string[], now = new Date()): Promise<void> {
  const db = await getDb();
  const until = new Date(now.getTime() + THROTTLE_WINDOW_MINUTES * 60_000);
  for (const bucket of buckets) {
    await db.execute(sql`
      update ${tables.loginThrottle} set locked_until = ${until.toISOString()}
      where bucket = ${bucket} and failures >= ${THROTTLE_MAX_FAILURES} and (locked_until is null or locked_until <= ${now.toISOString()})`);
  }
}

/** A correct password: the account's bucket starts over; the IP gives back the attempt it reserved. */
export async function recordSuccess(buckets: string[]): Promise<void> {
  const db = await getDb();
  for (const bucket of buckets) {
    if (bucket.startsWith("email:")) {
      await db.execute(sql`delete from ${tables.loginThrottle} where bucket = ${bucket}`);
    } else {
      await db.execute(sql`update ${tables.loginThrottle} set failures = greatest(failures - 1, 0) where bucket = ${bucket} and locked_until is null`);
    }
  }
}
