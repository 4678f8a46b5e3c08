/**
 * Phase 1: soft-delete export and report attachments that are past the clinic's retention days or
 * beyond the latest N of their (entity type, purpose). Set-based: each batch is at most two
 * UPDATEs over a subquery, never a row-by-row loop.
 */
import {
  and,
  count,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  sql,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import { fileAttachments } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { RETAINED_PURPOSES, type RetentionConfig } from './types';

/** Live (not soft-deleted) export and report attachments, and `more` conditions. */
function live(...more: (SQL | undefined)[]): SQL | undefined {
  const f = fileAttachments;
  return and(isNull(f.deletedAt), inArray(f.purpose, [...RETAINED_PURPOSES]), ...more);
}

/**
 * The live attachments that phase 1 keeps by age (created from `ageLimit` up to `now`), each with
 * its rank (1 = newest) within its (entity type, purpose). Older rows need no rank: they go by age
 * anyway, and being older they never push a newer row down the ranking. Rows created after the
 * reference time are left out, so a run resumed later still sees the ranking it started with.
 */
function rankedRecent(t: TenantScope, now: Date, ageLimit: Date) {
  const f = fileAttachments;
  return t
    .from(f, {
      id: f.id,
      rank: sql<number>`row_number() over (partition by ${f.entityType}, ${f.purpose} order by ${f.createdAt} desc, ${f.id} desc)`.as(
        'rank',
      ),
    })
    .where(live(gte(f.createdAt, ageLimit), lte(f.createdAt, now)))
    .as('ranked');
}

/** How many live attachments are eligible, split by reason (an old one counts as "by age"). */
export async function countEligible(
  t: TenantScope,
  now: Date,
  config: RetentionConfig,
  ageLimit: Date,
): Promise<{ eligibleByAge: number; eligibleByKeepLatest: number }> {
  const f = fileAttachments;
  const [byAge] = await t.from(f, { n: count() }).where(live(lt(f.createdAt, ageLimit)));
  const ranked = rankedRecent(t, now, ageLimit);
  const [byKeepLatest] = await t
    .from(ranked, { n: count() })
    .where(gt(ranked.rank, config.keepLatest));
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY answers one row
  return { eligibleByAge: byAge?.n ?? 0, eligibleByKeepLatest: byKeepLatest?.n ?? 0 };
}

/**
 * Soft-deletes up to `batchSize` eligible attachments, stamping `deleted_at` with the run's
 * reference time: first those past the age limit (read from the partial index of live rows, so a
 * batch costs the same however many came before it), then those beyond the latest N. Returns how
 * many it changed; fewer than `batchSize` means phase 1 is done. Idempotent: soft-deleted rows
 * are no longer live, and removing rows from the ranking only moves the remaining ones up, so a
 * rerun finds nothing new.
 */
export async function softDeleteBatch(
  t: TenantScope,
  now: Date,
  config: RetentionConfig,
  ageLimit: Date,
  batchSize: number,
): Promise<number> {
  const f = fileAttachments;
  const stamp = async (ids: SQLWrapper) =>
    (await t.update(f, { deletedAt: now }, and(inArray(f.id, ids), isNull(f.deletedAt)))).length;

  const old = t
    .from(f, { id: f.id })
    .where(live(lt(f.createdAt, ageLimit)))
    // Oldest first, in the order of the partial index of live rows, which Postgres then walks.
    .orderBy(f.purpose, f.createdAt)
    .limit(batchSize);
  const byAge = await stamp(old);
  if (byAge === batchSize) return byAge;

  const ranked = rankedRecent(t, now, ageLimit);
  const beyond = t
    .from(ranked, { id: ranked.id })
    .where(gt(ranked.rank, config.keepLatest))
    .limit(batchSize - byAge);
  return byAge + (await stamp(beyond));
}

/** Soft-deleted by this run: stamped with its reference time. */
export async function countSoftDeletedAt(t: TenantScope, now: Date): Promise<number> {
  const f = fileAttachments;
  const [row] = await t
    .from(f, { n: count() })
    .where(and(eq(f.deletedAt, now), inArray(f.purpose, [...RETAINED_PURPOSES])));
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY answers one row
  return row?.n ?? 0;
}
