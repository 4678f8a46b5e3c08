/**
 * One retention run of one clinic, as a sequence of steps. The same code runs under Inngest (each
 * step memoised and retried), inline, from the CLI and in tests.
 *
 * Resumable after a crash at any point: the run id comes from a step, the reference time `now`
 * and the limits are fixed by the start step (and stored in the run's row, so even a re-executed
 * start step returns the same ones), and every later step only does what is still left to do at
 * that reference time. The summary is counted from what the run stamped (`deleted_at` / `purged_at`
 * equal to its `now`), so it stays exact even when a step ran twice.
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '@/db/tenant';
import { ageCutoff, graceCutoff } from './policy';
import { countPurgeable, countPurgedAt, purgeBatch } from './purge';
import { failRun, finishRun, startRun, type StartedRun } from './runs';
import { countEligible, countSoftDeletedAt, softDeleteBatch } from './soft-delete';
import {
  DEFAULT_BATCH_SIZE,
  type JobStep,
  type RetentionCounts,
  type RetentionOptions,
  type RetentionResult,
} from './types';

/**
 * Batches per phase in one run. Inngest allows about 1000 steps per run; what is left over (more
 * than 400 × batch size rows in one night) is picked up by the next run.
 */
const MAX_BATCHES_PER_PHASE = 400;

type Plan = Pick<RetentionCounts, 'eligibleByAge' | 'eligibleByKeepLatest' | 'purgeable'>;

async function plan(db: TenantDb, run: StartedRun): Promise<Plan> {
  const now = new Date(run.now);
  const graceLimit = graceCutoff(now, run);
  return db.transaction(async (t) => {
    const eligible = await countEligible(t, now, run, ageCutoff(now, run));
    const alreadyDeleted = await countPurgeable(t, graceLimit);
    // Phase 1 stamps deleted_at with `now`: those rows are past the grace period within this same
    // run only when the grace period is zero days.
    const fromPhase1 =
      now <= graceLimit ? eligible.eligibleByAge + eligible.eligibleByKeepLatest : 0;
    return { ...eligible, purgeable: alreadyDeleted + fromPhase1 };
  });
}

async function finish(
  db: TenantDb,
  run: StartedRun,
  planned: Plan,
  requestedBy: string | null,
): Promise<RetentionResult> {
  const now = new Date(run.now);
  return db.transaction(async (t) => {
    const counts: RetentionCounts = {
      ...planned,
      softDeleted: run.dryRun ? 0 : await countSoftDeletedAt(t, now),
      purged: run.dryRun ? 0 : await countPurgedAt(t, now),
    };
    await finishRun(t, run, counts, requestedBy);
    return {
      runId: run.runId,
      clinicId: db.clinicId,
      dryRun: run.dryRun,
      now: run.now,
      retentionDays: run.retentionDays,
      keepLatest: run.keepLatest,
      graceDays: run.graceDays,
      ...counts,
    };
  });
}

/**
 * Runs retention for the clinic of `db`. A dry run stops after counting: it changes no attachment
 * and no stored object (its retention_runs row and audit event record that it ran).
 */
export async function runRetention(
  db: TenantDb,
  options: RetentionOptions,
  step: JobStep,
): Promise<RetentionResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const requestedBy = options.requestedBy ?? null;
  const runId = options.runId ?? (await step.run('retention-run-id', async () => randomUUID()));
  // Throws RetentionBusyError when another run of this clinic is in progress: nothing to clean up.
  const run = await step.run('retention-start', () => startRun(db, runId, options));
  try {
    const now = new Date(run.now);
    const ageLimit = ageCutoff(now, run);
    const graceLimit = graceCutoff(now, run);
    const planned = await step.run('retention-plan', () => plan(db, run));
    if (!run.dryRun) {
      for (let i = 0; i < MAX_BATCHES_PER_PHASE; i++) {
        const n = await step.run(`retention-soft-delete-${i}`, () =>
          db.transaction((t) => softDeleteBatch(t, now, run, ageLimit, batchSize)),
        );
        if (n < batchSize) break;
      }
      for (let i = 0; i < MAX_BATCHES_PER_PHASE; i++) {
        const n = await step.run(`retention-purge-${i}`, () =>
          purgeBatch(db, now, graceLimit, batchSize),
        );
        if (n < batchSize) break;
      }
    }
    return await step.run('retention-finish', () => finish(db, run, planned, requestedBy));
  } catch (err) {
    // Under Inngest this is reached only once the failing step has used up its retries.
    try {
      await step.run('retention-failed', () => failRun(db, run.runId, requestedBy));
    } catch (failErr) {
      console.error(`[retention] could not mark run ${run.runId} failed:`, failErr);
    }
    throw err;
  }
}
