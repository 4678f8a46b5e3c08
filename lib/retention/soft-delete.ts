/**
 * Phase 1: soft-delete export and report attachments that are past the clinic's retention days or
 * beyond the latest N of their (entity type, purpose). Set-based: each batch is one UPDATE over a
 * ranked subquery, never a row-by-row loop.
 */
import { and, count, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { fileAttachments } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { RETAINED_PURPOSES, type RetentionConfig } from './types';

/**
 * The clinic's live export/report attachments created up to `now`, each with its rank (1 = newest)
 * within its (entity type, purpose). Rows created after the reference time are left out, so a run
 * resumed later still sees the same ranking as when it started.
 */
function rankedLive(t: TenantScope, now: Date) {
  const f = fileAttachments;
  return t
    .select({
      id: f.id,
      createdAt: f.createdAt,
      rank: sql<number>`row_number() over (partition by ${f.entityType}, ${f.purpose} order by ${f.createdAt} desc, ${f.id} desc)`.as(
        'rank',
      ),
    })
    .from(f)
    .where(
      t.scoped(
        f,
        isNull(f.deletedAt),
        inArray(f.purpose, [...RETAINED_PURPOSES]),
        lte(f.createdAt, now),
      ),
    )
    .as('ranked');
}

/** How many live attachments are eligible, split by reason (an old one counts as "by age"). */
export async function countEligible(
  t: TenantScope,
  now: Date,
  config: RetentionConfig,
  ageLimit: Date,
): Promise<{ eligibleByAge: number; eligibleByKeepLatest: number }> {
  const ranked = rankedLive(t, now);
  const [row] = await t
    .select({
      byAge: sql<number>`count(*) filter (where ${lt(ranked.createdAt, ageLimit)})`.mapWith(Number),
      byKeepLatest: sql<number>`count(*) filter (where ${and(
        gte(ranked.createdAt, ageLimit),
        gt(ranked.rank, config.keepLatest),
      )})`.mapWith(Number),
    })
    .from(ranked);
  return { eligibleByAge: row?.byAge ?? 0, eligibleByKeepLatest: row?.byKeepLatest ?? 0 };
}

/**
 * Soft-deletes up to `batchSize` eligible attachments, stamping `deleted_at` with the run's
 * reference time. Returns how many it changed; fewer than `batchSize` means phase 1 is done.
 * Idempotent: soft-deleted rows are no longer live, and removing rows from the ranking only moves
 * the remaining ones up, so a rerun finds nothing new.
 */
export async function softDeleteBatch(
  t: TenantScope,
  now: Date,
  config: RetentionConfig,
  ageLimit: Date,
  batchSize: number,
): Promise<number> {
  const ranked = rankedLive(t, now);
  const batch = t
    .select({ id: ranked.id })
    .from(ranked)
    .where(or(lt(ranked.createdAt, ageLimit), gt(ranked.rank, config.keepLatest)))
    .orderBy(ranked.id)
    .limit(batchSize);
  const f = fileAttachments;
  const rows = await t.update(
    f,
    { deletedAt: now },
    and(inArray(f.id, batch), isNull(f.deletedAt)),
  );
  return rows.length;
}

/** Soft-deleted by this run: stamped with its reference time. */
export async function countSoftDeletedAt(t: TenantScope, now: Date): Promise<number> {
  const f = fileAttachments;
  const [row] = await t
    .select({ n: count() })
    .from(f)
    .where(t.scoped(f, eq(f.deletedAt, now), inArray(f.purpose, [...RETAINED_PURPOSES])));
  return row?.n ?? 0;
}
