import { and, desc, eq, gte, lt, ne } from 'drizzle-orm';
import { uniqueViolation } from '@/db/errors';
import { retentionRuns } from '@/db/schema';
import type { TenantDb, TenantScope } from '@/db/tenant';
import { recordAudit } from '@/lib/audit/record';
import { settingValues } from '@/lib/settings/resolve';
import { configFromSummary, resolveConfig } from './policy';
import {
  RetentionBusyError,
  STALE_RUN_MS,
  type RetentionConfig,
  type RetentionCounts,
  type RetentionOptions,
} from './types';

export type RetentionRunRow = typeof retentionRuns.$inferSelect;

/** What the first step hands the rest of the run (JSON: Inngest memoises it). */
export interface StartedRun extends RetentionConfig {
  runId: string;
  /** The reference time of the whole run, ISO. Fixed here and reused by every later step. */
  now: string;
  dryRun: boolean;
}

function started(row: RetentionRunRow, fallback: RetentionConfig): StartedRun {
  return {
    runId: row.id,
    now: row.startedAt.toISOString(),
    dryRun: row.mode === 'dry_run',
    ...(configFromSummary(row.summary) ?? fallback),
  };
}

/**
 * Opens the run: its retention_runs row (status running) with the limits and the reference time.
 * Idempotent: when the row with this id exists (the step is re-executed after a crash), it is
 * reused as it is, so `now` and the limits never change within one run.
 *
 * At most one run per clinic is 'running' (unique index retention_runs_one_running, migration
 * 0007); a second start is refused with RetentionBusyError. That index guards every runner (Inngest,
 * CLI, control plane); Inngest additionally serialises its own runs by clinicId.
 *
 * Stale takeover: a row still 'running' an hour after it started belongs to a run that died
 * without reaching its failure step (a killed CLI process, a worker lost mid-step; an Inngest run
 * resumes with its own id and never needs this). Without the takeover that clinic would be blocked
 * for good. It is marked failed here, in the same transaction as the new row. Taking over a run
 * that is in fact still alive is harmless: every step only soft-deletes what is eligible, deletes
 * stored objects idempotently and sets purged_at, so two overlapping runs repeat work but never
 * disagree, and the audit trail is not touched by either.
 */
export async function startRun(
  db: TenantDb,
  runId: string,
  options: RetentionOptions,
): Promise<StartedRun> {
  try {
    return await db.transaction(async (t) => {
      const settings = await settingValues(t);
      const config = resolveConfig(options, settings);
      const existing = await t.findById(retentionRuns, runId);
      if (existing) return started(existing, config);

      const now = options.now ?? new Date();
      const stale = await t.update(
        retentionRuns,
        { status: 'failed', finishedAt: now },
        and(
          eq(retentionRuns.status, 'running'),
          lt(retentionRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS)),
          ne(retentionRuns.id, runId),
        ),
      );
      for (const row of stale) {
        await recordAudit(
          t,
          { userId: options.requestedBy ?? null },
          {
            action: 'retention.run',
            outcome: 'failure',
            entityType: 'retention_run',
            entityId: row.id,
            metadata: { staleTakenOver: 1 },
          },
        );
      }
      const row = await t.insert(retentionRuns, {
        id: runId,
        mode: options.dryRun ? 'dry_run' : 'real',
        status: 'running',
        summary: { ...config },
        requestedBy: options.requestedBy ?? null,
        startedAt: now,
      });
      return started(row, config);
    });
  } catch (err) {
    if (uniqueViolation(err)) throw new RetentionBusyError();
    throw err;
  }
}

/**
 * Closes the run as done with its summary and writes the one `retention.run` audit event. Only
 * the transition running → done writes them, in one transaction, so a re-executed step adds
 * nothing. Returns whether this call closed the run.
 */
export async function finishRun(
  t: TenantScope,
  run: StartedRun,
  counts: RetentionCounts,
  requestedBy: string | null,
): Promise<boolean> {
  const summary = {
    retentionDays: run.retentionDays,
    keepLatest: run.keepLatest,
    graceDays: run.graceDays,
    ...counts,
  };
  const closed = await t.update(
    retentionRuns,
    { status: 'done', finishedAt: new Date(), summary },
    and(eq(retentionRuns.id, run.runId), eq(retentionRuns.status, 'running')),
  );
  if (closed.length === 0) return false;
  await recordAudit(
    t,
    { userId: requestedBy },
    {
      action: 'retention.run',
      outcome: 'success',
      entityType: 'retention_run',
      entityId: run.runId,
      // Counts only (plus the mode): no ids of attachments, no file names.
      metadata: { dryRun: run.dryRun ? 1 : 0, ...summary },
    },
  );
  return true;
}

/** Marks the run failed (once) and audits the failure. */
export async function failRun(
  db: TenantDb,
  runId: string,
  requestedBy: string | null,
): Promise<void> {
  await db.transaction(async (t) => {
    const closed = await t.update(
      retentionRuns,
      { status: 'failed', finishedAt: new Date() },
      and(eq(retentionRuns.id, runId), eq(retentionRuns.status, 'running')),
    );
    if (closed.length === 0) return;
    await recordAudit(
      t,
      { userId: requestedBy },
      {
        action: 'retention.run',
        outcome: 'failure',
        entityType: 'retention_run',
        entityId: runId,
      },
    );
  });
}

/** A run as the control plane and the CLI show it. */
export interface RetentionRunView {
  id: string;
  mode: 'dry_run' | 'real';
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  summary: Record<string, number>;
}

export interface RetentionOverview {
  retentionDays: number;
  keepLatest: number;
  runs: RetentionRunView[];
}

/** The clinic's retention settings and latest runs, in one transaction. */
export async function retentionOverview(db: TenantDb, limit = 5): Promise<RetentionOverview> {
  return db.transaction(async (t) => {
    const settings = await settingValues(t);
    const runs = await t.list(retentionRuns, {
      orderBy: [desc(retentionRuns.startedAt), desc(retentionRuns.id)],
      limit,
    });
    return {
      retentionDays: settings.export_retention_days,
      keepLatest: settings.exports_keep_latest,
      runs: runs.map((r) => ({
        id: r.id,
        mode: r.mode,
        status: r.status,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        summary: r.summary,
      })),
    };
  });
}

/** Whether a run of this clinic is in progress (and not yet stale enough to be taken over). */
export async function runInProgress(db: TenantDb, now = new Date()): Promise<boolean> {
  const n = await db.count(
    retentionRuns,
    and(
      eq(retentionRuns.status, 'running'),
      gte(retentionRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS)),
    ),
  );
  return n > 0;
}
