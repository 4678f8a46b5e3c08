import type { JobStep } from '@/inngest/tenant-job';
import { ActionError } from '@/lib/errors';

/** Attachment purposes retention may touch. Never `patient_document`: those are clinical records. */
export const RETAINED_PURPOSES = ['export', 'report'] as const;

export const DEFAULT_GRACE_DAYS = 7;
export const DEFAULT_BATCH_SIZE = 200;
/**
 * A 'running' row older than this is presumed dead (a CLI killed mid-run, a worker that died before
 * its failure step) and may be taken over; see startRun.
 */
export const STALE_RUN_MS = 60 * 60_000;

export interface RetentionOptions {
  dryRun: boolean;
  /** Overrides of the clinic's settings for this run only. */
  retentionDays?: number;
  keepLatest?: number;
  graceDays?: number;
  /** Who asked (control plane, CLI, dashboard event), for retention_runs and the audit trail. */
  requestedBy?: string | null;
  /** The run's id. Omitted: generated in a step, so a resumed run keeps it. */
  runId?: string;
  /** The reference time (tests); omitted: the clock when the run starts. */
  now?: Date;
  batchSize?: number;
}

/** What a run found and did. Numbers only: this is stored in retention_runs and audited. */
export interface RetentionCounts {
  /** Live export/report attachments older than the retention days. */
  eligibleByAge: number;
  /** Live ones within the age limit but beyond the latest N of their (entity type, purpose). */
  eligibleByKeepLatest: number;
  /** Soft-deleted rows past the grace period whose bytes are (or, in a dry run, would be) purged. */
  purgeable: number;
  softDeleted: number;
  purged: number;
}

export interface RetentionConfig {
  retentionDays: number;
  keepLatest: number;
  graceDays: number;
}

export interface RetentionResult extends RetentionCounts, RetentionConfig {
  runId: string;
  clinicId: string;
  dryRun: boolean;
  /** The run's reference time (ISO). */
  now: string;
}

/** A run is already in progress for the clinic (the retention_runs one-running index said so). */
export class RetentionBusyError extends ActionError {
  constructor() {
    super(
      'A retention run is already in progress for this clinic. Try again when it has finished.',
    );
  }
}

export type { JobStep };

/** Steps that run once, right away: the CLI, the control plane's preview and tests. */
export const IMMEDIATE_STEPS: JobStep = { run: (_id, fn) => fn() };
