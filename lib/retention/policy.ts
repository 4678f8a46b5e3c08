import type { SettingValues } from '@/lib/settings/catalog';
import { DEFAULT_GRACE_DAYS, type RetentionConfig, type RetentionOptions } from './types';

const DAY_MS = 86_400_000;

/** The run's limits: the event's overrides, else the clinic's settings, else the defaults. */
export function resolveConfig(
  options: Pick<RetentionOptions, 'retentionDays' | 'keepLatest' | 'graceDays'>,
  settings: Pick<SettingValues, 'export_retention_days' | 'exports_keep_latest'>,
): RetentionConfig {
  return {
    retentionDays: options.retentionDays ?? settings.export_retention_days,
    keepLatest: options.keepLatest ?? settings.exports_keep_latest,
    graceDays: options.graceDays ?? DEFAULT_GRACE_DAYS,
  };
}

/** Attachments created before this are past the retention days. */
export function ageCutoff(now: Date, config: Pick<RetentionConfig, 'retentionDays'>): Date {
  return new Date(now.getTime() - config.retentionDays * DAY_MS);
}

/** Rows soft-deleted at or before this are past the grace period. */
export function graceCutoff(now: Date, config: Pick<RetentionConfig, 'graceDays'>): Date {
  return new Date(now.getTime() - config.graceDays * DAY_MS);
}

/** Reads the limits a run stored in its summary when it started (a resumed run reuses them). */
export function configFromSummary(summary: Record<string, number>): RetentionConfig | null {
  const { retentionDays, keepLatest, graceDays } = summary;
  if (
    typeof retentionDays !== 'number' ||
    typeof keepLatest !== 'number' ||
    typeof graceDays !== 'number'
  ) {
    return null;
  }
  return { retentionDays, keepLatest, graceDays };
}
