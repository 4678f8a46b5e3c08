/**
 * Phase 2: remove the stored bytes of export/report attachments soft-deleted longer than the grace
 * period, and mark them purged. The rows stay (downloads already refuse them; the history keeps
 * what existed).
 */
import { and, count, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { fileAttachments } from '@/db/schema';
import type { TenantDb, TenantScope } from '@/db/tenant';
import { getStorage } from '@/lib/storage';
import { RETAINED_PURPOSES } from './types';

/** Storage deletes in flight at once within a batch. */
const DELETE_CONCURRENCY = 8;

function purgeable(graceLimit: Date) {
  const f = fileAttachments;
  return and(
    inArray(f.purpose, [...RETAINED_PURPOSES]),
    isNotNull(f.deletedAt),
    lte(f.deletedAt, graceLimit),
    isNull(f.purgedAt),
  );
}

/** Soft-deleted rows past the grace period whose bytes are still stored. */
export async function countPurgeable(t: TenantScope, graceLimit: Date): Promise<number> {
  const [row] = await t.from(fileAttachments, { n: count() }).where(purgeable(graceLimit));
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY answers one row
  return row?.n ?? 0;
}

/**
 * One batch: read up to `batchSize` purgeable rows, delete their stored objects, then set
 * `purged_at` on exactly those rows. Storage work happens outside any database transaction.
 * Crash-safe in either order of failure: deleting a missing object is not an error, and rows are
 * marked only after their objects are gone, so a re-executed batch finishes what a crashed one
 * began. Returns how many rows the batch took on; fewer than `batchSize` means phase 2 is done.
 */
export async function purgeBatch(
  db: TenantDb,
  now: Date,
  graceLimit: Date,
  batchSize: number,
): Promise<number> {
  const f = fileAttachments;
  const rows = await db.transaction((t) =>
    t
      .from(f, { id: f.id, storageKey: f.storageKey })
      .where(purgeable(graceLimit))
      .orderBy(f.deletedAt, f.id)
      .limit(batchSize),
  );
  if (rows.length === 0) return 0;
  const storage = getStorage();
  for (let i = 0; i < rows.length; i += DELETE_CONCURRENCY) {
    await Promise.all(
      rows.slice(i, i + DELETE_CONCURRENCY).map((r) => storage.delete(r.storageKey)),
    );
  }
  await db.transaction((t) =>
    t.update(
      f,
      { purgedAt: now },
      and(
        inArray(
          f.id,
          rows.map((r) => r.id),
        ),
        isNull(f.purgedAt),
      ),
    ),
  );
  return rows.length;
}

/** Purged by this run: stamped with its reference time. */
export async function countPurgedAt(t: TenantScope, now: Date): Promise<number> {
  const f = fileAttachments;
  const [row] = await t
    .from(f, { n: count() })
    .where(and(eq(f.purgedAt, now), inArray(f.purpose, [...RETAINED_PURPOSES])));
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY answers one row
  return row?.n ?? 0;
}
