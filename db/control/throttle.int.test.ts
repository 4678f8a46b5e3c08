/**
 * The shared throttle (db/control/throttle.ts), by the clock values the callers pass: the limit
 * within a window, the window sliding, buckets and subjects kept apart, pruning, and concurrent
 * hits that cannot all slip through.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimitHits } from '@/db/schema';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { hitThrottle } from './throttle';

const db = useTestDatabase();
const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
const LIMIT = { limit: 3, windowMs: 60_000 };

beforeEach(async () => {
  await resetDatabase(db.handle());
});

const hits = (bucket: string, subject: string) =>
  getDb()
    .db.select()
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, bucket), eq(rateLimitHits.subject, subject)));

describe('hitThrottle', () => {
  it('allows `limit` hits in the window and throttles the next', async () => {
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await hitThrottle('b', 's', LIMIT, T0 + i));
    expect(verdicts).toEqual(['allowed', 'allowed', 'allowed', 'throttled']);
    // The throttled hit is not stored: it does not push the window out.
    expect(await hits('b', 's')).toHaveLength(3);
  });

  it('lets a hit through again once the window has slid past the oldest one', async () => {
    for (let i = 0; i < 3; i++) await hitThrottle('b', 's', LIMIT, T0 + i * 1000);
    expect(await hitThrottle('b', 's', LIMIT, T0 + 59_999)).toBe('throttled');
    expect(await hitThrottle('b', 's', LIMIT, T0 + 60_000)).toBe('allowed');
    expect(await hitThrottle('b', 's', LIMIT, T0 + 60_001)).toBe('throttled');
  });

  it('counts each bucket and subject on its own', async () => {
    for (let i = 0; i < 3; i++) await hitThrottle('b', 's', LIMIT, T0);
    expect(await hitThrottle('b', 'other', LIMIT, T0)).toBe('allowed');
    expect(await hitThrottle('other', 's', LIMIT, T0)).toBe('allowed');
    expect(await hitThrottle('b', 's', LIMIT, T0)).toBe('throttled');
  });

  it("prunes the subject's hits that left the window", async () => {
    for (let i = 0; i < 3; i++) await hitThrottle('b', 's', LIMIT, T0);
    await hitThrottle('b', 's', LIMIT, T0 + 120_000);
    expect((await hits('b', 's')).map((h) => h.occurredAt.getTime())).toEqual([T0 + 120_000]);
  });

  it('lets exactly `limit` of many concurrent hits through', async () => {
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, () => hitThrottle('b', 'race', LIMIT, T0)),
    );
    expect(verdicts.filter((v) => v === 'allowed')).toHaveLength(3);
    expect(await hits('b', 'race')).toHaveLength(3);
  });
});
