import { and, count, eq, gt, lte, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { rateLimitHits } from '../schema';

export interface ThrottleLimit {
  /** How many hits the window holds; the next one is throttled. */
  limit: number;
  windowMs: number;
}

export type ThrottleVerdict = 'allowed' | 'throttled';

/**
 * Counts one hit of `subject` (an address, an IP, a user id) against `bucket` over a sliding
 * window, shared by every app instance through `rate_limit_hits`. A throttled hit is not stored,
 * so a caller who keeps trying is let through again once the window has moved past the allowed
 * hits. The count and the insert run under a transaction-scoped advisory lock on the bucket and
 * subject, so concurrent requests (any instance) cannot all read "one left" and all pass. The
 * subject's hits older than the window are pruned as it goes.
 */
export async function hitThrottle(
  bucket: string,
  subject: string,
  { limit, windowMs }: ThrottleLimit,
  now: number = Date.now(),
): Promise<ThrottleVerdict> {
  const windowStart = new Date(now - windowMs);
  const ofSubject = and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.subject, subject));
  return getDb().db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${bucket}), hashtext(${subject}))`);
    await tx
      .delete(rateLimitHits)
      .where(and(ofSubject, lte(rateLimitHits.occurredAt, windowStart)));
    const [row] = await tx
      .select({ hits: count() })
      .from(rateLimitHits)
      .where(and(ofSubject, gt(rateLimitHits.occurredAt, windowStart)));
    if ((row?.hits ?? 0) >= limit) return 'throttled';
    await tx.insert(rateLimitHits).values({ bucket, subject, occurredAt: new Date(now) });
    return 'allowed';
  });
}
